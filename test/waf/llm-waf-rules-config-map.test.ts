import { Testing } from 'cdk8s';
import { LlmWafProfile, LlmWafRulesConfigMap } from '../../src/waf';

describe('LlmWafRulesConfigMap', () => {
  test('emits the rules file as a labelled ConfigMap', () => {
    const chart = Testing.chart();
    const cm = new LlmWafRulesConfigMap(chart, 'Waf', {
      name: 'llm-waf-rules',
      namespace: 'ingress-nginx',
      context: { routes: [{ path: '/v1/models', pathMatch: 'Exact', methods: ['GET'] }], hosts: ['llm.example.com'] },
    });
    const [obj] = Testing.synth(chart);
    expect(obj.kind).toBe('ConfigMap');
    expect(obj.metadata).toStrictEqual({
      name: 'llm-waf-rules',
      namespace: 'ingress-nginx',
      labels: { 'secure-ai.cdk8s.io/waf-profile': 'llm' },
      annotations: { 'secure-ai.cdk8s.io/waf-hosts': 'llm.example.com' },
    });
    expect(obj.data['llm-waf.conf']).toBe(cm.rules);
    expect(cm.rules).toContain('SecRuleEngine On');
  });

  test('uses the given profile', () => {
    const chart = Testing.chart();
    new LlmWafRulesConfigMap(chart, 'Waf', {
      profile: new LlmWafProfile({ crs: false }),
      context: { routes: [{ path: '/', pathMatch: 'Prefix', methods: ['GET'] }] },
    });
    const [obj] = Testing.synth(chart);
    expect(obj.data['llm-waf.conf']).not.toContain('Include');
    expect(obj.metadata.annotations).toBeUndefined();
  });

  test('fails when the context is invalid', () => {
    expect(() => new LlmWafRulesConfigMap(Testing.chart(), 'Waf', { context: { routes: [] } })).toThrow(/context.routes is empty/);
  });
});
