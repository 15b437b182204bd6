import { admitsFromNamespace } from '../../src/checks/namespace-admission';

const policy = (name: string, spec: any) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: 'serving' }, spec });
const DENY = policy('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
const from = (peer: any) => policy('from', { podSelector: { matchLabels: { app: 'm' } }, policyTypes: ['Ingress'], ingress: [{ from: [peer] }] });
const named = (ns: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } } });

test('a namespace that isolates no pod admits every namespace', () => {
  expect(admitsFromNamespace([from(named('other'))], 'serving', 'edge')).toBe(true);
  expect(admitsFromNamespace([], 'serving', 'edge')).toBe(true);
});

test('an isolated namespace admits only the namespaces its ingress peers may match', () => {
  expect(admitsFromNamespace([DENY], 'serving', 'edge')).toBe(false);
  expect(admitsFromNamespace([DENY, from(named('edge'))], 'serving', 'edge')).toBe(true);
  expect(admitsFromNamespace([DENY, from(named('other'))], 'serving', 'edge')).toBe(false);
  // A pod selector alone matches the policy's own namespace.
  expect(admitsFromNamespace([DENY, from({ podSelector: {} })], 'serving', 'edge')).toBe(false);
  expect(admitsFromNamespace([DENY, from({ podSelector: {} })], 'serving', 'serving')).toBe(true);
});

test('peers that cannot be read as namespace names may match: they admit', () => {
  expect(admitsFromNamespace([DENY, from({ namespaceSelector: { matchLabels: { team: 'edge' } } })], 'serving', 'edge')).toBe(true);
  expect(admitsFromNamespace([DENY, from({ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['x'] }] } })], 'serving', 'edge')).toBe(true);
  expect(admitsFromNamespace([DENY, from({ ipBlock: { cidr: '10.0.0.0/8' } })], 'serving', 'edge')).toBe(true);
  expect(admitsFromNamespace([DENY, policy('all', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] })], 'serving', 'edge')).toBe(true);
});
