import { deny, WAF_PROFILE_TAG } from './profile-actions';
import { contentTypesOf, routeBodyFlag, routesDifferInBodies } from './route-content-types';
import { RuleIds } from './rule-ids';
import { actionText, comment, escapeRegex, secRule } from './seclang';
import { WafRenderContext, WafRoute } from '../../options/waf/waf-render-context';

/**
 * Routes, methods and hosts the endpoint serves; everything else is refused (ids 73010-73099).
 * When routes differ in the bodies they take, each route also says which kinds it takes, for the
 * body rules (`tx.llm_route_json`, `tx.llm_route_multipart`).
 * @internal
 */
export function routeRules(context: WafRenderContext): string[] {
  const ids = new RuleIds(73010, 73099);
  const out = [comment('Routes, methods and hosts the endpoint serves; everything else is refused.')];
  out.push(secRule({
    variables: 'REQUEST_FILENAME',
    operator: '@rx (?:^|/)\\.{1,2}(?:/|$)|//|\\\\|\\x00',
    actions: [`id:${ids.take()}`, 'phase:1', 't:none', 't:urlDecodeUni', ...deny(400), "msg:'LLM WAF: path with dot segments, empty segments or backslashes'"],
  }));
  if (context.hosts && context.hosts.length > 0) {
    const hostRe = context.hosts.map((h) => h.startsWith('*.') ? `[a-z0-9-]+\\.${escapeRegex(h.slice(2))}` : escapeRegex(h)).join('|');
    out.push(secRule({
      variables: 'REQUEST_HEADERS:Host',
      operator: `!@rx ^(?:${hostRe})(?::[0-9]{1,5})?$`,
      actions: [`id:${ids.take()}`, 'phase:1', 't:none', 't:lowercase', ...deny(404), "msg:'LLM WAF: host not served by this endpoint'"],
    }));
    out.push(secRule({
      variables: '&REQUEST_HEADERS:Host',
      operator: '@eq 0',
      actions: [`id:${ids.take()}`, 'phase:1', 't:none', ...deny(400), "msg:'LLM WAF: request without Host header'"],
    }));
  }
  const bodyFlags = routesDifferInBodies(context);
  context.routes.forEach((route, i) => {
    const flags = bodyFlags ? contentTypesOf(route).map((t) => `setvar:tx.${routeBodyFlag(t)}=1`) : [];
    out.push(secRule({
      variables: 'REQUEST_FILENAME',
      operator: routeOperator(route),
      actions: [`id:${ids.take()}`, 'phase:1', 't:none', 'pass', 'nolog', `setvar:tx.llm_route_${i}=1`, 'setvar:tx.llm_route_known=1', ...flags, `tag:${WAF_PROFILE_TAG}`],
    }));
  });
  out.push(secRule({
    variables: '&TX:llm_route_known',
    operator: '@eq 0',
    actions: [`id:${ids.take()}`, 'phase:1', 't:none', ...deny(404), "msg:'LLM WAF: route not served by this endpoint'", "logdata:'%{REQUEST_FILENAME}'"],
  }));
  context.routes.forEach((route, i) => {
    out.push(secRule({
      variables: `TX:llm_route_${i}`,
      operator: '@eq 1',
      actions: [`id:${ids.take()}`, 'phase:1', 't:none', ...deny(405), `msg:'LLM WAF: method not allowed on ${actionText(route.path)}'`, "logdata:'%{REQUEST_METHOD}'"],
      chain: [{ variables: 'REQUEST_METHOD', operator: `!@within ${route.methods.map((m) => m.toUpperCase()).join(' ')}`, actions: [] }],
    }));
  });
  return out;
}

function routeOperator(route: WafRoute): string {
  const p = escapeRegex(route.path.replace(/\/+$/, '') || '/');
  // \A and \z, not ^ and $: both engines compile @rx multi-line, where $ also matches before a line
  // break, so ^/v1/models$ would take "/v1/models%0Aanything" (the path is decoded) for the route.
  if (route.pathMatch === 'Exact') return `@rx \\A${escapeRegex(route.path)}\\z`;
  if (route.path === '/') return '@rx \\A/';
  return `@rx \\A${p}(?:/|\\z)`;
}
