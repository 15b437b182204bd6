import { weakenedControls } from '../../../src/checks/rules/weakened-controls';

test('one finding per recorded option', () => {
  const ns = { kind: 'Namespace', metadata: { name: 'n', annotations: { 'secure-ai.cdk8s.io/weakened-controls': 'a: 1; b: 2' } } };
  expect(weakenedControls.evaluate([ns]).map((o) => o.detail)).toStrictEqual(['a: 1', 'b: 2']);
});
