import { Testing } from 'cdk8s';
import { wafProfileModel } from '../../../src/model/waf-profile-model';
import { LlmWafProfile } from '../../../src/options/waf/llm-waf-profile';
import { renderLlmWafRules } from '../../../src/render/waf/llm-waf-rules';
import {
  LLM_WAF_RULES_KEY, renderLlmWafRulesConfigMap, WAF_HOSTS_ANNOTATION, WAF_PROFILE_LABEL,
} from '../../../src/render/waf/llm-waf-rules-config-map';

describe('renderLlmWafRulesConfigMap', () => {
  const profile = wafProfileModel(new LlmWafProfile());
  const context = { routes: [{ path: '/v1/models', pathMatch: 'Exact', methods: ['GET'] }], hosts: ['llm.example.com', '*.example.com'] };

  test('renders the rules file into a labelled ConfigMap with the given id', () => {
    const chart = Testing.chart();
    const { apiObject, rules } = renderLlmWafRulesConfigMap(chart, 'waf', { profile, context, name: 'rules', namespace: 'ingress-nginx' });
    expect(apiObject.node.id).toBe('waf');
    expect(rules).toBe(renderLlmWafRules(profile, context));
    const [obj] = Testing.synth(chart);
    expect(obj.metadata).toStrictEqual({
      name: 'rules',
      namespace: 'ingress-nginx',
      labels: { [WAF_PROFILE_LABEL]: 'llm' },
      annotations: { [WAF_HOSTS_ANNOTATION]: 'llm.example.com,*.example.com' },
    });
    expect(obj.data).toStrictEqual({ [LLM_WAF_RULES_KEY]: rules });
  });

  test('no hosts annotation without hosts', () => {
    const chart = Testing.chart();
    renderLlmWafRulesConfigMap(chart, 'waf', { profile, context: { routes: context.routes } });
    const [obj] = Testing.synth(chart);
    expect(obj.metadata.annotations).toBeUndefined();
  });
});
