import { WafMode } from '../../../src/options/waf/waf-mode';

test('WafMode maps to SecRuleEngine', () => {
  expect(WafMode.BLOCK.secRuleEngine).toBe('On');
  expect(WafMode.DETECT.secRuleEngine).toBe('DetectionOnly');
});
