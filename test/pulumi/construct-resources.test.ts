import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { Testing } from 'cdk8s';
import { installRecordingMocks, promiseOf } from './support/recording-mocks';
import { SampleConstruct } from './support/sample-construct';

// Pulumi's test runtime is set before the program is imported.
const registrations = installRecordingMocks(pulumi);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { registerConstructResources, nameOutput }: typeof import('../../src/pulumi/construct-resources') = require('../../src/pulumi/construct-resources');

/** The generic path every component takes, on a construct with CRDs and custom resources. */
class SampleComponent extends pulumi.ComponentResource {
  public readonly built: ReturnType<typeof registerConstructResources<SampleConstruct>>;
  constructor(name: string, opts?: pulumi.ComponentResourceOptions, factory = (scope: any, id: string) => new SampleConstruct(scope, id)) {
    super('test:index:Sample', name, {}, opts);
    this.built = registerConstructResources(this, name, factory, opts);
    this.registerOutputs({});
  }
}

async function childrenOf(component: SampleComponent) {
  const urns = await Promise.all(component.built.resources.map((r) => promiseOf(r.resource.urn)));
  return urns.map((urn) => registrations.find((r) => r.urn === urn)!);
}

describe('registerConstructResources', () => {
  test('registers typed kinds with their class and CRD-backed kinds as CustomResources', async () => {
    const component = new SampleComponent('edge');
    const children = await childrenOf(component);
    const componentUrn = await promiseOf(component.urn);
    const chart = Testing.chart();
    new SampleConstruct(chart, 'edge');
    const expected = Testing.synth(chart).filter((m) => m.apiVersion !== 'audit.k8s.io/v1');

    expect(children.map((c) => [c.type, c.name]).sort()).toStrictEqual([
      ['kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition', 'edge-certificates.cert-manager.io'],
      ['kubernetes:cert-manager.io/v1:Certificate', 'edge-model-tls'],
      ['kubernetes:core/v1:ConfigMap', 'edge-monitoring-settings'],
      ['kubernetes:core/v1:ConfigMap', 'edge-serving-settings'],
      ['kubernetes:core/v1:Namespace', 'edge-serving'],
      ['kubernetes:k8s.nginx.org/v1:Policy', 'edge-rate-limit'],
    ]);
    for (const child of children) {
      expect(child.parent).toBe(componentUrn);
      const manifest = expected.find((m) => m.kind === child.inputs.kind && m.metadata.namespace === child.inputs.metadata.namespace
        && m.metadata.name === child.inputs.metadata.name);
      expect(child.inputs).toStrictEqual(manifest);
    }
    const certificate = component.built.resources.find((r) => r.manifest.kind === 'Certificate')!;
    expect(certificate.resource).toBeInstanceOf(k8s.apiextensions.CustomResource);
    expect(await promiseOf(nameOutput(certificate))).toBe('model-tls');
    expect(component.built.documents.map((d) => d.kind)).toStrictEqual(['Policy']);
    expect(registrations.some((r) => r.inputs?.apiVersion === 'audit.k8s.io/v1')).toBe(false);
  });

  test('a custom resource waits for its CRD and its Namespace', async () => {
    const children = await childrenOf(new SampleComponent('ordered'));
    const urnOf = (name: string) => children.find((c) => c.name === name)!.urn;
    const certificate = children.find((c) => c.name === 'ordered-model-tls')!;
    expect(certificate.dependencies.sort()).toStrictEqual([urnOf('ordered-certificates.cert-manager.io'), urnOf('ordered-serving')].sort());
    expect(registrations.indexOf(certificate)).toBeGreaterThan(registrations.findIndex((r) => r.name === 'ordered-certificates.cert-manager.io'));
    const settings = children.find((c) => c.name === 'ordered-serving-settings')!;
    expect(settings.dependencies.sort()).toStrictEqual([urnOf('ordered-rate-limit'), urnOf('ordered-serving')].sort());
  });

  test('a construct error that is not an invalid option keeps its stack', async () => {
    let error: any;
    try {
      new SampleComponent('broken', {}, () => {
        throw new Error('renderer bug');
      });
    } catch (e) {
      error = e;
    }
    expect(pulumi.ResourceError.isInstance(error)).toBe(true);
    expect(error.message).toBe('renderer bug');
    expect(error.hideStack).toBe(false);
    expect(await promiseOf(error.resource.urn)).toBe('urn:pulumi:stack::project::test:index:Sample::broken');
  });

  test('a provider in `providers` reaches every child', async () => {
    const provider = new k8s.Provider('other-cluster', { kubeconfig: 'unused-by-mocks' });
    const children = await childrenOf(new SampleComponent('elsewhere', { providers: [provider] }));
    const ref = `${await promiseOf(provider.urn)}::${await promiseOf(provider.id)}`;
    for (const child of children) expect(child.provider).toBe(ref);
  });
});
