import { CLOUD_METADATA_CIDRS, ipBlockWithoutMetadata, isInsideMetadataEndpoint } from '../../src/model/metadata-endpoints';

describe('metadata endpoints', () => {
  test('are the IPv4 and IPv6 instance metadata addresses', () => {
    expect(CLOUD_METADATA_CIDRS).toStrictEqual(['169.254.169.254/32', 'fd00:ec2::254/128']);
  });
  test('are carved out only of ranges that contain them', () => {
    expect(ipBlockWithoutMetadata('0.0.0.0/0', false)).toStrictEqual({ cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] });
    expect(ipBlockWithoutMetadata('169.254.0.0/16', false)).toStrictEqual({ cidr: '169.254.0.0/16', except: ['169.254.169.254/32'] });
    expect(ipBlockWithoutMetadata('fd00::/8', false)).toStrictEqual({ cidr: 'fd00::/8', except: ['fd00:ec2::254/128'] });
    expect(ipBlockWithoutMetadata('10.0.0.0/8', false)).toStrictEqual({ cidr: '10.0.0.0/8' });
    expect(ipBlockWithoutMetadata('0.0.0.0/0', true)).toStrictEqual({ cidr: '0.0.0.0/0' });
  });
  test('a range that is the endpoint itself cannot be carved', () => {
    expect(isInsideMetadataEndpoint('169.254.169.254/32')).toBe(true);
    expect(isInsideMetadataEndpoint('fd00:ec2::254/128')).toBe(true);
    expect(isInsideMetadataEndpoint('169.254.0.0/16')).toBe(false);
  });
});
