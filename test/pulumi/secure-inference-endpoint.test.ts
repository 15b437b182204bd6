import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import * as cdk8s from '../../src';
import { installRecordingMocks, promiseOf, Registration, settled } from './support/recording-mocks';

// Pulumi's test runtime is set before the program (the components) is imported.
const registrations = installRecordingMocks(pulumi);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const components: typeof import('../../src/pulumi') = require('../../src/pulumi');

const TYPE = 'cdk8s-secure-ai:index:SecureInferenceEndpoint';

/** vLLM on ingress-nginx: the endpoint creates the namespace, the workload and a deployer. */
const VLLM: cdk8s.SecureInferenceEndpointProps = {
  namespace: 'llm-serving',
  hosts: ['chat.example.com'],
  modelServer: cdk8s.ModelServer.vllm(),
  backend: cdk8s.InferenceBackend.workload({
    image: 'registry.example.com/ml/vllm-openai@sha256:4f0b5a2c9d3e8f1a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a',
    args: ['--model', '/models/llama-3.1-8b-instruct'],
    gpus: 1,
    modelVolumeClaim: 'llama-weights',
  }),
  controller: cdk8s.EdgeController.ingressNginx(),
  tls: { issuer: cdk8s.CertificateIssuer.clusterIssuer('letsencrypt-production') },
  authentication: cdk8s.Authentication.external({ url: 'http://oauth2-proxy.auth.svc.cluster.local/oauth2/auth' }),
};

/** Triton behind F5 NGINX: an existing Service, F5 Policy custom resources, a VirtualServer. */
const TRITON: cdk8s.SecureInferenceEndpointProps = {
  namespace: 'vision-serving',
  hosts: ['vision.example.com'],
  modelServer: cdk8s.ModelServer.triton(['resnet50']),
  backend: cdk8s.InferenceBackend.service('triton', 8000, { 'app.kubernetes.io/name': 'triton' }),
  namespaceQuota: cdk8s.ServingNamespaceQuota.fromWorkloads({ additionalGpus: 1 }),
  controller: cdk8s.EdgeController.f5Nginx({ nginxPlus: true, appProtectPolicy: 'nginx-ingress/inference-api-protection' }),
  tls: { issuer: cdk8s.CertificateIssuer.issuer('vision-ca') },
  authentication: cdk8s.Authentication.jwt({ jwksSecretName: 'vision-jwks', realm: 'vision' }),
  changeControl: { deployers: [cdk8s.Subject.serviceAccount('vision-deployer', 'ci')] },
};

/** What `cdk8s synth` writes for the same options: the objects to apply (the chart's and the platform-owned chart's), and the controller settings. */
function cdk8sSynthesis(id: string, props: cdk8s.SecureInferenceEndpointProps) {
  const chart = Testing.chart();
  const construct = new cdk8s.SecureInferenceEndpoint(chart, id, props);
  // On its own, the component applies what the platform owns in its namespace too (its ResourceQuota and LimitRange).
  return {
    objects: [...Testing.synth(chart), ...Testing.synth(construct.platformOwnedChart)],
    controllerSettings: Testing.synth(construct.controllerHardeningChart),
    construct,
  };
}

async function registered(component: InstanceType<typeof components.SecureInferenceEndpoint>) {
  const componentUrn = await promiseOf(component.urn);
  const children = await Promise.all(component.resources.map((r) => promiseOf(r.resource.urn)));
  const record = (urn: string) => registrations.find((r) => r.urn === urn)!;
  return { component: record(componentUrn), children: children.map(record) };
}

const TYPED_OR_CUSTOM: { [kind: string]: string } = {
  Certificate: 'kubernetes:cert-manager.io/v1:Certificate',
  VirtualServer: 'kubernetes:k8s.nginx.org/v1:VirtualServer',
  Policy: 'kubernetes:k8s.nginx.org/v1:Policy',
};

describe('SecureInferenceEndpoint component', () => {
  test.each([['chat', VLLM], ['vision', TRITON]])('%s: each object cdk8s synthesises is its own child, with the same manifest', async (name, props) => {
    const component = new components.SecureInferenceEndpoint(name, props);
    const { component: self, children } = await registered(component);
    const expected = cdk8sSynthesis(name, props).objects;

    expect(self.type).toBe(TYPE);
    expect(children).toHaveLength(expected.length);
    for (const manifest of expected) {
      const child = children.find((c) => c.inputs.kind === manifest.kind && c.inputs.metadata.name === manifest.metadata.name
        && c.inputs.metadata.namespace === manifest.metadata.namespace);
      expect(child).toBeDefined();
      expect(child!.parent).toBe(self.urn);
      expect(child!.inputs).toStrictEqual(manifest);
      const token = TYPED_OR_CUSTOM[manifest.kind]
        ?? `kubernetes:${manifest.apiVersion.includes('/') ? manifest.apiVersion : `core/${manifest.apiVersion}`}:${manifest.kind}`;
      expect(child!.type).toBe(token);
    }
    const certificate = component.resources.find((r) => r.manifest.kind === 'Certificate')!;
    expect(certificate.resource).toBeInstanceOf(k8s.apiextensions.CustomResource);
  });

  test('skipAwait: true annotates every child, and customTimeouts reach every child', async () => {
    const component = new components.SecureInferenceEndpoint('nowait', VLLM, { skipAwait: true, customTimeouts: { create: '30m', update: '30m' } });
    const { component: self, children } = await registered(component);
    expect(children.length).toBeGreaterThan(5);
    for (const child of children) {
      expect(child.inputs.metadata.annotations['pulumi.com/skipAwait']).toBe('true');
      expect(child.customTimeouts).toStrictEqual({ create: '30m', update: '30m', delete: undefined });
    }
    // The component itself is given neither: it has no create or update of its own.
    expect(self.customTimeouts).toBeUndefined();
    // What the component exposes stays the manifest cdk8s synthesised.
    expect(component.resources.every((r) => (r.manifest.metadata.annotations as any)?.['pulumi.com/skipAwait'] === undefined)).toBe(true);
  });

  test('skipAwait with kinds annotates only those kinds; the other inputs are the cdk8s synthesis', async () => {
    const { children } = await registered(new components.SecureInferenceEndpoint('gpu', VLLM, { skipAwait: ['Ingress', 'Service'] }));
    const expected = cdk8sSynthesis('gpu', VLLM).objects;
    const skipped = children.filter((c) => c.inputs.metadata.annotations?.['pulumi.com/skipAwait'] === 'true').map((c) => c.inputs.kind);
    expect([...new Set(skipped)].sort()).toStrictEqual(['Ingress', 'Service']);
    for (const child of children) {
      const manifest = expected.find((m) => m.kind === child.inputs.kind && m.metadata.name === child.inputs.metadata.name
        && m.metadata.namespace === child.inputs.metadata.namespace);
      const { ['pulumi.com/skipAwait']: _, ...annotations } = child.inputs.metadata.annotations ?? {};
      const withoutSkip = { ...child.inputs, metadata: { ...child.inputs.metadata, annotations } };
      if (manifest.metadata.annotations === undefined) delete withoutSkip.metadata.annotations;
      expect(withoutSkip).toStrictEqual(manifest);
      expect(child.customTimeouts).toBeUndefined();
    }
  });

  test('fails when skipAwait names something that is not a kind', () => {
    expect(() => new components.SecureInferenceEndpoint('badskip', VLLM, { skipAwait: ['ingress'] }))
      .toThrow(/Invalid skipAwait: \["ingress"\]\. Give true, false or a list of kinds such as \["Ingress", "Service"\]/);
  });

  test('orders the Certificate after the Namespace, and the routes after the Certificate', async () => {
    const { children } = await registered(new components.SecureInferenceEndpoint('ordered', VLLM));
    const namespace = children.find((c) => c.inputs.kind === 'Namespace')!;
    const certificate = children.find((c) => c.inputs.kind === 'Certificate')!;
    expect(certificate.dependencies).toContain(namespace.urn);
    const routes = children.filter((c) => c.inputs.kind === 'Ingress');
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) expect(route.dependencies).toContain(certificate.urn);
    for (const child of children.filter((c) => c.inputs.metadata.namespace === 'llm-serving')) {
      expect(child.dependencies).toContain(namespace.urn);
    }
  });

  test('on its own, applies its namespace\'s ResourceQuota and LimitRange, after the Namespace', async () => {
    const { children } = await registered(new components.SecureInferenceEndpoint('quota', VLLM));
    const namespace = children.find((c) => c.inputs.kind === 'Namespace')!;
    const owned = children.filter((c) => ['ResourceQuota', 'LimitRange'].includes(c.inputs.kind));
    expect(owned.map((c) => `${c.inputs.kind} ${c.inputs.metadata.namespace}/${c.inputs.metadata.name}`))
      .toStrictEqual(['ResourceQuota llm-serving/serving-quota', 'LimitRange llm-serving/container-limits']);
    for (const c of owned) expect(c.dependencies).toContain(namespace.urn);
  });

  test('does not apply the controller settings: they are an output, the YAML cdk8s writes', async () => {
    const component = new components.SecureInferenceEndpoint('settings', VLLM);
    const { children } = await registered(component);
    const settings = cdk8sSynthesis('settings', VLLM).controllerSettings;
    expect(settings.length).toBeGreaterThan(0);
    for (const s of settings) {
      expect(children.some((c) => c.inputs.kind === s.kind && c.inputs.metadata.name === s.metadata.name)).toBe(false);
    }
    const yaml = await promiseOf(component.controllerHardeningYaml);
    expect(parseAllDocuments(yaml).map((d) => d.toJSON())).toStrictEqual(settings);
  });

  test('outputs what users wire next, and registers them', async () => {
    const chat = new components.SecureInferenceEndpoint('wired', VLLM);
    const { component: self } = await registered(chat);
    const construct = cdk8sSynthesis('wired', VLLM).construct;
    expect(await promiseOf(chat.namespaceName)).toBe('llm-serving');
    expect(await promiseOf(chat.serviceName)).toBe(construct.serviceName);
    expect(await promiseOf(chat.hostnames)).toStrictEqual(['chat.example.com']);
    expect(await promiseOf(chat.certificateSecretName)).toBe(construct.certificateSecretName);
    expect(await promiseOf(chat.deployerServiceAccountName)).toBe(construct.deployerServiceAccountName);
    expect(await promiseOf(chat.weakenedControls)).toStrictEqual(construct.weakenedControls);
    await settled(pulumi);
    expect(Object.keys(self.outputs).sort()).toStrictEqual([
      'certificateSecretName', 'controllerHardeningYaml', 'deployerServiceAccountName', 'hostnames', 'namespaceName',
      'serviceName', 'weakenedControls',
    ]);

    const vision = new components.SecureInferenceEndpoint('existing-service', TRITON);
    expect(await promiseOf(vision.serviceName)).toBe('triton');
    expect(await promiseOf(vision.deployerServiceAccountName)).toBeUndefined();
  });

  test('on a platform Gateway (Envoy Gateway) there is no Certificate, and the secret name output is undefined', async () => {
    const chat = new components.SecureInferenceEndpoint('on-gateway', {
      ...VLLM,
      controller: cdk8s.EdgeController.envoyGateway({ gateway: { name: 'platform-gateway', namespace: 'envoy-gateway-system' } }),
      tls: {},
      authentication: cdk8s.Authentication.jwt({ jwksUri: 'https://127.0.0.1:8443/jwks.json', issuer: 'https://127.0.0.1:8443', audiences: ['chat'] }),
      waf: { enabled: false },
    });
    const { children } = await registered(chat);
    expect(children.filter((c) => c.inputs.kind === 'Certificate')).toStrictEqual([]);
    expect(children.map((c) => c.inputs.kind)).toContain('HTTPRoute');
    expect(await promiseOf(chat.certificateSecretName)).toBeUndefined();
  });

  test('a secret name output waits for the Certificate that writes the Secret', async () => {
    const chat = new components.SecureInferenceEndpoint('consumer', VLLM);
    const { children } = await registered(chat);
    const certificate = children.find((c) => c.inputs.kind === 'Certificate')!;
    const consumer = new k8s.core.v1.ConfigMap('tls-consumer', { metadata: { namespace: chat.namespaceName }, data: { secret: chat.certificateSecretName.apply((s) => s ?? '') } });
    await promiseOf(consumer.urn);
    const record = registrations.find((r: Registration) => r.name === 'tls-consumer')!;
    expect(record.dependencies).toContain(certificate.urn);
  });

  test('passes the Kubernetes provider to every child', async () => {
    const provider = new k8s.Provider('serving-cluster', { kubeconfig: 'unused-by-mocks' });
    const { children } = await registered(new components.SecureInferenceEndpoint('provided', TRITON, { provider }));
    const ref = `${await promiseOf(provider.urn)}::${await promiseOf(provider.id)}`;
    for (const child of children) expect(child.provider).toBe(ref);
  });

  test('fails when an option is invalid, with a ResourceError on the component', async () => {
    let error: any;
    try {
      new components.SecureInferenceEndpoint('bad', { ...VLLM, hosts: [] });
    } catch (e) {
      error = e;
    }
    expect(pulumi.ResourceError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/^Invalid hosts: \[\]\. /);
    expect(error.hideStack).toBe(true);
    expect(await promiseOf(error.resource.urn)).toBe(`urn:pulumi:stack::project::${TYPE}::bad`);
  });
});
