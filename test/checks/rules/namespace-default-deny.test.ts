import { namespaceDefaultDeny } from '../../../src/checks/rules/namespace-default-deny';

test('a namespace needs a policy selecting every pod with both types and no rule', () => {
  const ns = { kind: 'Namespace', metadata: { name: 'a' } };
  const deny = { kind: 'NetworkPolicy', metadata: { name: 'd', namespace: 'a' }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } };
  const allowAll = { ...deny, spec: { ...deny.spec, ingress: [{}] } };
  expect(namespaceDefaultDeny.evaluate([ns, deny])[0].status).toBe('pass');
  expect(namespaceDefaultDeny.evaluate([ns, allowAll])[0].status).toBe('fail');
  expect(namespaceDefaultDeny.evaluate([ns])[0].status).toBe('fail');
});
