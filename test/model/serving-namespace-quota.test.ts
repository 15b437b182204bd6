import {
  CertificateChallenge, InferenceBackend, RolloutStrategy, SecureInferenceEndpointProps, ServingNamespaceQuota,
} from '../../src';
import { HTTP01_SOLVER_RESOURCES } from '../../src/facts/cert-manager';
import { buildEndpointModel } from '../../src/model/endpoint-model';
import {
  assertSameQuotaChoice, composeServingQuota, SERVING_CONTAINER_DEFAULTS, ServingQuotaContribution,
} from '../../src/model/serving-namespace-quota';
import { quantityValue } from '../../src/options/validate';
import { DIGEST_IMAGE, MINIMAL_ENDPOINT } from '../support/endpoint-fixtures';

const share = (overrides: Partial<SecureInferenceEndpointProps> = {}, name = 'llm'): ServingQuotaContribution | undefined =>
  buildEndpointModel(name, { ...MINIMAL_ENDPOINT, ...overrides }).namespaceQuota;
const workload = (options: object = {}) => InferenceBackend.workload({ image: DIGEST_IMAGE, ...options });
const fails = (overrides: Partial<SecureInferenceEndpointProps>, message: RegExp) => expect(() => share(overrides)).toThrow(message);

describe('an endpoint\'s share of its namespace\'s quota', () => {
  test('by default: one GPU for the one replica, one node port for the HTTP-01 solver of its one host', () => {
    expect(share()).toStrictEqual({
      endpoint: 'serving/llm',
      sizing: { gpus: { 'nvidia.com/gpu': 1 }, nodePorts: 1, maxContainerCpu: '4', maxContainerMemory: '32Gi' },
    });
  });

  test.each([
    ['REPLACE_ONE_AT_A_TIME adds no pod', RolloutStrategy.REPLACE_ONE_AT_A_TIME, 3 * 2],
    ['SURGE_ONE adds one pod', RolloutStrategy.SURGE_ONE, (3 + 1) * 2],
    ['RECREATE adds no pod', RolloutStrategy.RECREATE, 3 * 2],
  ])('GPUs are GPUs per replica times the pods of a rollout: %s', (_, rollout, gpus) => {
    expect(share({ backend: workload({ replicas: 3, gpus: 2, rollout }) })!.sizing!.gpus).toStrictEqual({ 'nvidia.com/gpu': gpus });
  });

  test('a canary workload counts like the primary, under its own GPU resource name', () => {
    const s = share({
      backend: workload({ replicas: 2, gpus: 1 }),
      canary: { backend: workload({ replicas: 1, gpus: 4, gpuResourceName: 'amd.com/gpu', rollout: RolloutStrategy.SURGE_ONE }), weightPercent: 10 },
    });
    expect(s!.sizing!.gpus).toStrictEqual({ 'nvidia.com/gpu': 2, 'amd.com/gpu': 8 });
  });

  test('a workload without GPUs adds none', () => {
    expect(share({ backend: workload({ gpus: 0 }) })!.sizing!.gpus).toStrictEqual({ 'nvidia.com/gpu': 0 });
  });

  test('additional GPUs join the quota, under their resource name', () => {
    const quota = ServingNamespaceQuota.fromWorkloads({ additionalGpus: 3, additionalGpuResourceName: 'gpu.intel.com/xe' });
    expect(share({ namespaceQuota: quota })!.sizing!.gpus).toStrictEqual({ 'nvidia.com/gpu': 1, 'gpu.intel.com/xe': 3 });
    expect(share({ namespaceQuota: ServingNamespaceQuota.fromWorkloads({ additionalGpus: 2 }) })!.sizing!.gpus).toStrictEqual({ 'nvidia.com/gpu': 3 });
  });

  test('an existing Service\'s pods are counted as the additional GPUs the user gives', () => {
    const s = share({ backend: InferenceBackend.service('triton', 8000, { app: 'triton' }), namespaceQuota: ServingNamespaceQuota.fromWorkloads({ additionalGpus: 2 }) });
    expect(s!.sizing!.gpus).toStrictEqual({ 'nvidia.com/gpu': 2 });
  });

  test('node ports: one per host with HTTP-01, none with DNS-01 or a non-ACME issuer', () => {
    const hosts = ['a.example.com', 'b.example.com', 'c.example.com'];
    expect(share({ hosts })!.sizing!.nodePorts).toBe(3);
    expect(share({ hosts, tls: { ...MINIMAL_ENDPOINT.tls, challenge: CertificateChallenge.dns01() } })!.sizing!.nodePorts).toBe(0);
    expect(share({ hosts, tls: { ...MINIMAL_ENDPOINT.tls, challenge: CertificateChallenge.none() } })!.sizing!.nodePorts).toBe(0);
  });

  test('the per-container cap is the largest model-server container, at least 4 CPUs and 32Gi, or the option', () => {
    expect(share({ backend: workload({ cpu: '16', memory: '128Gi' }) })!.sizing).toMatchObject({ maxContainerCpu: '16', maxContainerMemory: '128Gi' });
    expect(share({ backend: workload({ cpu: '2', memory: '8Gi' }) })!.sizing).toMatchObject({ maxContainerCpu: '4', maxContainerMemory: '32Gi' });
    const lowered = ServingNamespaceQuota.fromWorkloads({ maxContainerCpu: '2', maxContainerMemory: '8Gi' });
    expect(share({ backend: workload({ cpu: '2', memory: '8Gi' }), namespaceQuota: lowered })!.sizing).toMatchObject({ maxContainerCpu: '2', maxContainerMemory: '8Gi' });
  });

  test('none when the endpoint does not create its namespace: the owner\'s quota applies', () => {
    expect(share({ createNamespace: false })).toBeUndefined();
  });

  test('unlimitedInsecure: a share without sizing, recorded as a weakened control', () => {
    const m = buildEndpointModel('llm', { ...MINIMAL_ENDPOINT, namespaceQuota: ServingNamespaceQuota.unlimitedInsecure() });
    expect(m.namespaceQuota).toStrictEqual({ endpoint: 'serving/llm' });
    expect(m.weakenings).toContainEqual({
      option: 'namespaceQuota: ServingNamespaceQuota.unlimitedInsecure()',
      effect: 'The namespace has no ResourceQuota and no LimitRange: its pods may request any number of GPUs and open LoadBalancer and NodePort Services, and a container that declares no resources runs unbounded.',
    });
  });
});

describe('the share fails at synthesis on bad input', () => {
  const sized = (options: object) => ServingNamespaceQuota.fromWorkloads(options);

  test('fails when namespaceQuota is not a ServingNamespaceQuota', () => {
    fails({ namespaceQuota: { additionalGpus: 2 } as any },
      /^Invalid namespaceQuota: \{ additionalGpus: 2 \}\. Give ServingNamespaceQuota\.fromWorkloads\(\{\.\.\.\}\) or ServingNamespaceQuota\.unlimitedInsecure\(\)\.$/);
  });

  test('fails when the endpoint does not create its namespace and namespaceQuota is set', () => {
    fails({ createNamespace: false, namespaceQuota: ServingNamespaceQuota.unlimitedInsecure() },
      /^Invalid namespaceQuota: ServingNamespaceQuota \{ limited: false \}\. The endpoint does not create its namespace \(createNamespace: false\), so the namespace's quota is its owner's: remove namespaceQuota/);
  });

  test('fails when the backend or canary is an existing Service and additionalGpus is not given', () => {
    fails({ backend: InferenceBackend.service('triton', 8000, { app: 'triton' }) },
      /^Invalid namespaceQuota\.additionalGpus: undefined\. The pods behind backend \(Service "triton"\) run under the namespace's GPU quota, but the endpoint cannot count their GPUs: set namespaceQuota: ServingNamespaceQuota\.fromWorkloads\(\{ additionalGpus: <the GPUs those pods request, 0 if none> \}\)/);
    fails({ canary: { backend: InferenceBackend.service('v2', 8000, { app: 'v2' }), weightPercent: 5 }, namespaceQuota: sized({ maxContainerCpu: '8' }) },
      /^Invalid namespaceQuota\.additionalGpus: undefined\. The pods behind canary\.backend \(Service "v2"\)/);
  });

  test.each([-1, 1.5, 100001])('fails when additionalGpus is %s', (n) => {
    fails({ namespaceQuota: sized({ additionalGpus: n }) }, new RegExp(`^Invalid namespaceQuota\\.additionalGpus: ${n}\\. Use a whole number from 0 to 100000\\.$`));
  });

  test('fails when additionalGpuResourceName is not an extended resource name, or comes without additionalGpus', () => {
    fails({ namespaceQuota: sized({ additionalGpus: 1, additionalGpuResourceName: 'nvidia.com/GPU' }) },
      /^Invalid namespaceQuota\.additionalGpuResourceName: "nvidia\.com\/GPU"\. Resource names are case-sensitive .*Did you mean "nvidia\.com\/gpu"\?/);
    fails({ namespaceQuota: sized({ additionalGpuResourceName: 'amd.com/gpu' }) },
      /^Invalid namespaceQuota\.additionalGpus: undefined\. additionalGpuResourceName is "amd\.com\/gpu" but additionalGpus is not set; set the number of GPUs to add\.$/);
  });

  test('fails when a container cap is not a quantity', () => {
    fails({ namespaceQuota: sized({ maxContainerCpu: 'four' }) }, /^Invalid namespaceQuota\.maxContainerCpu: "four"\. Use a Kubernetes quantity/);
    fails({ namespaceQuota: sized({ maxContainerMemory: '32GB' }) }, /^Invalid namespaceQuota\.maxContainerMemory: "32GB"\. Use a Kubernetes quantity/);
  });

  test('fails when a container cap is below the model-server container', () => {
    fails({ backend: workload({ cpu: '8' }), namespaceQuota: sized({ maxContainerCpu: '6' }) },
      /^Invalid namespaceQuota\.maxContainerCpu: "6"\. The model-server container of backend declares cpu "8", and a LimitRange below it refuses its pods: use at least that\.$/);
    fails({ canary: { backend: workload({ memory: '80Gi' }), weightPercent: 5 }, namespaceQuota: sized({ maxContainerMemory: '64Gi' }) },
      /^Invalid namespaceQuota\.maxContainerMemory: "64Gi"\. The model-server container of canary\.backend declares memory "80Gi"/);
  });

  test('fails when a container cap is below the limit given to containers that declare none', () => {
    const backend = InferenceBackend.service('s', 80, { app: 's' });
    expect(() => share({ backend, namespaceQuota: sized({ additionalGpus: 0, maxContainerCpu: '500m' }) }))
      .toThrow(/^Invalid namespaceQuota\.maxContainerCpu: "500m"\. Containers that declare no cpu are given a limit of "1", which the cap must allow: use at least that\.$/);
    expect(() => share({ backend, namespaceQuota: sized({ additionalGpus: 0, maxContainerMemory: '512Mi' }) }))
      .toThrow(/^Invalid namespaceQuota\.maxContainerMemory: "512Mi"\. Containers that declare no memory are given a limit of "1Gi"/);
  });
});

describe('composeServingQuota', () => {
  const a = share({}, 'chat')!;
  const b = share({ hosts: ['x.example.com', 'y.example.com'], backend: workload({ replicas: 2, gpus: 2, gpuResourceName: 'amd.com/gpu', memory: '96Gi' }) }, 'embed')!;

  test('sums GPUs by name and node ports, holds unused well-known GPU names at zero, and never allows a LoadBalancer', () => {
    expect(composeServingQuota([a, b]).hard).toStrictEqual({
      'requests.amd.com/gpu': '4',
      'requests.gpu.intel.com/i915': '0',
      'requests.gpu.intel.com/xe': '0',
      'requests.nvidia.com/gpu': '1',
      'services.loadbalancers': '0',
      'services.nodeports': '3',
    });
  });

  test('the LimitRange: small defaults for containers that declare none, the largest cap of the endpoints', () => {
    const m = composeServingQuota([a, b]);
    expect(m.containerDefaultRequest).toStrictEqual({ cpu: '100m', memory: '128Mi' });
    expect(m.containerDefaultLimit).toStrictEqual({ cpu: '1', memory: '1Gi' });
    expect(m.containerMax).toStrictEqual({ cpu: '4', memory: '96Gi' });
    expect(m.endpoints).toStrictEqual(['serving/chat', 'serving/embed']);
  });

  test('cert-manager\'s HTTP-01 solver container fits the LimitRange as cert-manager sizes it', () => {
    const m = composeServingQuota([a]);
    for (const r of ['cpu', 'memory'] as const) {
      expect(quantityValue(HTTP01_SOLVER_RESOURCES.limits[r])).toBeLessThanOrEqual(quantityValue(m.containerMax[r]));
      expect(quantityValue(SERVING_CONTAINER_DEFAULTS.defaultLimit[r])).toBeLessThanOrEqual(quantityValue(m.containerMax[r]));
    }
  });

  test('endpoints of a namespace must agree on turning the quota off', () => {
    const off = buildEndpointModel('other', { ...MINIMAL_ENDPOINT, hosts: ['o.example.com'], namespaceQuota: ServingNamespaceQuota.unlimitedInsecure() }).namespaceQuota!;
    expect(() => assertSameQuotaChoice(a, b)).not.toThrow();
    expect(() => assertSameQuotaChoice(a, off)).toThrow(
      /^Invalid namespaceQuota of serving\/other: "ServingNamespaceQuota\.unlimitedInsecure\(\)"\. serving\/chat shares this namespace with a quota; endpoints sharing a namespace share its quota and must agree on turning it off\.$/);
    expect(() => assertSameQuotaChoice(off, a)).toThrow(/^Invalid namespaceQuota of serving\/chat: "a quota"\. serving\/other shares this namespace with ServingNamespaceQuota\.unlimitedInsecure\(\)/);
  });
});
