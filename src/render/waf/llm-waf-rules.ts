import { bodyRules } from './body-rules';
import { costRules } from './cost-rules';
import { crsRules, crsSetup } from './crs-rules';
import { detectorRules } from './detector-rules';
import { engineSettings } from './engine-settings';
import { lookupInjectionRules } from './lookup-injection-rules';
import { responseRules } from './response-rules';
import { routeRules } from './route-rules';
import { schemaRules } from './schema-rules';
import { comment } from './seclang';
import { ssrfRules } from './ssrf-rules';
import { WafProfileModel } from '../../model/waf-profile-model';
import { CrsRuleSet } from '../../options/waf/crs-rule-set';
import { validateWafRenderContext } from '../../options/waf/validate-waf-render-context';
import { WafRenderContext } from '../../options/waf/waf-render-context';

/** Rendering switches that differ between deliveries. @internal */
export interface WafRulesRenderOptions {
  readonly crsRuleSet: CrsRuleSet;
  /** Whether the engine has the `@verifyCC` operator (Luhn check). */
  readonly verifyCc: boolean;
  /**
   * Whether the engine's regular expressions are automata (RE2), so that each detector group's
   * signatures run as one union pass first (see `detectorRules`).
   * @default false
   */
  readonly regexAutomata?: boolean;
}

/**
 * The plain rules file (SecLang) for any ModSecurity v3 or Coraza deployment, with the CRS
 * named by `context.crsRuleSet` (default: the ingress-nginx image's) included at the right place.
 * @internal
 */
export function renderLlmWafRules(model: WafProfileModel, context: WafRenderContext): string {
  return renderWafRules(model, context, { crsRuleSet: context.crsRuleSet ?? CrsRuleSet.INGRESS_NGINX, verifyCc: true });
}

/**
 * The Coraza directives for Envoy Gateway (coraza-proxy-wasm): CRS from the module's embedded
 * tree (`@crs-setup-conf`, `@owasp_crs`); payment cards by shape and context (no `@verifyCC` there);
 * each detector group's signatures behind one union pass (the module's regexes are RE2 automata).
 * @internal
 */
export function renderCorazaDirectives(model: WafProfileModel, context: WafRenderContext): string {
  return renderWafRules(model, context, { crsRuleSet: CrsRuleSet.CORAZA_PROXY_WASM, verifyCc: false, regexAutomata: true });
}

/**
 * The profile's rules in order: engine settings, CRS setup and tuning, the profile's own
 * sections (routes, request schemas of known APIs, bodies, ...), then the CRS rule files and the prompt-field exclusions.
 * @internal
 */
export function renderWafRules(model: WafProfileModel, context: WafRenderContext, opts: WafRulesRenderOptions): string {
  validateWafRenderContext(context);
  const out: string[] = [];
  out.push(comment([
    'LLM inference WAF profile (cdk8s-secure-ai). Generated: do not edit.',
    'Valid for ModSecurity v3 and Coraza. Rule ids 73000-73999.',
  ].join('\n')));
  out.push(engineSettings(model));
  out.push(...crsSetup(model, opts.crsRuleSet));
  out.push(...routeRules(context));
  out.push(...schemaRules(model, context));
  out.push(...bodyRules(model, context));
  out.push(...costRules(model, context));
  out.push(...detectorRules(model, opts.verifyCc, opts.regexAutomata ?? false));
  out.push(...ssrfRules(model));
  out.push(...lookupInjectionRules(model));
  out.push(...responseRules(model));
  out.push(...crsRules(model, opts.crsRuleSet));
  return out.join('\n\n') + '\n';
}
