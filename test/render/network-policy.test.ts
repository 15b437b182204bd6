import { Testing } from 'cdk8s';
import { renderNetworkPolicies } from '../../src/render/network-policy';

test('renders peers, ports and endPort; omits ports for any-port rules', () => {
  const chart = Testing.chart();
  renderNetworkPolicies(chart, 'ns', [{
    name: 'p',
    description: 'd',
    podLabels: { app: 'x' },
    policyTypes: ['Egress'],
    egress: [
      { peers: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ protocol: 'TCP', port: 29400, endPort: 29500 }] },
      { peers: [{ namespaceLabels: { a: 'b' } }], ports: [] },
    ],
  }]);
  const [np] = Testing.synth(chart);
  expect(np.metadata.annotations).toStrictEqual({ 'secure-ai.cdk8s.io/description': 'd' });
  expect(np.spec).toStrictEqual({
    podSelector: { matchLabels: { app: 'x' } },
    policyTypes: ['Egress'],
    egress: [
      { to: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ protocol: 'TCP', port: 29400, endPort: 29500 }] },
      { to: [{ namespaceSelector: { matchLabels: { a: 'b' } }, podSelector: {} }] },
    ],
  });
});
