import { cidrContains, cidrOverlaps, cidrsCoverEveryAddress, parseCidr } from '../../src/options/cidr';

describe('parseCidr', () => {
  test('parses IPv4 and IPv6 into canonical text', () => {
    expect(parseCidr('f', '10.0.0.0/8').text).toBe('10.0.0.0/8');
    expect(parseCidr('f', '0.0.0.0/0').prefix).toBe(0);
    expect(parseCidr('f', '2001:DB8::/32').text).toBe('2001:db8::/32');
    expect(parseCidr('f', 'fd00:ec2:0:0:0:0:0:254/128').text).toBe('fd00:ec2::254/128');
    expect(parseCidr('f', '::/0').text).toBe('::/0');
  });

  test('fails when the mask is missing, naming the fix', () => {
    expect(() => parseCidr('egress.cidr', '10.0.0.1')).toThrow('Invalid egress.cidr: "10.0.0.1". CIDR mask is missing. Did you mean "10.0.0.1/32"?');
    expect(() => parseCidr('f', '2001:db8::1')).toThrow(/Did you mean "2001:db8::1\/128"\?/);
  });

  test('suggests a host mask only for a valid address', () => {
    expect(() => parseCidr('sourceRanges.allow[0]', 'not-a-cidr')).toThrow('Invalid sourceRanges.allow[0]: "not-a-cidr". Use a CIDR: an IPv4 or IPv6 address and a mask');
    expect(() => parseCidr('f', '10.0.0.256')).toThrow(/Use a CIDR: an IPv4 or IPv6 address and a mask/);
    expect(() => parseCidr('f', 'fe80::zz')).toThrow(/Use a CIDR: an IPv4 or IPv6 address and a mask/);
    expect(() => parseCidr('f', '2001:db8::1')).toThrow('Invalid f: "2001:db8::1". CIDR mask is missing. Did you mean "2001:db8::1/128"?');
    for (const bad of ['not-a-cidr', '10.0.0.256', 'fe80::zz', 'llm.example.com']) {
      let message = '';
      try { parseCidr('f', bad); } catch (e) { message = (e as Error).message; }
      expect(message).not.toMatch(/Did you mean/);
    }
  });

  test('fails on malformed addresses and masks', () => {
    expect(() => parseCidr('f', '10.0.0/8')).toThrow(/not a valid IPv4 address/);
    expect(() => parseCidr('f', '010.0.0.0/8')).toThrow(/not a valid IPv4 address/);
    expect(() => parseCidr('f', '10.0.0.0/33')).toThrow(/mask must be a number from 0 to 32/);
    expect(() => parseCidr('f', '2001:db8:::/48')).toThrow(/not a valid IPv6 address/);
    expect(() => parseCidr('f', ' 10.0.0.0/8')).toThrow(/Use a CIDR/);
  });

  test('fails when host bits are set', () => {
    expect(() => parseCidr('f', '192.168.1.10/24')).toThrow(/Did you mean "192\.168\.1\.0\/24"\?/);
  });
});

describe('cidrContains and cidrOverlaps', () => {
  const c = (t: string) => parseCidr('f', t);
  test('containment is by prefix and family', () => {
    expect(cidrContains(c('0.0.0.0/0'), c('169.254.169.254/32'))).toBe(true);
    expect(cidrContains(c('10.0.0.0/8'), c('169.254.169.254/32'))).toBe(false);
    expect(cidrContains(c('169.254.169.254/32'), c('169.254.0.0/16'))).toBe(false);
    expect(cidrContains(c('::/0'), c('169.254.169.254/32'))).toBe(false);
    expect(cidrContains(c('fd00::/8'), c('fd00:ec2::254/128'))).toBe(true);
  });
  test('overlap is containment either way', () => {
    expect(cidrOverlaps(c('169.254.169.254/32'), c('169.254.0.0/16'))).toBe(true);
    expect(cidrOverlaps(c('10.0.0.0/8'), c('11.0.0.0/8'))).toBe(false);
  });
});

describe('cidrsCoverEveryAddress', () => {
  const parsed = (...cidrs: string[]) => cidrs.map((c) => parseCidr('f', c));
  test('is true for /0 and for ranges that together hold every address of the family', () => {
    expect(cidrsCoverEveryAddress(4, parsed('0.0.0.0/0'))).toBe(true);
    expect(cidrsCoverEveryAddress(4, parsed('128.0.0.0/1', '10.0.0.0/8', '0.0.0.0/1'))).toBe(true);
    expect(cidrsCoverEveryAddress(6, parsed('::/0'))).toBe(true);
    expect(cidrsCoverEveryAddress(6, parsed('8000::/1', '::/1'))).toBe(true);
  });

  test('is false when any address is left out, or for the other family', () => {
    expect(cidrsCoverEveryAddress(4, parsed('10.0.0.0/8', '192.168.0.0/16'))).toBe(false);
    expect(cidrsCoverEveryAddress(4, parsed('0.0.0.0/1', '128.0.0.0/2', '192.0.0.0/3', '224.0.0.0/4'))).toBe(false);
    expect(cidrsCoverEveryAddress(4, parsed('::/0'))).toBe(false);
    expect(cidrsCoverEveryAddress(6, parsed('0.0.0.0/0'))).toBe(false);
    expect(cidrsCoverEveryAddress(4, [])).toBe(false);
  });
});
