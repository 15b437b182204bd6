import { NetworkPort } from '../../src';

describe('NetworkPort', () => {
  test('tcp, udp and ranges', () => {
    expect([NetworkPort.tcp(443).protocol, NetworkPort.tcp(443).port]).toStrictEqual(['TCP', 443]);
    expect(NetworkPort.udp(53).protocol).toBe('UDP');
    const r = NetworkPort.tcpRange(29400, 29500);
    expect([r.port, r.endPort]).toStrictEqual([29400, 29500]);
  });
  test('fails on ports out of range and inverted ranges', () => {
    expect(() => NetworkPort.tcp(0)).toThrow(/Invalid port: 0/);
    expect(() => NetworkPort.tcpRange(10, 5)).toThrow(/Invalid endPort: 5\. endPort must not be lower than startPort \(10\)/);
  });
});
