import { ClientAddress, ClientAddressMode } from '../../src';

describe('ClientAddress', () => {
  test('direct trusts no one: the TCP peer is the client', () => {
    const d = ClientAddress.direct();
    expect([d.mode, d.trustedCidrs, d.header, d.trustEveryAddressInsecureReason]).toStrictEqual([ClientAddressMode.DIRECT, [], undefined, undefined]);
  });

  test('proxyProtocol keeps the load balancer\'s ranges, canonical', () => {
    const p = ClientAddress.proxyProtocol(['10.0.0.0/16', '2001:DB8::/32']);
    expect([p.mode, p.trustedCidrs, p.header]).toStrictEqual([ClientAddressMode.PROXY_PROTOCOL, ['10.0.0.0/16', '2001:db8::/32'], undefined]);
  });

  test('forwardedFor reads X-Forwarded-For unless another header is named', () => {
    expect(ClientAddress.forwardedFor(['192.0.2.0/24']).header).toBe('X-Forwarded-For');
    const f = ClientAddress.forwardedFor(['192.0.2.0/24'], { header: 'X-Real-IP' });
    expect([f.mode, f.trustedCidrs, f.header]).toStrictEqual([ClientAddressMode.FORWARDED_HEADER, ['192.0.2.0/24'], 'X-Real-IP']);
  });

  test('the proxy modes fail without trusted ranges, naming the field and the fix', () => {
    expect(() => ClientAddress.proxyProtocol([])).toThrow('Invalid clientAddress.trustedCidrs: []. Give the load balancer\'s addresses (e.g. the subnets of a cloud NLB) as CIDRs, e.g. ["10.0.0.0/16"]');
    expect(() => ClientAddress.forwardedFor(undefined as any)).toThrow(/Invalid clientAddress\.trustedCidrs: undefined\. Give the proxy's addresses as CIDRs/);
  });

  test('a malformed trusted range fails through the CIDR parser, naming its index', () => {
    expect(() => ClientAddress.proxyProtocol(['10.0.0.0/16', '10.1.0.1'])).toThrow('Invalid clientAddress.trustedCidrs[1]: "10.1.0.1". CIDR mask is missing. Did you mean "10.1.0.1/32"?');
    expect(() => ClientAddress.forwardedFor(['10.1.0.1/16'])).toThrow(/Invalid clientAddress\.trustedCidrs\[0\]: "10\.1\.0\.1\/16"\. The address has bits set outside the mask/);
  });

  test('trusting every address is refused without the named opt-out', () => {
    expect(() => ClientAddress.proxyProtocol(['0.0.0.0/0'])).toThrow('Invalid clientAddress.trustedCidrs: ["0.0.0.0/0"]. These ranges hold every IPv4 address: any client could then forge its own address');
    expect(() => ClientAddress.forwardedFor(['10.0.0.0/8', '::/0'])).toThrow(/every IPv6 address.*set trustEveryAddressInsecureReason/);
    expect(() => ClientAddress.forwardedFor(['0.0.0.0/1', '128.0.0.0/1'])).toThrow(/every IPv4 address/);
  });

  test('the opt-out trusts every address with a reason, and only when every address is trusted', () => {
    const p = ClientAddress.proxyProtocol(['0.0.0.0/0', '::/0'], { trustEveryAddressInsecureReason: '  NLB addresses change; only the NLB reaches the nodes  ' });
    expect([p.trustedCidrs, p.trustEveryAddressInsecureReason]).toStrictEqual([['0.0.0.0/0', '::/0'], 'NLB addresses change; only the NLB reaches the nodes']);
    expect(() => ClientAddress.proxyProtocol(['0.0.0.0/0'], { trustEveryAddressInsecureReason: 'because' }))
      .toThrow('Invalid clientAddress.trustEveryAddressInsecureReason: "because". Give one line of at least 10 characters');
    expect(() => ClientAddress.forwardedFor(['0.0.0.0/0'], { trustEveryAddressInsecureReason: 'two\nlines of reason' })).toThrow(/Give one line/);
    expect(() => ClientAddress.forwardedFor(['10.0.0.0/8'], { trustEveryAddressInsecureReason: 'the proxy pool changes daily' }))
      .toThrow('Invalid clientAddress.trustEveryAddressInsecureReason: "the proxy pool changes daily". trustedCidrs ["10.0.0.0/8"] do not hold every address; remove the opt-out.');
  });

  test('the header must be a bare header name: it is written into the controller\'s nginx configuration', () => {
    for (const bad of ['X-Forwarded-For; allow all', 'proxy_protocol', 'X Real IP', '', '-X', 'X--Y', 'X'.repeat(65)]) {
      expect(() => ClientAddress.forwardedFor(['10.0.0.0/8'], { header: bad })).toThrow(/Invalid clientAddress\.header: .*Use a request header name of letters, digits and single '-'/);
    }
  });
});
