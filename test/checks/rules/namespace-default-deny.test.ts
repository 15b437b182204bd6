import { namespaceDefaultDeny } from '../../../src/checks/rules/namespace-default-deny';
import { ruleFindings } from '../../support/rule-findings';

test('a namespace needs a policy selecting every pod with both types and no rule', () => {
  const ns = { kind: 'Namespace', metadata: { name: 'a' } };
  const deny = { kind: 'NetworkPolicy', metadata: { name: 'd', namespace: 'a' }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } };
  const allowAll = { ...deny, spec: { ...deny.spec, ingress: [{}] } };
  expect(namespaceDefaultDeny.evaluate([ns, deny])[0].status).toBe('pass');
  expect(namespaceDefaultDeny.evaluate([ns, allowAll])[0].status).toBe('fail');
  expect(namespaceDefaultDeny.evaluate([ns])[0].status).toBe('fail');
});

describe('SAI-NET-1 judges the policies, not annotations', () => {
  const ns = { kind: 'Namespace', metadata: { name: 'a' } };
  const deny = { kind: 'NetworkPolicy', metadata: { name: 'd', namespace: 'a' }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } };

  test('mutant: a default-deny policy nobody annotated passes; an annotation claiming one does not', () => {
    expect(namespaceDefaultDeny.evaluate([ns, deny])[0].status).toBe('pass');
    const claimed = { ...ns, metadata: { ...ns.metadata, annotations: { 'secure-ai.cdk8s.io/description': 'default deny applied' } } };
    expect(namespaceDefaultDeny.evaluate([claimed, { ...deny, spec: { ...deny.spec, policyTypes: ['Ingress'] } }])[0].status).toBe('fail');
  });

  test('a suppression accepts the failure until it expires; then it fails again', () => {
    expect(ruleFindings('SAI-NET-1', [ns], { object: 'Namespace/a', expires: '2027-01-15' })[0]).toMatch(/^suppressed Namespace\/a: no NetworkPolicy/);
    expect(ruleFindings('SAI-NET-1', [ns], { object: 'Namespace/a', expires: '2027-01-14' })[0]).toMatch(/^fail Namespace\/a: .*suppression expired on 2027-01-14/);
  });
});
