import { connectivityStatements, peerText, selectorText } from '../../../src/cli/policy/connectivity-statements';

test('peers and selectors as a reader says them', () => {
  expect(peerText({ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }, 'n')).toBe('0.0.0.0/0 (except 169.254.169.254/32)');
  expect(peerText({ namespaceSelector: {} }, 'n')).toBe('every namespace');
  expect(peerText({ namespaceSelector: { matchLabels: { team: 'x' } } }, 'n')).toBe('namespaces with team=x');
  expect(peerText({ podSelector: { matchLabels: { app: 'ui' } } }, 'n')).toBe('n/ui');
  expect(peerText({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'm' } }, podSelector: {} }, 'n')).toBe('m/every pod');
  expect(selectorText({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] }, 'every pod')).toBe('tier in a,b');
});

test('a named selector keeps its other labels: the flow is from one Gateway\'s proxies, not every envoy', () => {
  const selector = { matchLabels: { 'app.kubernetes.io/name': 'envoy', 'gateway.envoyproxy.io/owning-gateway-name': 'platform-gateway' } };
  expect(selectorText(selector, 'every pod')).toBe('envoy, gateway.envoyproxy.io/owning-gateway-name=platform-gateway');
  expect(peerText({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gw' } }, podSelector: selector }, 'n'))
    .toBe('gw/envoy, gateway.envoyproxy.io/owning-gateway-name=platform-gateway');
  expect(selectorText({ matchLabels: { app: 'ui' } }, 'every pod')).toBe('ui');
});

test('a default deny per namespace, each flow once, a rule without peers is from anywhere', () => {
  const policy = (name: string) => ({ kind: 'NetworkPolicy', metadata: { name, namespace: 'n' }, spec: { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] } });
  const deny = { kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'n' }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } };
  expect(connectivityStatements([deny, policy('a'), policy('b')]).map((s) => s.key)).toStrictEqual(['default-deny|n', 'ingress-flow|n|anywhere → api:53/UDP']);
  expect(connectivityStatements([policy('a')]).some((s) => s.topic === 'default-deny')).toBe(false);
});
