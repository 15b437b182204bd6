import { InferenceBackend } from '../../src';
import { dnsLabel, dnsSubdomain, extendedResourceName, integer, labelValue, nonEmpty, port, quantity, quantityValue, singleLine, unique } from '../../src/options/validate';
import { DIGEST_IMAGE, synthEndpoint } from '../support/endpoint-fixtures';
import { synthTraining } from '../support/fixtures';

describe('validators', () => {
  test('dnsLabel accepts labels and suggests a fix', () => {
    expect(dnsLabel('name', 'team-a')).toBe('team-a');
    expect(() => dnsLabel('name', 'Team A!')).toThrow('Invalid name: "Team A!". Use a DNS-1123 label: at most 63 characters, lower-case letters, digits and \'-\', starting and ending with a letter or digit. Did you mean "team-a"?');
    expect(() => dnsLabel('name', 'a'.repeat(64))).toThrow(/at most 63 characters/);
    expect(() => dnsLabel('name', '')).toThrow(/Invalid name: ""/);
  });
  test('dnsSubdomain accepts dotted names', () => {
    expect(dnsSubdomain('host', 'api.example.com')).toBe('api.example.com');
    expect(() => dnsSubdomain('host', 'api..example.com')).toThrow(/DNS-1123 subdomain/);
    expect(() => dnsSubdomain('host', '*.example.com')).toThrow(/DNS-1123 subdomain/);
  });
  test('labelValue follows Kubernetes label rules', () => {
    expect(labelValue('owner', 'risk_ml.team-1')).toBe('risk_ml.team-1');
    expect(() => labelValue('owner', '-bad')).toThrow(/Invalid owner: "-bad"/);
  });
  test('singleLine refuses empty and multi-line text', () => {
    expect(singleLine('purpose', '  train  ')).toBe('train');
    expect(() => singleLine('purpose', 'a\nb')).toThrow(/single line/);
  });
  test('quantity accepts Kubernetes quantities and compares them', () => {
    for (const q of ['500m', '2', '1.5', '64Gi', '2Ti', '1e3', '10M']) expect(quantity('q', q)).toBe(q);
    for (const q of ['64GB', 'Gi', '1..5', '-1', '']) expect(() => quantity('q', q)).toThrow(/Invalid q/);
    expect(quantityValue('500m')).toBe(0.5);
    expect(quantityValue('1Gi')).toBe(2 ** 30);
    expect(quantityValue('1e3')).toBe(1000);
    expect(quantityValue('2E')).toBe(2e18);
  });
  test('integer and port bounds', () => {
    expect(integer('n', 3, 1, 5)).toBe(3);
    expect(() => integer('n', 1.5, 1)).toThrow(/Invalid n: 1\.5\. Use a whole number/);
    expect(port('port', 443)).toBe(443);
    expect(() => port('port', 0)).toThrow(/from 1 to 65535/);
  });
  test('nonEmpty and unique', () => {
    expect(() => nonEmpty('hosts', [], 'Give a host.')).toThrow('Invalid hosts: []. Give a host.');
    expect(() => unique('hosts', ['a', 'b', 'a'])).toThrow(/Invalid hosts: "a"\. Each value may appear only once/);
  });
});

describe('extendedResourceName, shared by the training quota and the endpoint workload', () => {
  test('accepts the names device plugins advertise', () => {
    for (const n of ['nvidia.com/gpu', 'amd.com/gpu', 'gpu.intel.com/i915', 'nvidia.com/mig-1g.5gb']) {
      expect(extendedResourceName('r', n)).toBe(n);
    }
  });

  test.each([
    ['nvidia.com/GPU', /Invalid r: "nvidia\.com\/GPU"\. Resource names are case-sensitive.*Did you mean "nvidia\.com\/gpu"\?/],
    ['NVIDIA.com/gpu', /Invalid r: "NVIDIA\.com\/gpu"\. .*Did you mean "nvidia\.com\/gpu"\?/],
    ['gpu', /Invalid r: "gpu"\. An extended resource name is a domain, '\/' and a name.*did you mean "nvidia\.com\/gpu"\?/],
    ['nvidia/gpu', /Invalid r: "nvidia\/gpu"\. The prefix "nvidia" is not a domain name/],
    ['kubernetes.io/gpu', /The kubernetes\.io prefix is reserved/],
    ['nvidia.com/gpu/x', /a domain, '\/' and a name/],
    ['nvidia.com/-gpu', /The name "-gpu" must be/],
    ['requests.nvidia.com/gpu', /without the quota prefix\. Did you mean "nvidia\.com\/gpu"\?/],
  ])('fails on %s', (value, message) => {
    expect(() => extendedResourceName('r', value)).toThrow(message);
  });

  test('the training quota and the endpoint workload both use it', () => {
    expect(() => synthTraining({ quota: { gpus: 1, gpuResourceName: 'nvidia.com/GPU' } }))
      .toThrow(/^Invalid quota\.gpuResourceName: "nvidia\.com\/GPU"\. Resource names are case-sensitive/);
    expect(() => synthEndpoint({ backend: InferenceBackend.workload({ image: DIGEST_IMAGE, gpuResourceName: 'nvidia/gpu' }) }))
      .toThrow(/^Invalid backend\.gpuResourceName: "nvidia\/gpu"\. The prefix "nvidia" is not a domain name/);
    expect(() => synthEndpoint({ backend: InferenceBackend.workload({ image: DIGEST_IMAGE, gpuResourceName: 'nvidia.com/GPU' }) }))
      .toThrow(/^Invalid backend\.gpuResourceName: "nvidia\.com\/GPU"\./);
  });
});
