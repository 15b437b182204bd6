import { WafMode } from '../../src/waf';

test('WafMode maps to SecRuleEngine', () => {
  expect(WafMode.BLOCK.secRuleEngine).toBe('On');
  expect(WafMode.DETECT.secRuleEngine).toBe('DetectionOnly');
});
