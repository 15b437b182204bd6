import { wafModeOf } from '../../../src/cli/policy/waf-mode';

test('the mode on the endpoint\'s hosts (ctl:ruleEngine) wins over the base SecRuleEngine; comments do not count', () => {
  expect(wafModeOf({ data: { c: 'SecRuleEngine DetectionOnly\nSecRule X "@rx y" "id:1,ctl:ruleEngine=On"\n' } })).toBe('blocking');
  expect(wafModeOf({ data: { c: '# SecRuleEngine On\nSecRuleEngine DetectionOnly\n' } })).toBe('detection');
  expect(wafModeOf({ metadata: { annotations: { s: 'SecRuleEngine Off' } } })).toBe('off');
  expect(wafModeOf({ data: { c: 'nothing' } })).toBeUndefined();
});
