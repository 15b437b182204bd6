import { deny } from './profile-actions';
import { RuleIds } from './rule-ids';
import { comment, escapeRegex, secRule } from './seclang';
import { WafProfileModel } from '../../model/waf-profile-model';

/**
 * Request bodies: allowed content types only, parsed as JSON by the engine, bounded in size,
 * depth and argument count (ids 73100-73199).
 * @internal
 */
export function bodyRules(model: WafProfileModel): string[] {
  const ids = new RuleIds(73100, 73199);
  const out = [comment('Request bodies: JSON only, parsed by the engine, bounded in size, depth and argument count.')];
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
  out.push(secRule({
    variables: 'REQUEST_HEADERS:Content-Type',
    operator: `@rx ^(?:${types})[ \\t]*(?:;[ \\t]*charset[ \\t]*=[ \\t]*(?:utf-8|\\x22utf-8\\x22)[ \\t]*)?$`,
    actions: [`id:${ids.take()}`, 'phase:1', 't:none', 't:lowercase', 'pass', 'nolog', 'setvar:tx.llm_content_type_ok=1'],
  }));
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
