import * as pulumi from '@pulumi/pulumi';
import { parseAllDocuments } from 'yaml';
import * as cdk8s from '../../src';
import { installRecordingMocks, promiseOf, settled } from './support/recording-mocks';

// Pulumi's test runtime is set before the program (the components) is imported.
const registrations = installRecordingMocks(pulumi);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const components: typeof import('../../src/pulumi') = require('../../src/pulumi');

const IMAGE = `registry.example.com/ml/vllm-openai@sha256:${'4f0b5a2c'.repeat(8)}`;
const endpoint = (namespace: string, host: string): cdk8s.SecureInferenceEndpointProps => ({
  namespace,
  hosts: [host],
  modelServer: cdk8s.ModelServer.vllm(),
  backend: cdk8s.InferenceBackend.workload({ image: IMAGE }),
  controller: cdk8s.EdgeController.ingressNginx(),
  tls: { issuer: cdk8s.CertificateIssuer.clusterIssuer('letsencrypt-production') },
  authentication: cdk8s.Authentication.external({ url: 'http://oauth2-proxy.auth.svc.cluster.local/oauth2/auth' }),
});
const training = (name: string): cdk8s.AITrainingNamespaceProps => ({
  name,
  owner: 'ml',
  purpose: 'fine-tuning',
  dataClassification: cdk8s.DataClassification.INTERNAL,
  admission: { allowedRegistries: ['registry.example.com/ml'] },
});

describe('SecureAiPlatform component', () => {
  test('composes the program\'s components as one app: one controller ConfigMap, one audit policy, one Namespace per shared namespace', async () => {
    const platform = new components.SecureAiPlatform('platform');
    const chat = new components.SecureInferenceEndpoint('chat', endpoint('llm-serving', 'chat.example.com'), { platform });
    const embeddings = new components.SecureInferenceEndpoint('embeddings', endpoint('llm-serving', 'embeddings.example.com'), { platform });
    new components.SecureInferenceEndpoint('vision', endpoint('vision-serving', 'vision.example.com'), { platform });
    new components.AITrainingNamespace('team-a', training('team-a'), { platform });
    new components.AITrainingNamespace('team-b', training('team-b'), { platform });

    const settings = parseAllDocuments(await promiseOf(platform.controllerSettingsYaml)).map((d) => d.toJSON());
    const controllerConfigMaps = settings.filter((o) => o.metadata.name === 'ingress-nginx-controller');
    expect(controllerConfigMaps).toHaveLength(1);
    expect(controllerConfigMaps[0].metadata.annotations['secure-ai.cdk8s.io/composed-from'])
      .toBe('llm-serving/chat, llm-serving/embeddings, vision-serving/vision');
    expect(await promiseOf(chat.controllerHardeningYaml)).toBe(await promiseOf(platform.controllerSettingsYaml));

    const [policy] = parseAllDocuments(await promiseOf(platform.auditPolicyYaml)).map((d) => d.toJSON());
    expect(policy.kind).toBe('Policy');
    expect(policy.rules[1].namespaces).toStrictEqual(['team-a', 'team-b']);

    // The shared namespace is created once, by the first endpoint; the second waits for it.
    const namespaces = registrations.filter((r) => r.inputs?.kind === 'Namespace').map((r) => r.inputs.metadata.name);
    expect(namespaces.filter((n) => n === 'llm-serving')).toHaveLength(1);
    const shared = chat.resources.find((r) => r.manifest.kind === 'Namespace')!;
    const sharedUrn = await promiseOf(shared.resource.urn);
    const deployment = embeddings.resources.find((r) => r.manifest.kind === 'Deployment')!;
    const deploymentUrn = await promiseOf(deployment.resource.urn);
    expect(embeddings.resources.some((r) => r.manifest.kind === 'Namespace')).toBe(false);
    await settled(pulumi);
    expect(registrations.find((r) => r.urn === deploymentUrn)!.dependencies).toContain(sharedUrn);
  });

  test('each component creates what its construct wrote into the platform-owned chart, and nothing is created twice', async () => {
    const platform = new components.SecureAiPlatform('owned-platform');
    const chat = new components.SecureInferenceEndpoint('owned-chat', endpoint('owned-serving', 'owned-chat.example.com'), { platform });
    const embeddings = new components.SecureInferenceEndpoint('owned-embeddings', endpoint('owned-serving', 'owned-embeddings.example.com'), { platform });
    const team = new components.AITrainingNamespace('owned-team', training('owned-team'), { platform });
    const ref = (m: any) => `${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`;
    const refs = (component: { resources: { manifest: any }[] }) => component.resources.map((r) => ref(r.manifest));

    expect(refs(chat)).toEqual(expect.arrayContaining([
      'Namespace//owned-serving', 'ServiceAccount/owned-serving/owned-chat-deployer', 'Role/owned-serving/owned-chat-deployer',
      'RoleBinding/owned-serving/owned-chat-deployer', 'ValidatingAdmissionPolicy//secure-ai-owned-serving-owned-chat-change-control',
      'ValidatingAdmissionPolicyBinding//secure-ai-owned-serving-owned-chat-change-control', 'Deployment/owned-serving/owned-chat',
    ]));
    expect(refs(embeddings)).toEqual(expect.arrayContaining([
      'ServiceAccount/owned-serving/owned-embeddings-deployer', 'Role/owned-serving/owned-embeddings-deployer',
      'ValidatingAdmissionPolicy//secure-ai-owned-serving-owned-embeddings-change-control',
    ]));
    expect(refs(embeddings)).not.toContain('Namespace//owned-serving');
    expect(refs(team).filter((r) => r.startsWith('Namespace/') || r.startsWith('ValidatingAdmissionPolicy/') || r.startsWith('Role/')).length).toBeGreaterThan(5);

    await settled(pulumi);
    const urns = new Set(await Promise.all([chat, embeddings, team].map((c) => promiseOf(c.urn))));
    const children = registrations.filter((r) => r.parent !== undefined && urns.has(r.parent));
    const all = children.map((r) => `${r.type} ${r.inputs.metadata.namespace ?? ''}/${r.inputs.metadata.name}`);
    expect(all.length).toBe(chat.resources.length + embeddings.resources.length + team.resources.length);
    expect(new Set(all).size).toBe(all.length);
    // Each object, the platform-owned ones included, is a child of its own construct's component.
    for (const component of [chat, embeddings, team]) {
      const urn = await promiseOf(component.urn);
      for (const r of component.resources) {
        const child = await promiseOf(r.resource.urn);
        expect([ref(r.manifest), registrations.find((x) => x.urn === child)!.parent]).toStrictEqual([ref(r.manifest), urn]);
      }
    }
  });

  test('the platform creates each shared namespace\'s ResourceQuota and LimitRange once, composed from every component, after the namespace', async () => {
    const platform = new components.SecureAiPlatform('quota-platform');
    const chat = new components.SecureInferenceEndpoint('quota-chat', endpoint('quota-serving', 'quota-chat.example.com'), { platform });
    const embeddings = new components.SecureInferenceEndpoint('quota-embeddings', endpoint('quota-serving', 'quota-embeddings.example.com'), { platform });
    // Neither component applies the namespace's quota: it is complete only once both exist.
    for (const c of [chat, embeddings]) expect(c.resources.filter((r) => ['ResourceQuota', 'LimitRange'].includes(r.manifest.kind))).toStrictEqual([]);
    await promiseOf(platform.controllerSettingsYaml);
    await settled(pulumi);
    const platformUrn = await promiseOf(platform.urn);
    const quotas = registrations.filter((r) => r.parent === platformUrn && r.inputs?.metadata?.namespace === 'quota-serving');
    expect(quotas.map((r) => `${r.inputs.kind}/${r.inputs.metadata.name}`)).toStrictEqual(['ResourceQuota/serving-quota', 'LimitRange/container-limits']);
    const quota = quotas[0].inputs;
    expect(quota.metadata.annotations['secure-ai.cdk8s.io/composed-from']).toBe('quota-serving/quota-chat, quota-serving/quota-embeddings');
    expect(quota.spec.hard['requests.nvidia.com/gpu']).toBe('2');
    const namespaceUrn = await promiseOf(chat.resources.find((r) => r.manifest.kind === 'Namespace')!.resource.urn);
    for (const r of quotas) expect(r.dependencies).toContain(namespaceUrn);
  });

  test('fails, as a ResourceError on the component, when a component is given the platform after it has composed', async () => {
    const platform = new components.SecureAiPlatform('late-platform');
    await promiseOf(platform.controllerSettingsYaml);
    expect(() => new components.SecureInferenceEndpoint('late', endpoint('late-serving', 'late.example.com'), { platform }))
      .toThrow(/already composed its outputs: create every component that uses it before the program awaits anything/);
  });
});
