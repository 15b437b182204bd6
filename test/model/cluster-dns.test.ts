import { clusterDnsPolicy } from '../../src/model/cluster-dns';

describe('allow-dns', () => {
  test('reaches the cluster DNS pods and NodeLocal DNSCache on its link-local address, port 53 only', () => {
    const p = clusterDnsPolicy(undefined);
    expect(p.name).toBe('allow-dns');
    expect(p.egress).toStrictEqual([
      {
        peers: [{ namespaceLabels: { 'kubernetes.io/metadata.name': 'kube-system' }, podLabels: { 'k8s-app': 'kube-dns' } }],
        ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
      },
      { peers: [{ ipBlock: { cidr: '169.254.20.10/32' } }], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] },
    ]);
  });
  test('the NodeLocal DNSCache address is an option', () => {
    expect(clusterDnsPolicy({ nodeLocalDnsCidr: '169.254.25.10/32' }).egress?.[1].peers).toStrictEqual([{ ipBlock: { cidr: '169.254.25.10/32' } }]);
  });
  test('it never opens a cloud metadata endpoint', () => {
    expect(() => clusterDnsPolicy({ nodeLocalDnsCidr: '169.254.169.254/32' })).toThrow(/clusterDns.nodeLocalDnsCidr.*metadata/);
    expect(() => clusterDnsPolicy({ nodeLocalDnsCidr: '169.254.0.0/16' })).toThrow(/clusterDns.nodeLocalDnsCidr/);
    expect(() => clusterDnsPolicy({ nodeLocalDnsCidr: '100.100.100.200/32' })).toThrow(/clusterDns.nodeLocalDnsCidr/);
  });
});
