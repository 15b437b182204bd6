import { metadataEndpointBlocked } from '../../../src/checks/rules/metadata-endpoint-blocked';
import { ruleFindings } from '../../support/rule-findings';

const np = (ipBlock: any) => ({ kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'n' }, spec: { egress: [{ to: [{ ipBlock }] }] } });

test('a range containing the metadata address without except fails when no option records it', () => {
  const out = metadataEndpointBlocked.evaluate([
    np({ cidr: '0.0.0.0/0', except: ['169.254.169.254/32', '100.100.100.200/32', '169.254.0.23/32'] }),
    np({ cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] }),
    np({ cidr: '::/0' }),
    np({ cidr: '10.0.0.0/8' }),
  ]);
  expect(out.map((o) => o.status)).toStrictEqual(['pass', 'fail', 'fail', 'pass']);
  expect(out[1].detail).toBe('0.0.0.0/0 reaches 100.100.100.200/32; 0.0.0.0/0 reaches 169.254.0.23/32: no option records that this was chosen');
});

test('the same range is a weakened control when an object of its namespace records allowCloudMetadataEndpoints', () => {
  const ns = { kind: 'Namespace', metadata: { name: 'n', annotations: { 'secure-ai.cdk8s.io/weakened-controls': 'egress[0].allowCloudMetadataEndpoints: true' } } };
  const other = { kind: 'Namespace', metadata: { name: 'other', annotations: { 'secure-ai.cdk8s.io/weakened-controls': 'egress[0].allowCloudMetadataEndpoints: true' } } };
  const out = metadataEndpointBlocked.evaluate([ns, np({ cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] })]);
  expect(out.map((o) => `${o.status} ${o.detail}`)).toStrictEqual([
    'weakened 0.0.0.0/0 reaches 100.100.100.200/32; 0.0.0.0/0 reaches 169.254.0.23/32 (allowCloudMetadataEndpoints)',
  ]);
  // A record in another namespace does not choose it.
  expect(metadataEndpointBlocked.evaluate([other, np({ cidr: '0.0.0.0/0' })])[0].status).toBe('fail');
});

test('a suppression accepts the failure until it expires; then it fails again', () => {
  expect(ruleFindings('SAI-NET-2', [np({ cidr: '0.0.0.0/0' })], { object: 'NetworkPolicy/n/p', expires: '2027-01-15' })[0]).toMatch(/^suppressed NetworkPolicy\/n\/p: 0\.0\.0\.0\/0 reaches/);
  expect(ruleFindings('SAI-NET-2', [np({ cidr: '0.0.0.0/0' })], { object: 'NetworkPolicy/n/p', expires: '2027-01-14' })[0]).toMatch(/^fail NetworkPolicy\/n\/p: .*suppression expired on 2027-01-14/);
});
