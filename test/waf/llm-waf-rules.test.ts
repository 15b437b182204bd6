import { wafProfileModel } from '../../src/model/waf-profile-model';
import { renderCorazaDirectives, renderLlmWafRules } from '../../src/render/waf/llm-waf-rules';
import {
  CrsRuleSet, INGRESS_NGINX_RULES_PATH, LlmWafProfile, LlmWafRules, WafMode, WafRenderContext,
} from '../../src/waf';

const context: WafRenderContext = {
  routes: [{ path: '/v1/chat/completions', pathMatch: 'Exact', methods: ['POST'] }],
  hosts: ['llm.example.com'],
  crsRuleSet: CrsRuleSet.DEBIAN,
};

describe('LlmWafRules', () => {
  const profile = new LlmWafProfile({ mode: WafMode.DETECT });

  test('render is the plain rules file of the profile', () => {
    const rules = LlmWafRules.render(profile, context);
    expect(rules).toBe(renderLlmWafRules(wafProfileModel(profile), context));
    expect(rules).toContain('SecRuleEngine DetectionOnly\n');
    expect(rules).toContain('Include /etc/modsecurity/crs/crs-setup.conf');
  });

  test('corazaDirectives uses the embedded CRS', () => {
    const directives = LlmWafRules.corazaDirectives(profile, context);
    expect(directives).toBe(renderCorazaDirectives(wafProfileModel(profile), context));
    expect(directives).toContain('Include @crs-setup-conf\n');
  });

  test('ingressNginxControllerConfig includes the mounted rules file', () => {
    expect(LlmWafRules.ingressNginxControllerConfig(context)['modsecurity-snippet']).toBe(`Include ${INGRESS_NGINX_RULES_PATH}\n`);
  });

  test('fails when the context is invalid', () => {
    expect(() => LlmWafRules.render(profile, { routes: [] })).toThrow(/context.routes is empty/);
    expect(() => LlmWafRules.corazaDirectives(profile, { routes: [] })).toThrow(/context.routes is empty/);
    expect(() => LlmWafRules.ingressNginxControllerConfig({ routes: [] })).toThrow(/context.routes is empty/);
  });
});
