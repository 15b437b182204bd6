import {
  CANONICAL_IPV4_REGEX, EMBEDDED_IPV4_IN_IPV6_REGEX, EMBEDDED_METADATA_IP_REGEX, METADATA_CIDRS, METADATA_HOSTNAME_REGEX,
  NUMERIC_HOST_REGEX, PRIVATE_CIDRS, PRIVATE_HOSTNAME_REGEX, URL_FIELD_SHAPE_REGEX,
} from './detectors/ssrf';
import { deny } from './profile-actions';
import { RuleIds } from './rule-ids';
import { argsNamed, comment, escapeRegex, secRule } from './seclang';
import { WafProfileModel } from '../../model/waf-profile-model';

/**
 * SSRF through URL fields: only http(s) URLs and inline base64 media; never metadata, link-local
 * or (optionally) private hosts, in any notation (ids 73800-73899). URL fields are excluded from
 * CRS (`crsRules`): these rules judge their whole shape instead.
 * @internal
 */
export function ssrfRules(model: WafProfileModel): string[] {
  const ids = new RuleIds(73800, 73899);
  // One variable per field: ModSecurity's parser does not accept "|" inside a variable regex.
  const fields = model.urlFields.map((f) => argsNamed(`\\.${escapeRegex(f)}`, true)).join('|');
  const out = [comment('SSRF through URL fields: only http(s) and inline data; never metadata, link-local or (optionally) private hosts, in any notation.')];
  out.push(secRule({
    variables: fields,
    operator: `!@rx ${URL_FIELD_SHAPE_REGEX}`,
    actions: [`id:${ids.take()}`, 'phase:2', 't:none', 't:trim', ...deny(403), "msg:'LLM WAF: URL field that is neither an http(s) URL nor an inline base64 image, audio or video'", "logdata:'%{MATCHED_VAR_NAME}'"],
  }));
  // Extract the host (IPv6 literals without brackets) into tx.llm_url_host.
  out.push(secRule({
    variables: fields,
    operator: '@rx \\Ahttps?://(?:[^@/?#\\\\]*@)?([^\\[:/?#\\\\]*)',
    actions: [`id:${ids.take()}`, 'phase:2', 't:none', 't:trim', 't:urlDecodeUni', 't:lowercase', 'pass', 'nolog', 'capture', 'setvar:tx.llm_url_host=%{TX.1}', 'setvar:tx.llm_url_field=%{MATCHED_VAR_NAME}'],
  }));
  out.push(secRule({
    variables: fields,
    operator: '@rx \\Ahttps?://(?:[^@/?#\\\\]*@)?\\[([^\\]]*)\\]',
    actions: [`id:${ids.take()}`, 'phase:2', 't:none', 't:trim', 't:urlDecodeUni', 't:lowercase', 'pass', 'nolog', 'capture', 'setvar:tx.llm_url_host=%{TX.1}', 'setvar:tx.llm_url_ipv6=1', 'setvar:tx.llm_url_field=%{MATCHED_VAR_NAME}'],
  }));
  const cidrs = [...METADATA_CIDRS, ...(model.blockPrivateUrls ? PRIVATE_CIDRS : [])];
  const denyUrl = (msg: string) => [...deny(403), `msg:'LLM WAF: ${msg}'`, "logdata:'%{tx.llm_url_field}: %{tx.llm_url_host}'"];
  out.push(secRule({
    variables: 'TX:llm_url_host',
    operator: `@ipMatch ${cidrs.join(',')}`,
    actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...denyUrl(model.blockPrivateUrls ? 'URL to a metadata, link-local or private address' : 'URL to a metadata or link-local address')],
  }));
  out.push(secRule({
    variables: 'TX:llm_url_host',
    operator: `@rx ${METADATA_HOSTNAME_REGEX}`,
    actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...denyUrl('URL to a cloud metadata host name')],
  }));
  out.push(secRule({
    variables: 'TX:llm_url_host',
    operator: `@rx ${EMBEDDED_METADATA_IP_REGEX}`,
    actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...denyUrl('URL host embeds the link-local metadata address')],
  }));
  out.push(secRule({
    variables: 'TX:llm_url_host',
    operator: `@rx ${NUMERIC_HOST_REGEX}`,
    actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...denyUrl('URL host is an IP address in a non-canonical notation')],
    chain: [{ variables: 'TX:llm_url_host', operator: `!@rx ${CANONICAL_IPV4_REGEX}`, actions: [] }],
  }));
  out.push(secRule({
    variables: 'TX:llm_url_ipv6',
    operator: '@eq 1',
    actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...denyUrl('URL host is an IPv6 literal embedding an IPv4 address')],
    chain: [{ variables: 'TX:llm_url_host', operator: `@rx ${EMBEDDED_IPV4_IN_IPV6_REGEX}`, actions: [] }],
  }));
  if (model.blockPrivateUrls) {
    out.push(secRule({
      variables: 'TX:llm_url_host',
      operator: `@rx ${PRIVATE_HOSTNAME_REGEX}`,
      actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...denyUrl('URL to a loopback or cluster-internal host name')],
    }));
  }
  return out;
}
