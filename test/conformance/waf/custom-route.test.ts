import * as fs from 'fs';
import { loadCorpus } from '../../../conformance/waf/corpus';
import { CUSTOM_ROUTE_CORPUS, customRouteRules } from '../../../conformance/waf/custom-route';

describe('custom-route', () => {
  const { rules, hosts } = customRouteRules();
  const cases = loadCorpus(CUSTOM_ROUTE_CORPUS);

  test('the rules run CRS on a route of no schema and exclude prompt fields by whole name only', () => {
    expect(hosts).toEqual(['llm.example.com']);
    expect(rules).toContain('"@rx \\A\\/v1\\/responses\\z"');
    expect(rules).toMatch(/Include \S+REQUEST-942-/);
    const exclusions = rules.split('\n').filter((l) => l.startsWith('SecRuleUpdateTargetByTag "OWASP_CRS" "!ARGS:/'));
    expect(exclusions.length).toBeGreaterThan(5);
    for (const e of exclusions) expect(e).toMatch(/"!ARGS:\/\\A.*\\z\/"$/);
  });

  test('the corpus goes to the custom route with attacks under keys that hold a line break, and prompt text that must pass', () => {
    expect(fs.existsSync(CUSTOM_ROUTE_CORPUS)).toBe(true);
    const lineBreakKeys = cases.filter((c) => c.class === 'selector-line-break');
    expect(lineBreakKeys.length).toBeGreaterThanOrEqual(8);
    for (const c of lineBreakKeys) {
      expect(c.expect).toBe('block');
      expect(JSON.stringify(c.request.body)).toMatch(/"[^"]*\\[rn][^"]*":/);
    }
    expect(cases.filter((c) => c.expect === 'pass').length).toBeGreaterThanOrEqual(5);
    for (const c of cases) expect(c.request.path).toBe('/v1/responses');
  });
});
