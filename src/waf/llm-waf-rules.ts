import { wafProfileModel } from '../model/waf-profile-model';
import { LlmWafProfile } from '../options/waf/llm-waf-profile';
import { WafRenderContext } from '../options/waf/waf-render-context';
import { renderIngressNginxWafControllerConfig } from '../render/waf/ingress-nginx-controller-config';
import { renderCorazaDirectives, renderLlmWafRules } from '../render/waf/llm-waf-rules';

/**
 * Renders an `LlmWafProfile` for a WAF engine: the plain SecLang rules file (ModSecurity v3,
 * Coraza), the Coraza directives for Envoy Gateway, and the ingress-nginx controller entries
 * that load the rules file. To ship the rules file as a ConfigMap, use `LlmWafRulesConfigMap`.
 */
export class LlmWafRules {
  /**
   * The plain rules file (SecLang) for any ModSecurity v3 or Coraza deployment.
   * It includes the CRS named by `context.crsRuleSet` at the right place.
   *
   * @param profile the profile to render
   * @param context the endpoint's routes, hosts and CRS location
   */
  public static render(profile: LlmWafProfile, context: WafRenderContext): string {
    return renderLlmWafRules(wafProfileModel(profile), context);
  }

  /**
   * The Coraza directives for Envoy Gateway (coraza-proxy-wasm through an EnvoyExtensionPolicy):
   * CRS from the module's embedded tree (`@crs-setup-conf`, `@owasp_crs`); payment cards by shape
   * and context (no `@verifyCC` there).
   *
   * @param profile the profile to render
   * @param context the endpoint's routes and hosts (`crsRuleSet` is ignored: the embedded CRS is used)
   */
  public static corazaDirectives(profile: LlmWafProfile, context: WafRenderContext): string {
    return renderCorazaDirectives(wafProfileModel(profile), context);
  }

  /**
   * The ingress-nginx controller ConfigMap entries (controller level, owned by the platform team):
   * ModSecurity on, the controller's own CRS toggle off (the profile includes CRS itself, in order),
   * and a `modsecurity-snippet` that includes the rules file mounted at `INGRESS_NGINX_RULES_PATH`
   * (render it with `LlmWafRules.render` and `CrsRuleSet.INGRESS_NGINX`, e.g. through `LlmWafRulesConfigMap`).
   *
   * The entries do not depend on the profile: one set serves every endpoint on the controller.
   *
   * @param context the endpoint's routes and hosts (validated)
   */
  public static ingressNginxControllerConfig(context: WafRenderContext): { [key: string]: string } {
    return renderIngressNginxWafControllerConfig(context);
  }

  private constructor() {}
}
