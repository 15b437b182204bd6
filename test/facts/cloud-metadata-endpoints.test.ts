import { CLOUD_METADATA_CIDRS, CLOUD_METADATA_ENDPOINTS } from '../../src/facts/cloud-metadata-endpoints';
import { cidrContains, parseCidr } from '../../src/options/cidr';

describe('cloud metadata endpoints', () => {
  test('list the providers\' instance metadata addresses, IPv4 and IPv6, Alibaba\'s included', () => {
    expect(CLOUD_METADATA_CIDRS).toStrictEqual(['169.254.169.254/32', '100.100.100.200/32', '169.254.0.23/32', 'fd00:ec2::254/128']);
    expect(CLOUD_METADATA_ENDPOINTS.every((e) => e.providers.length > 0)).toBe(true);
  });
  test('are single hosts, so that NodeLocal DNS and EKS Pod Identity stay reachable', () => {
    const ranges = CLOUD_METADATA_CIDRS.map((c) => parseCidr('metadata', c));
    expect(ranges.every((r) => r.prefix === (r.text.includes(':') ? 128 : 32))).toBe(true);
    for (const service of ['169.254.20.10/32', '169.254.170.23/32']) {
      expect(ranges.some((r) => cidrContains(r, parseCidr('service', service)))).toBe(false);
    }
  });
});
