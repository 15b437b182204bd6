import { deny } from './profile-actions';
import { anyRouteTakesMultipart, routeBodyFlag, routesDifferInBodies } from './route-content-types';
import { RuleIds } from './rule-ids';
import { comment, escapeRegex, secRule } from './seclang';
import { WafProfileModel } from '../../model/waf-profile-model';
import { RouteContentType } from '../../options/route-content-type';
import { WafRenderContext } from '../../options/waf/waf-render-context';

/**
 * `multipart/form-data` with its boundary and no other parameter (RFC 2046 boundary characters,
 * unquoted: libmodsecurity counts a quoted boundary as a strict-validation error), lower-cased.
 */
const MULTIPART_CONTENT_TYPE = "^multipart/form-data[ \\t]*;[ \\t]*boundary=[0-9a-z'()+_,./:=?-]{1,70}$";

/**
 * Request bodies: on each route only the kinds of body it takes (JSON: the allowed content types,
 * parsed as JSON; multipart/form-data: parsed with strict multipart validation), bounded in size,
 * depth and argument count (ids 73100-73199).
 * @internal
 */
export function bodyRules(model: WafProfileModel, context: WafRenderContext): string[] {
  const ids = new RuleIds(73100, 73199);
  const perRoute = routesDifferInBodies(context);
  const multipart = anyRouteTakesMultipart(context);
  const out = [comment(perRoute
    ? 'Request bodies: on each route only the kinds it takes (JSON, multipart uploads), parsed by the\nengine, bounded in size, depth and argument count.'
    : 'Request bodies: JSON only, parsed by the engine, bounded in size, depth and argument count.')];
  out.push(secRule({
    variables: 'REQUEST_METHOD',
    operator: '@within POST PUT PATCH',
    actions: [`id:${ids.take()}`, 'phase:1', 't:none', 'pass', 'nolog', 'setvar:tx.llm_has_body=1'],
  }));
  out.push(secRule({
    variables: 'REQUEST_HEADERS:Content-Length',
    operator: '!@rx ^0*$',
    actions: [`id:${ids.take()}`, 'phase:1', 't:none', 'pass', 'nolog', 'setvar:tx.llm_has_body=1'],
  }));
  out.push(secRule({
    variables: '&REQUEST_HEADERS:Transfer-Encoding',
    operator: '@gt 0',
    actions: [`id:${ids.take()}`, 'phase:1', 't:none', 'pass', 'nolog', 'setvar:tx.llm_has_body=1'],
  }));
  const types = model.allowedContentTypes.map(escapeRegex).join('|');
  const jsonType = `@rx ^(?:${types})[ \\t]*(?:;[ \\t]*charset[ \\t]*=[ \\t]*(?:utf-8|\\x22utf-8\\x22)[ \\t]*)?$`;
  if (perRoute) {
    // Each kind of body only on the routes that take it (the route rules set the flags).
    out.push(secRule({
      variables: 'REQUEST_HEADERS:Content-Type',
      operator: jsonType,
      actions: [`id:${ids.take()}`, 'phase:1', 't:none', 't:lowercase', 'pass', 'nolog'],
      chain: [{ variables: `TX:${routeBodyFlag(RouteContentType.JSON)}`, operator: '@eq 1', actions: ['setvar:tx.llm_content_type_ok=1'] }],
    }));
  } else {
    out.push(secRule({
      variables: 'REQUEST_HEADERS:Content-Type',
      operator: jsonType,
      actions: [`id:${ids.take()}`, 'phase:1', 't:none', 't:lowercase', 'pass', 'nolog', 'setvar:tx.llm_content_type_ok=1'],
    }));
  }
  if (multipart) {
    // Both engines parse a multipart/form-data body as multipart by its Content-Type (libmodsecurity
    // 3 has no ctl for it): form fields become arguments, files are not inspected; the raw body,
    // file bytes included, is not scanned again by CRS.
    out.push(secRule({
      variables: 'REQUEST_HEADERS:Content-Type',
      operator: `@rx ${MULTIPART_CONTENT_TYPE}`,
      actions: [
        `id:${ids.take()}`, 'phase:1', 't:none', 't:lowercase', 'pass', 'nolog',
        ...(model.crs ? ['ctl:ruleRemoveTargetByTag=OWASP_CRS;REQUEST_BODY'] : []),
      ],
      chain: [{ variables: `TX:${routeBodyFlag(RouteContentType.MULTIPART_FORM_DATA)}`, operator: '@eq 1', actions: ['setvar:tx.llm_content_type_ok=1'] }],
    }));
  }
  out.push(secRule({
    variables: 'TX:llm_has_body',
    operator: '@eq 1',
    actions: [`id:${ids.take()}`, 'phase:1', 't:none', ...deny(415), "msg:'LLM WAF: request body content type not allowed'", "logdata:'%{REQUEST_HEADERS.Content-Type}'"],
    chain: [{ variables: '&TX:llm_content_type_ok', operator: '@eq 0', actions: [] }],
  }));
  const jsonTypes = model.allowedContentTypes.filter((t) => t === 'application/json' || t.endsWith('+json'));
  if (jsonTypes.length > 0) {
    out.push(secRule({
      variables: 'REQUEST_HEADERS:Content-Type',
      operator: `@rx ^(?:${jsonTypes.map(escapeRegex).join('|')})`,
      actions: [
        `id:${ids.take()}`, 'phase:1', 't:none', 't:lowercase', 'pass', 'nolog',
        'ctl:requestBodyProcessor=JSON',
        // The parsed JSON is inspected through ARGS; the raw body is not scanned again by CRS.
        ...(model.crs ? ['ctl:ruleRemoveTargetByTag=OWASP_CRS;REQUEST_BODY'] : []),
      ],
    }));
  }
  out.push(secRule({
    variables: 'REQBODY_ERROR',
    operator: '!@eq 0',
    actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...deny(400), "msg:'LLM WAF: malformed request body'", "logdata:'%{REQBODY_ERROR_MSG}'"],
  }));
  if (multipart) {
    // Strict multipart validation (ModSecurity's recommended rules 200003 and 200004): parsers
    // that disagree on a body's parts are a way past any WAF.
    out.push(secRule({
      variables: 'MULTIPART_STRICT_ERROR',
      operator: '!@eq 0',
      actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...deny(400), "msg:'LLM WAF: multipart body failed strict validation'"],
    }));
    out.push(secRule({
      variables: 'MULTIPART_UNMATCHED_BOUNDARY',
      operator: '@eq 1',
      actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...deny(400), "msg:'LLM WAF: multipart body with an unmatched boundary'"],
    }));
  }
  out.push(secRule({
    variables: '&ARGS',
    operator: `@gt ${model.maxArguments}`,
    actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...deny(400), `msg:'LLM WAF: more than ${model.maxArguments} arguments'`],
  }));
  out.push(secRule({
    variables: 'ARGS_NAMES',
    operator: `@rx ^json(?:\\.[^.]*){${model.maxJsonDepth + 1},}`,
    actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...deny(400), `msg:'LLM WAF: JSON nested deeper than ${model.maxJsonDepth}'`],
  }));
  return out;
}
