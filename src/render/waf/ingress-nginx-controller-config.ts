import { validateWafRenderContext } from '../../options/waf/validate-waf-render-context';
import { WafRenderContext } from '../../options/waf/waf-render-context';

/** Where the ingress-nginx delivery expects the rules file inside the controller pod. */
export const INGRESS_NGINX_RULES_PATH = '/etc/nginx/llm-waf/llm-waf.conf';

/**
 * The ingress-nginx controller ConfigMap entries (controller level): ModSecurity on, the
 * controller's own CRS toggle off (the profile includes CRS itself, in order), and a
 * `modsecurity-snippet` that includes the rules file mounted at `INGRESS_NGINX_RULES_PATH`.
 * @internal
 */
export function renderIngressNginxWafControllerConfig(context: WafRenderContext): { [key: string]: string } {
  validateWafRenderContext(context);
  return {
    'enable-modsecurity': 'true',
    'enable-owasp-modsecurity-crs': 'false',
    'modsecurity-snippet': `Include ${INGRESS_NGINX_RULES_PATH}\n`,
  };
}
