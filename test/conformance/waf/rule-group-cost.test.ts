import { profileBlocks, ruleCostVariants, ruleGroupOf } from '../../../conformance/waf/rule-group-cost';
import { wafProfileModel } from '../../../src/model/waf-profile-model';
import { RouteContentType } from '../../../src/options/route-content-type';
import { renderCorazaDirectives, renderLlmWafRules } from '../../../src/render/waf/llm-waf-rules';
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

  test('leaves the joined candidate pass of an RE2 profile out as one group: the pass, its skip and its marker', () => {
    const automata = renderCorazaDirectives(wafProfileModel(new LlmWafProfile(), 10240), {
      routes: [{ path: '/v1/chat/completions', pathMatch: 'Exact', methods: ['POST'] }],
      hosts: ['llm.example.com'],
    });
    const joined = profileBlocks(automata).filter((b) => ruleGroupOf(b) === 'detectors: joined candidate pass');
    expect(joined).toHaveLength(3);
    const without = new Map(ruleCostVariants(automata)).get('  without detectors: joined candidate pass')!;
    expect(without).not.toContain('LLM_WAF_END_DETECTOR_CANDIDATES');
    expect(without).not.toContain('setvar:tx.llm_candidate=1');
    expect(without).toContain('setvar:tx.llm_candidate_phrases=1');
  });

  test('keeps the route flags the content-type check reads, but not the route refusals, in the floor and without routes', () => {
    // Routes that differ in the bodies they take: the content-type check reads the route's flags.
    const mixed = renderLlmWafRules(wafProfileModel(new LlmWafProfile(), 10240), {
      routes: [
        { path: '/v1/chat/completions', pathMatch: 'Exact', methods: ['POST'] },
        { path: '/v1/audio/transcriptions', pathMatch: 'Exact', methods: ['POST'], contentTypes: [RouteContentType.MULTIPART_FORM_DATA] },
      ],
      hosts: ['llm.example.com'],
    });
    const variants = new Map(ruleCostVariants(mixed));
    for (const label of ['body rules only (JSON floor)', '  without routes']) {
      const text = variants.get(label)!;
      expect(text).toContain('setvar:tx.llm_route_json=1');
      expect(text).toContain('SecRule TX:llm_route_json "@eq 1"');
      expect(text).not.toContain('route not served by this endpoint');
      expect(text).not.toContain('host not served by this endpoint');
    }
  });
});
