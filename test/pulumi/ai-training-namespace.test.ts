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

const TYPE = 'cdk8s-secure-ai:index:AITrainingNamespace';

const PROPS: cdk8s.AITrainingNamespaceProps = {
  name: 'llm-finetune',
  dataClassification: cdk8s.DataClassification.RESTRICTED,
  owner: 'genai-platform',
  purpose: 'Fine-tune the support assistant on redacted tickets',
  admission: { allowedRegistries: ['registry.example.com/ml'] },
  egress: [{ name: 'feature-store', peer: cdk8s.NetworkPeer.cidr('10.40.0.0/16'), ports: [cdk8s.NetworkPort.tcp(6379)] }],
  namespaceAdmins: [cdk8s.Subject.group('genai-platform-admins')],
  mlEngineers: [cdk8s.Subject.group('llm-research')],
  viewers: [cdk8s.Subject.group('security-auditors')],
  ciDeployer: true,
  allowPodExec: true,
  quota: { gpus: 8, gpuResourceName: 'nvidia.com/gpu' },
};

/**
 * What `cdk8s synth` writes for the same options: the objects to apply (the chart's, which are
 * none, and the platform-owned chart's), and the audit policy.
 */
function cdk8sSynthesis(id: string, props: cdk8s.AITrainingNamespaceProps) {
  const chart = Testing.chart();
  const construct = new cdk8s.AITrainingNamespace(chart, id, props);
  return {
    objects: [...Testing.synth(chart), ...Testing.synth(construct.platformOwnedChart)],
    auditPolicy: Testing.synth(construct.auditPolicyChart),
    construct,
  };
}

function tokenOf(o: any): string {
  return `kubernetes:${o.apiVersion.includes('/') ? o.apiVersion : `core/${o.apiVersion}`}:${o.kind}`;
}

/** Waits until the component and all its children are registered, and returns their records. */
async function registered(component: InstanceType<typeof components.AITrainingNamespace>) {
  const componentUrn = await promiseOf(component.urn);
  const children = await Promise.all(component.resources.map((r) => promiseOf(r.resource.urn)));
  const record = (urn: string) => registrations.find((r) => r.urn === urn)!;
  return { component: record(componentUrn), children: children.map(record) };
}

describe('AITrainingNamespace component', () => {
  test('registers each object cdk8s synthesises as its own child, with the same manifest', async () => {
    const component = new components.AITrainingNamespace('llm', PROPS);
    const { component: self, children } = await registered(component);
    const expected = cdk8sSynthesis('llm', PROPS).objects;

    expect(self.type).toBe(TYPE);
    expect(self.name).toBe('llm');
    expect(self.custom).toBe(false);
    expect(children).toHaveLength(expected.length);
    expect(expected.length).toBeGreaterThan(15);
    for (const manifest of expected) {
      const child = children.find((c) => c.inputs.kind === manifest.kind && c.inputs.metadata.name === manifest.metadata.name);
      expect(child).toBeDefined();
      expect(child!.type).toBe(tokenOf(manifest));
      expect(child!.name).toBe(`llm-${manifest.metadata.name}`);
      expect(child!.parent).toBe(self.urn);
      expect(child!.custom).toBe(true);
      expect(child!.inputs).toStrictEqual(manifest);
    }
    // Every kind here has a typed @pulumi/kubernetes class: none is a bare CustomResource.
    expect(new Set(children.map((c) => c.type))).toStrictEqual(new Set([
      'kubernetes:core/v1:Namespace',
      'kubernetes:networking.k8s.io/v1:NetworkPolicy',
      'kubernetes:core/v1:ServiceAccount',
      'kubernetes:rbac.authorization.k8s.io/v1:Role',
      'kubernetes:rbac.authorization.k8s.io/v1:RoleBinding',
      'kubernetes:core/v1:ResourceQuota',
      'kubernetes:core/v1:LimitRange',
      'kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy',
      'kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding',
    ]));
    expect(component.resources.find((r) => r.manifest.kind === 'Namespace')!.resource).toBeInstanceOf(k8s.core.v1.Namespace);
  });

  test('orders children: the Namespace first, each admission policy before its binding', async () => {
    const component = new components.AITrainingNamespace('ordered', PROPS);
    const { children } = await registered(component);
    const namespace = children.find((c) => c.type === 'kubernetes:core/v1:Namespace')!;
    expect(namespace.dependencies).toStrictEqual([]);
    expect(registrations.indexOf(namespace)).toBeLessThan(Math.min(...children.filter((c) => c !== namespace).map((c) => registrations.indexOf(c))));
    const dependsOnTransitively = (child: Registration, urn: string): boolean =>
      child.dependencies.includes(urn) || child.dependencies.some((d) => dependsOnTransitively(children.find((c) => c.urn === d)!, urn));
    for (const child of children.filter((c) => c !== namespace)) {
      // Namespaced objects name the Namespace directly; cluster-scoped bindings through their policy.
      if (child.inputs.metadata.namespace) expect(child.dependencies).toContain(namespace.urn);
      expect(dependsOnTransitively(child, namespace.urn!)).toBe(true);
    }
    const policies = children.filter((c) => c.inputs.kind === 'ValidatingAdmissionPolicy');
    const bindings = children.filter((c) => c.inputs.kind === 'ValidatingAdmissionPolicyBinding');
    expect(bindings.length).toBe(policies.length);
    for (const binding of bindings) {
      const policy = policies.find((p) => p.inputs.metadata.name === binding.inputs.spec.policyName)!;
      expect(binding.dependencies).toContain(policy.urn);
      expect(registrations.indexOf(binding)).toBeGreaterThan(registrations.indexOf(policy));
    }
  });

  test('does not apply the audit policy: it is an output, the YAML cdk8s writes', async () => {
    const component = new components.AITrainingNamespace('audited', PROPS);
    const { children } = await registered(component);
    expect(children.some((c) => c.inputs.apiVersion === 'audit.k8s.io/v1')).toBe(false);
    expect(registrations.some((r) => r.inputs?.apiVersion === 'audit.k8s.io/v1')).toBe(false);
    const yaml = await promiseOf(component.auditPolicyYaml);
    const documents = parseAllDocuments(yaml).map((d) => d.toJSON());
    expect(documents).toStrictEqual(cdk8sSynthesis('audited', PROPS).auditPolicy);
    expect(documents[0]).toMatchObject({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy' });
  });

  test('outputs what users wire next, and registers them', async () => {
    const component = new components.AITrainingNamespace('wired', PROPS);
    const { component: self } = await registered(component);
    const construct = cdk8sSynthesis('wired', PROPS).construct;
    expect(await promiseOf(component.namespaceName)).toBe('llm-finetune');
    expect(await promiseOf(component.trainingServiceAccountName)).toBe(construct.trainingServiceAccountName);
    expect(await promiseOf(component.ciDeployerServiceAccountName)).toBe(construct.ciDeployerServiceAccountName);
    expect(await promiseOf(component.weakenedControls)).toStrictEqual(construct.weakenedControls);
    expect(construct.weakenedControls.map((w) => w.option)).toContain('allowPodExec: true');

    await settled(pulumi);
    const outputs = self.outputs;
    expect(Object.keys(outputs).sort()).toStrictEqual([
      'auditPolicyYaml', 'ciDeployerServiceAccountName', 'namespaceName', 'trainingServiceAccountName', 'weakenedControls',
    ]);
    expect(outputs.namespaceName).toBe('llm-finetune');
  });

  test('leaves the CI deployer output undefined without a CI deployer', async () => {
    const component = new components.AITrainingNamespace('no-ci', { ...PROPS, ciDeployer: false });
    expect(await promiseOf(component.ciDeployerServiceAccountName)).toBeUndefined();
  });

  test('passes the Kubernetes provider to every child', async () => {
    const provider = new k8s.Provider('cluster', { kubeconfig: 'unused-by-mocks' });
    const component = new components.AITrainingNamespace('provided', PROPS, { provider });
    const { children } = await registered(component);
    const providerRef = `${await promiseOf(provider.urn)}::${await promiseOf(provider.id)}`;
    expect(children.length).toBeGreaterThan(0);
    for (const child of children) expect(child.provider).toBe(providerRef);
  });

  test('passes skipAwait and customTimeouts to the children', async () => {
    const component = new components.AITrainingNamespace('timed', PROPS, { skipAwait: ['Namespace'], customTimeouts: { delete: '20m' } });
    const { children } = await registered(component);
    const namespace = children.find((c) => c.inputs.kind === 'Namespace')!;
    expect(namespace.inputs.metadata.annotations['pulumi.com/skipAwait']).toBe('true');
    for (const child of children.filter((c) => c !== namespace)) expect(child.inputs.metadata.annotations?.['pulumi.com/skipAwait']).toBeUndefined();
    for (const child of children) expect(child.customTimeouts).toStrictEqual({ create: undefined, update: undefined, delete: '20m' });
  });

  test('children wait for what the component depends on', async () => {
    const first = new k8s.core.v1.Namespace('platform', { metadata: { name: 'platform' } });
    const component = new components.AITrainingNamespace('after', PROPS, { dependsOn: [first] });
    const { children } = await registered(component);
    const firstUrn = await promiseOf(first.urn);
    for (const child of children) expect(child.dependencies).toContain(firstUrn);
  });

  test('two components in one stack do not collide', async () => {
    const a = new components.AITrainingNamespace('team-a', { ...PROPS, name: 'team-a' });
    const b = new components.AITrainingNamespace('team-b', { ...PROPS, name: 'team-b' });
    const urns = [...(await registered(a)).children, ...(await registered(b)).children].map((c) => c.urn);
    expect(new Set(urns).size).toBe(urns.length);
  });

  test('fails when an option is invalid, with a ResourceError on the component', async () => {
    let error: unknown;
    try {
      new components.AITrainingNamespace('bad', { ...PROPS, name: 'kube-system' });
    } catch (e) {
      error = e;
    }
    expect(pulumi.ResourceError.isInstance(error)).toBe(true);
    const resourceError = error as pulumi.ResourceError;
    expect(resourceError.message).toBe('Invalid name: "kube-system". This namespace belongs to the cluster or its platform (kube-*, default, the controllers\', cert-manager\'s); a training namespace locks it down, so choose a name of your own.');
    expect(resourceError.hideStack).toBe(true);
    expect(await promiseOf(resourceError.resource!.urn)).toBe(`urn:pulumi:stack::project::${TYPE}::bad`);
  });
});
