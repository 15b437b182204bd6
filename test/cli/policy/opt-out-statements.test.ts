import { optOutStatements } from '../../../src/cli/policy/opt-out-statements';

test('every recorded option once per namespace, a Namespace\'s own in its namespace', () => {
  const a = 'secure-ai.cdk8s.io/weakened-controls';
  const objects = [
    { kind: 'Ingress', metadata: { name: 'i', namespace: 'n', annotations: { [a]: 'waf.enabled: false; limits: none' } } },
    { kind: 'HTTPRoute', metadata: { name: 'r', namespace: 'n', annotations: { [a]: 'waf.enabled: false' } } },
    { kind: 'Namespace', metadata: { name: 't', annotations: { [a]: 'allowPodExec: true' } } },
  ];
  expect(optOutStatements(objects).map((s) => `${s.namespace}: ${s.text}`)).toStrictEqual([
    'n: waf.enabled: false (recorded on Ingress i)', 'n: limits: none (recorded on Ingress i)', 't: allowPodExec: true (recorded on Namespace t)',
  ]);
});
