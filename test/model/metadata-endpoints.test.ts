import { ipBlockWithoutMetadata, isInsideMetadataEndpoint } from '../../src/model/metadata-endpoints';

describe('metadata endpoints', () => {
  test('are carved out only of ranges that contain them', () => {
    expect(ipBlockWithoutMetadata('0.0.0.0/0', false)).toStrictEqual({ cidr: '0.0.0.0/0', except: ['169.254.169.254/32', '100.100.100.200/32', '169.254.0.23/32'] });
    expect(ipBlockWithoutMetadata('169.254.0.0/16', false)).toStrictEqual({ cidr: '169.254.0.0/16', except: ['169.254.169.254/32', '169.254.0.23/32'] });
    expect(ipBlockWithoutMetadata('100.64.0.0/10', false)).toStrictEqual({ cidr: '100.64.0.0/10', except: ['100.100.100.200/32'] });
    expect(ipBlockWithoutMetadata('fd00::/8', false)).toStrictEqual({ cidr: 'fd00::/8', except: ['fd00:ec2::254/128'] });
    expect(ipBlockWithoutMetadata('10.0.0.0/8', false)).toStrictEqual({ cidr: '10.0.0.0/8' });
    expect(ipBlockWithoutMetadata('0.0.0.0/0', true)).toStrictEqual({ cidr: '0.0.0.0/0' });
  });
  test('a range that is the endpoint itself cannot be carved', () => {
    expect(isInsideMetadataEndpoint('169.254.169.254/32')).toBe(true);
    expect(isInsideMetadataEndpoint('fd00:ec2::254/128')).toBe(true);
    expect(isInsideMetadataEndpoint('100.100.100.200/32')).toBe(true);
    expect(isInsideMetadataEndpoint('169.254.0.0/16')).toBe(false);
  });
});
