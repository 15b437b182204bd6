import { WafRenderContext } from './waf-render-context';
import { routeContentTypes } from '../inference-route';

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const HOST_NAME = /^(?:\*\.)?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const ROUTE_PATH = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/;

/**
 * Fails when the context cannot be rendered: no routes, a relative or quoted path, an unknown
 * path match or method, an empty or repeated list of content types, a host that is not a
 * lower-case DNS name.
 * @internal
 */
export function validateWafRenderContext(context: WafRenderContext): void {
  if (!context.routes || context.routes.length === 0) {
    throw new Error('LlmWafProfile: context.routes is empty. List the routes the endpoint serves, e.g. { path: "/v1/chat/completions", pathMatch: "Exact", methods: ["POST"] }.');
  }
  context.routes.forEach((r, i) => {
    if (!ROUTE_PATH.test(r.path)) {
      throw new Error(`LlmWafProfile: route path "${r.path}" is invalid. Use an absolute path starting with "/", without spaces or quotes.`);
    }
    if (r.pathMatch !== 'Exact' && r.pathMatch !== 'Prefix') {
      throw new Error(`LlmWafProfile: route "${r.path}" has pathMatch "${r.pathMatch}". Use "Exact" or "Prefix".`);
    }
    if (!r.methods || r.methods.length === 0) {
      throw new Error(`LlmWafProfile: route "${r.path}" has no methods. List the allowed methods, e.g. ["POST"].`);
    }
    for (const m of r.methods) {
      if (!HTTP_METHODS.includes(m.toUpperCase())) {
        throw new Error(`LlmWafProfile: route "${r.path}" has method "${m}". Use one of ${HTTP_METHODS.join(', ')}.`);
      }
    }
    routeContentTypes(`context.routes[${i}].contentTypes`, r.contentTypes);
  });
  for (const h of context.hosts ?? []) {
    if (!HOST_NAME.test(h)) {
      throw new Error(`LlmWafProfile: host "${h}" is not a lower-case DNS name. Use e.g. "llm.example.com" or "*.example.com".`);
    }
  }
}
