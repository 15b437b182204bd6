import { NetworkPeer, NetworkPeerKind } from '../../src';

describe('NetworkPeer', () => {
  test('cidr peers are canonical ip blocks', () => {
    const p = NetworkPeer.cidr('10.20.0.0/16');
    expect([p.kind, p.cidrBlock]).toStrictEqual([NetworkPeerKind.IP_BLOCK, '10.20.0.0/16']);
  });
  test('namespace peers select by the namespace name label', () => {
    const p = NetworkPeer.namespace('feature-store', { app: 'redis' });
    expect(p.namespaceLabels).toStrictEqual({ 'kubernetes.io/metadata.name': 'feature-store' });
    expect(p.podLabels).toStrictEqual({ app: 'redis' });
  });
  test('fails on an empty namespace selector, which would match every namespace', () => {
    expect(() => NetworkPeer.selector({})).toThrow(/Invalid namespaceLabels: \{\}\. Give at least one namespace label/);
  });
  test('fails on bad label keys and values', () => {
    expect(() => NetworkPeer.namespace('db', { 'bad key': 'x' })).toThrow(/Invalid podLabels key: "bad key"/);
    expect(() => NetworkPeer.selector({ team: 'a b' })).toThrow(/Invalid namespaceLabels\["team"\]: "a b"/);
    expect(() => NetworkPeer.namespace('Feature')).toThrow(/Invalid namespace: "Feature"/);
  });
});
