import { Testing } from 'cdk8s';
import { wafProfileModel } from '../../../src/model/waf-profile-model';
import { LlmWafProfile } from '../../../src/options/waf/llm-waf-profile';
import { renderLlmWafRules } from '../../../src/render/waf/llm-waf-rules';
import {
  CONFIG_MAP_MAX_DATA_BYTES, LLM_WAF_RULES_KEY, renderLlmWafRulesConfigMap, rulesConfigMapData, WAF_HOSTS_ANNOTATION, WAF_PROFILE_LABEL,
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

describe('rulesConfigMapData', () => {
  test('a file that fits a ConfigMap is its data; one byte more fails, naming what, the size and the fix', () => {
    const fits = 'x'.repeat(CONFIG_MAP_MAX_DATA_BYTES);
    let asked = 0;
    const fix = () => {
      asked++;
      return 'Share profiles.';
    };
    expect(rulesConfigMapData(fits, 'the rules of x', fix)).toStrictEqual({ [LLM_WAF_RULES_KEY]: fits });
    expect(asked).toBe(0);
    expect(() => rulesConfigMapData(`${fits}y`, 'the rules of x', fix))
      .toThrow('Invalid size in bytes of the rules of x: 1048577. A ConfigMap holds at most 1048576 bytes of data (the API server refuses more). Share profiles.');
    // Bytes, not characters.
    expect(() => rulesConfigMapData(`${fits.slice(1)}é`, 'the rules of x', fix)).toThrow(/: 1048577\./);
  });
});
