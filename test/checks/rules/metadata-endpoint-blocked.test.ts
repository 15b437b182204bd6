import { metadataEndpointBlocked } from '../../../src/checks/rules/metadata-endpoint-blocked';

test('a range containing the metadata address without except is flagged', () => {
  const np = (ipBlock: any) => ({ kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'n' }, spec: { egress: [{ to: [{ ipBlock }] }] } });
  const out = metadataEndpointBlocked.evaluate([
    np({ cidr: '0.0.0.0/0', except: ['169.254.169.254/32', '100.100.100.200/32', '169.254.0.23/32'] }),
    np({ cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] }),
    np({ cidr: '::/0' }),
    np({ cidr: '10.0.0.0/8' }),
  ]);
  expect(out.map((o) => o.status)).toStrictEqual(['pass', 'weakened', 'weakened', 'pass']);
  expect(out[1].detail).toBe('0.0.0.0/0 reaches 100.100.100.200/32; 0.0.0.0/0 reaches 169.254.0.23/32 (allowCloudMetadataEndpoints)');
});
