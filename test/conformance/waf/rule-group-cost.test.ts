import { profileBlocks, ruleCostVariants, ruleGroupOf } from '../../../conformance/waf/rule-group-cost';
import { wafProfileModel } from '../../../src/model/waf-profile-model';
import { renderLlmWafRules } from '../../../src/render/waf/llm-waf-rules';
import { LlmWafProfile } from '../../../src/waf';

const rules = renderLlmWafRules(wafProfileModel(new LlmWafProfile(), 10240), {
  routes: [{ path: '/v1/chat/completions', pathMatch: 'Exact', methods: ['POST'] }],
  hosts: ['llm.example.com'],
});

describe('rule-group cost decomposition', () => {
  test('puts every rule of the profile in a group, and keeps settings and body rules in every variant', () => {
    const groups = new Set(profileBlocks(rules).map(ruleGroupOf));
    expect([...groups].sort()).toEqual(expect.arrayContaining([
      'SSRF', 'cost', 'detector enforcement', 'keep', 'lookup injection', 'prompt injection: encoded-instruction',
      'prompt injection: instruction-override', 'prompt injection: persona-jailbreak', 'prompt injection: role-marker',
      'prompt injection: system-prompt-extraction', 'routes', 'sensitive data: numbers', 'sensitive data: tokens',
    ]));
    const bodyRule = profileBlocks(rules).find((b) => b.includes('ctl:requestBodyProcessor=JSON'))!;
    expect(ruleGroupOf(bodyRule)).toBe('keep');
    for (const [, text] of ruleCostVariants(rules)) expect(text).toContain('ctl:requestBodyProcessor=JSON');
  });

  test('leaving a group out removes exactly its rules, and the CRS part is never timed', () => {
    const variants = new Map(ruleCostVariants(rules));
    const without = variants.get('  without prompt injection: system-prompt-extraction')!;
    expect(without).not.toContain('signature=system-prompt-extraction');
    expect(without).toContain('signature=instruction-override');
    for (const text of variants.values()) {
      expect(text).not.toMatch(/^Include /m);
      expect(text).not.toMatch(/^SecRuleUpdateTargetByTag/m);
    }
    expect(variants.get('body rules only (JSON floor)')).not.toContain('@pm');
  });
});
