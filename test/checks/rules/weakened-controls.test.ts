import { weakenedControls } from '../../../src/checks/rules/weakened-controls';
import { ruleFindings } from '../../support/rule-findings';

test('one finding per recorded option', () => {
  const ns = { kind: 'Namespace', metadata: { name: 'n', annotations: { 'secure-ai.cdk8s.io/weakened-controls': 'a: 1; b: 2' } } };
  expect(weakenedControls.evaluate([ns]).map((o) => o.detail)).toStrictEqual(['a: 1', 'b: 2']);
});

describe('SAI-OPT-1 names what the options recorded', () => {
  const ns = { kind: 'Namespace', metadata: { name: 'n', annotations: { 'secure-ai.cdk8s.io/weakened-controls': 'allowPodExec: true' } } };

  test('an object that records no option has no finding', () => {
    expect(weakenedControls.evaluate([{ kind: 'Namespace', metadata: { name: 'n' } }])).toStrictEqual([]);
  });

  test('a suppression accepts the weakened control until it expires; then it fails', () => {
    expect(ruleFindings('SAI-OPT-1', [ns], { object: 'Namespace/n', expires: '2027-01-15' })).toStrictEqual(['suppressed Namespace/n: allowPodExec: true (suppressed until 2027-01-15: accepted for the migration)']);
    expect(ruleFindings('SAI-OPT-1', [ns], { object: 'Namespace/n', expires: '2027-01-14' })[0]).toMatch(/^fail Namespace\/n: allowPodExec: true \(suppression expired on 2027-01-14/);
  });
});
