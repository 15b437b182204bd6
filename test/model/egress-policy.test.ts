import { NetworkPeer, NetworkPort } from '../../src';
import { egressPolicy } from '../../src/model/egress-policy';

test('an egress rule opens only its destination and ports, with metadata carved out', () => {
  const weakenings: any[] = [];
  const p = egressPolicy('egress[0]', { name: 'db', peer: NetworkPeer.cidr('0.0.0.0/0'), ports: [NetworkPort.tcpRange(5432, 5433)] }, { app: 'x' }, new Set(), weakenings);
  expect(p).toStrictEqual({
    name: 'allow-egress-db',
    description: 'Declared egress "db".',
    podLabels: { app: 'x' },
    policyTypes: ['Egress'],
    egress: [{ peers: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32', '100.100.100.200/32', '169.254.0.23/32'] } }], ports: [{ protocol: 'TCP', port: 5432, endPort: 5433 }] }],
  });
  expect(weakenings).toStrictEqual([]);
});

test('fails on names too long for the policy name', () => {
  expect(() => egressPolicy('egress[0]', { name: 'a'.repeat(51), peer: NetworkPeer.cidr('10.0.0.0/8'), ports: [NetworkPort.tcp(1)] }, {}, new Set(), []))
    .toThrow(/Use at most 50 characters/);
});
