import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { SampleConstruct } from './support/sample-construct';
import { SecureInferenceEndpoint } from '../../src';
import { apiGroup, isConfigurationDocument, synthesizeConstruct } from '../../src/pulumi/synthesize-construct';
import { MINIMAL_ENDPOINT } from '../support/endpoint-fixtures';

const key = (m: any) => `${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`;

describe('synthesizeConstruct', () => {
  test('returns the manifests cdk8s synthesises, the configuration documents apart', () => {
    const synthesis = synthesizeConstruct('sample', (scope) => new SampleConstruct(scope, 'sample'));
    const chart = Testing.chart();
    new SampleConstruct(chart, 'sample');
    const expected = Testing.synth(chart);

    expect(synthesis.construct).toBeInstanceOf(SampleConstruct);
    expect(synthesis.documents).toStrictEqual(expected.filter((m) => m.apiVersion === 'audit.k8s.io/v1'));
    const cluster = expected.filter((m) => m.apiVersion !== 'audit.k8s.io/v1');
    expect(synthesis.objects.map((o) => o.manifest).sort((a, b) => key(a).localeCompare(key(b))))
      .toStrictEqual(cluster.sort((a, b) => key(a).localeCompare(key(b))));
  });

  test('orders objects after their Namespace, their CRD and their declared dependencies', () => {
    const { objects } = synthesizeConstruct('sample', (scope) => new SampleConstruct(scope, 'sample'));
    const at = (kind: string, name: string, ns?: string) =>
      objects.findIndex((o) => o.manifest.kind === kind && o.manifest.metadata.name === name && o.manifest.metadata.namespace === ns);
    const namespace = at('Namespace', 'serving');
    const crd = at('CustomResourceDefinition', 'certificates.cert-manager.io');
    const certificate = at('Certificate', 'model-tls', 'serving');
    const policy = at('Policy', 'rate-limit', 'serving');
    const settings = at('ConfigMap', 'settings', 'serving');
    const elsewhere = at('ConfigMap', 'settings', 'monitoring');

    expect(objects[certificate].dependsOn).toStrictEqual([namespace, crd].sort((a, b) => a - b));
    expect(objects[policy].dependsOn).toStrictEqual([namespace]);
    expect(objects[settings].dependsOn).toStrictEqual([namespace, policy].sort((a, b) => a - b));
    // Its namespace is not part of the construct: nothing to wait for.
    expect(objects[elsewhere].dependsOn).toStrictEqual([]);
    objects.forEach((o, i) => o.dependsOn.forEach((d) => expect(d).toBeLessThan(i)));
    expect(objects[certificate].constructPath).toBe('sample/sample/certificate');
  });

  test('keeps the objects under separated scopes out of the objects to apply', () => {
    const { objects, documents } = synthesizeConstruct('sample', (scope) => new SampleConstruct(scope, 'sample'), {
      separate: (sample) => [sample.node.findChild('policies')],
    });
    expect(documents.map((d) => `${d.apiVersion} ${d.kind} ${d.metadata.name}`)).toStrictEqual([
      'k8s.nginx.org/v1 Policy rate-limit',
      'audit.k8s.io/v1 Policy serving-audit',
    ]);
    expect(objects.some((o) => o.manifest.kind === 'Policy')).toBe(false);
    // The dependency on the separated scope is dropped: nothing applied by this program to wait for.
    const settings = objects.find((o) => o.manifest.kind === 'ConfigMap' && o.manifest.metadata.namespace === 'serving')!;
    expect(settings.dependsOn.map((i) => objects[i].manifest.kind)).toStrictEqual(['Namespace']);
  });

  test('in a shared App, returns the chart\'s objects and those of include, not the other charts\'', () => {
    const app = new App();
    const elsewhere = new Chart(app, 'elsewhere');
    const owned = new ApiObject(elsewhere, 'owned', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owned', namespace: 'serving' } });
    new ApiObject(elsewhere, 'other', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'other', namespace: 'serving' } });
    const { objects } = synthesizeConstruct('sample', (scope) => new SampleConstruct(scope, 'sample'), { app, include: () => [owned] });
    const keys = objects.map((o) => key(o.manifest));
    expect(keys).toContain('ConfigMap/serving/owned');
    expect(keys).not.toContain('ConfigMap/serving/other');
    expect(keys).toContain('Namespace//serving');
    // An included object waits for its Namespace like the chart's own.
    const ownedObject = objects.find((o) => key(o.manifest) === 'ConfigMap/serving/owned')!;
    expect(ownedObject.dependsOn.map((i) => key(objects[i].manifest))).toStrictEqual(['Namespace//serving']);
    expect(ownedObject.constructPath).toBe('elsewhere/owned');
  });

  test('fails on a dependency cycle, naming the objects', () => {
    expect(() => synthesizeConstruct('cycle', (scope) => {
      const a = new ApiObject(scope, 'a', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } });
      const b = new ApiObject(scope, 'b', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } });
      a.addDependency(b);
      b.addDependency(a);
    })).toThrow('Dependency cycle between cycle/a, cycle/b');
  });

  test('fails as cdk8s synth does when a construct does not validate', () => {
    expect(() => synthesizeConstruct('invalid', (scope) => {
      const c = new Construct(scope, 'c');
      c.node.addValidation({ validate: () => ['replicas must be at least 1'] });
    })).toThrow('Validation failed:\ninvalid/c: replicas must be at least 1');
  });

  test('lets an error of the construct through unchanged', () => {
    const error = new Error('boom');
    expect(() => synthesizeConstruct('x', () => {
      throw error;
    })).toThrow(error);
  });
});

test('writes nothing to disk, even where cdk8s would record construct metadata into an existing output directory', () => {
  const cwd = process.cwd();
  const before = process.env.CDK8S_RECORD_CONSTRUCT_METADATA;
  const dir = mkdtempSync(join(tmpdir(), 'synthesize-construct-'));
  mkdirSync(join(dir, 'dist'));
  try {
    process.chdir(dir);
    process.env.CDK8S_RECORD_CONSTRUCT_METADATA = 'true';
    const { objects } = synthesizeConstruct('serving', (scope) => new SecureInferenceEndpoint(scope, 'chat', MINIMAL_ENDPOINT));
    expect(objects.length).toBeGreaterThan(0);
    expect(readdirSync(join(dir, 'dist'))).toStrictEqual([]);
    expect(existsSync(join(dir, 'dist', 'secure-ai-construct-paths.json'))).toBe(false);
  } finally {
    process.chdir(cwd);
    if (before === undefined) delete process.env.CDK8S_RECORD_CONSTRUCT_METADATA;
    else process.env.CDK8S_RECORD_CONSTRUCT_METADATA = before;
  }
});

describe('isConfigurationDocument', () => {
  test.each([
    ['audit.k8s.io/v1', 'Policy', true],
    ['apiserver.config.k8s.io/v1', 'AdmissionConfiguration', true],
    ['kubelet.config.k8s.io/v1beta1', 'KubeletConfiguration', true],
    ['v1', 'Namespace', false],
    ['policy/v1', 'PodDisruptionBudget', false],
    ['k8s.nginx.org/v1', 'Policy', false],
  ])('%s %s: %s', (apiVersion, kind, expected) => {
    expect(isConfigurationDocument({ apiVersion, kind, metadata: { name: 'x' } })).toBe(expected);
  });

  test('apiGroup of the core group is empty', () => {
    expect(apiGroup('v1')).toBe('');
    expect(apiGroup('rbac.authorization.k8s.io/v1')).toBe('rbac.authorization.k8s.io');
  });
});
