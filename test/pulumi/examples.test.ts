import { execFileSync, spawnSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Testing } from 'cdk8s';
import { endpointOptions } from '../../examples/pulumi-inference/endpoint-options';
import { trainingOptions } from '../../examples/pulumi-training/training-options';
import * as cdk8s from '../../src';
import { Registration } from './support/recording-mocks';

/**
 * examples/pulumi-*, run as a user runs them: this repository is compiled and packed with
 * `npm pack`, a program installs the tarball and the Pulumi SDKs from the npm registry, is
 * compiled with tsc and runs under Pulumi's mock runtime (support/run-under-mocks.js). The
 * examples declare the same dependencies, so the second one reuses the first one's install.
 * A failing step fails every test below with its output.
 */
const root = join(__dirname, '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
type Run = { registrations: Registration[]; outputs: { [name: string]: any } };
let work: string;
let run: Run;
let inference: Run;
let packed: string[];

function sh(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf-8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } });
  } catch (e: any) {
    throw new Error(`${[command, ...args].join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

/** Copies an example and the mock runner into work/<name>/. */
function copyExample(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir);
  for (const file of readdirSync(join(root, 'examples', name))) copyFileSync(join(root, 'examples', name, file), join(dir, file));
  for (const file of ['run-under-mocks.js', 'recording-mocks.js']) copyFileSync(join(__dirname, 'support', file), join(dir, file));
  return dir;
}

function compileAndRun(dir: string, project: string, ...extraTscArgs: string[][]): Run {
  const tsc = join(dir, 'node_modules', 'typescript', 'bin', 'tsc');
  sh(process.execPath, [tsc, '-p', 'tsconfig.json'], dir);
  for (const args of extraTscArgs) sh(process.execPath, [tsc, '-p', 'tsconfig.json', ...args], dir);
  sh(process.execPath, ['run-under-mocks.js', 'bin/index.js', 'out.json', project, 'dev'], dir);
  return JSON.parse(readFileSync(join(dir, 'out.json'), 'utf-8'));
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'pulumi-examples-'));
  const training = copyExample('pulumi-training');
  // The package as it ships, from the obvious command: `prepack` compiles the jsii build and the
  // Pulumi entry point first.
  sh(npm, ['pack', '--pack-destination', training], root);
  const tarball = readdirSync(training).find((f) => f.endsWith('.tgz'))!;
  renameSync(join(training, tarball), join(training, 'cdk8s-secure-ai.tgz'));
  packed = sh('tar', ['-tzf', join(training, 'cdk8s-secure-ai.tgz')], training).split('\n').filter((f) => f !== '');
  sh(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], training);
  // The example's tsconfig is Pulumi's TypeScript template (`moduleResolution: node`, which reads
  // `typesVersions`); programs on `node16` resolution read `exports` instead: both must type-check.
  run = compileAndRun(training, 'pulumi-training', ['--noEmit', '--module', 'node16', '--moduleResolution', 'node16']);

  const endpoint = copyExample('pulumi-inference');
  const dependencies = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf-8')).dependencies;
  expect(dependencies(endpoint)).toStrictEqual(dependencies(training));
  symlinkSync(join(training, 'node_modules'), join(endpoint, 'node_modules'), 'dir');
  inference = compileAndRun(endpoint, 'pulumi-inference');
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm pack', () => {
  test('ships the compiled library, the Pulumi entry point and the jsii assembly', () => {
    for (const file of ['package/lib/index.js', 'package/lib/index.d.ts', 'package/lib/pulumi/index.js', 'package/lib/pulumi/index.d.ts', 'package/.jsii', 'package/README.md']) {
      expect(packed).toContain(file);
    }
    expect(packed.filter((f) => /^package\/(src|test|examples|conformance)\//.test(f))).toStrictEqual([]);
  });
});

describe('examples/pulumi-training', () => {
  test('registers the component and each object cdk8s synthesises for the same options', () => {
    const chart = Testing.chart();
    const construct = new cdk8s.AITrainingNamespace(chart, 'fraud-model', trainingOptions);
    const expected = [...Testing.synth(chart), ...Testing.synth(construct.platformOwnedChart)];

    const component = run.registrations.find((r) => r.type === 'cdk8s-secure-ai:index:AITrainingNamespace')!;
    expect(component.urn).toBe('urn:pulumi:dev::pulumi-training::cdk8s-secure-ai:index:AITrainingNamespace::fraud-model');
    const children = run.registrations.filter((r) => r.parent === component.urn);
    expect(children.map((c) => c.inputs).sort(byKey)).toStrictEqual([...expected].sort(byKey));
    for (const child of children) {
      expect(child.name).toBe(`fraud-model-${child.inputs.metadata.name}`);
      expect(child.type).toBe(`kubernetes:${child.inputs.apiVersion.includes('/') ? child.inputs.apiVersion : `core/${child.inputs.apiVersion}`}:${child.inputs.kind}`);
    }
  });

  test('passes the program\'s provider to every Kubernetes resource', () => {
    const provider = run.registrations.find((r) => r.type === 'pulumi:providers:kubernetes')!;
    const kubernetes = run.registrations.filter((r) => r.type.startsWith('kubernetes:'));
    expect(kubernetes.length).toBeGreaterThan(20);
    for (const r of kubernetes) expect(r.provider).toBe(`${provider.urn}::cluster-id`);
  });

  test('creates the model configuration after every object of the namespace', () => {
    const component = run.registrations.find((r) => r.type === 'cdk8s-secure-ai:index:AITrainingNamespace')!;
    const children = run.registrations.filter((r) => r.parent === component.urn);
    const modelConfig = run.registrations.find((r) => r.type === 'kubernetes:core/v1:ConfigMap' && r.name === 'model-config')!;
    expect(modelConfig.inputs.metadata.namespace).toBe('fraud-model-training');
    for (const child of children) expect(modelConfig.dependencies).toContain(child.urn);
  });

  test('exports the outputs users wire next', () => {
    expect(run.outputs.namespaceName).toBe('fraud-model-training');
    expect(run.outputs.trainingServiceAccount).toBe('training-job');
    expect(run.outputs.ciDeployerServiceAccount).toBe('ci-deployer');
    expect(run.outputs.auditPolicyYaml).toMatch(/^apiVersion: audit\.k8s\.io\/v1\nkind: Policy\n/);
  });

  test('fails at import with what to install when the Pulumi SDKs are missing', () => {
    const training = join(work, 'pulumi-training');
    const sdks = join(training, 'node_modules', '@pulumi');
    const aside = join(training, 'node_modules', '.pulumi-aside');
    renameSync(sdks, aside);
    try {
      const result = spawnSync(process.execPath, ['-e', 'require("cdk8s-secure-ai/pulumi")'], { cwd: training, encoding: 'utf-8' });
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain(
        'cdk8s-secure-ai/pulumi needs @pulumi/pulumi and @pulumi/kubernetes: npm install @pulumi/pulumi @pulumi/kubernetes');
      // The cdk8s entry point does not need them.
      const cdk8sOnly = spawnSync(process.execPath, ['-e', 'require("cdk8s-secure-ai")'], { cwd: training, encoding: 'utf-8' });
      expect(cdk8sOnly.stderr).toBe('');
      expect(cdk8sOnly.status).toBe(0);
    } finally {
      renameSync(aside, sdks);
    }
  });
});

describe('examples/pulumi-inference', () => {
  test('registers the endpoint and each object cdk8s synthesises for the same options', () => {
    const chart = Testing.chart();
    const construct = new cdk8s.SecureInferenceEndpoint(chart, 'chat', endpointOptions);
    const expected = [...Testing.synth(chart), ...Testing.synth(construct.platformOwnedChart)];
    // On its own, the component applies its namespace's ResourceQuota and LimitRange too.
    expect(expected.filter((o) => o.kind === 'ResourceQuota')).toHaveLength(1);

    const component = inference.registrations.find((r) => r.type === 'cdk8s-secure-ai:index:SecureInferenceEndpoint')!;
    expect(component.urn).toBe('urn:pulumi:dev::pulumi-inference::cdk8s-secure-ai:index:SecureInferenceEndpoint::chat');
    const children = inference.registrations.filter((r) => r.parent === component.urn);
    expect(children.map((c) => c.inputs).sort(byKey)).toStrictEqual([...expected].sort(byKey));
    expect(children.find((c) => c.inputs.kind === 'Certificate')!.type).toBe('kubernetes:cert-manager.io/v1:Certificate');
    const provider = inference.registrations.find((r) => r.type === 'pulumi:providers:kubernetes')!;
    for (const child of children) expect(child.provider).toBe(`${provider.urn}::cluster-id`);
  });

  test('exports the outputs users wire next, the controller settings as YAML', () => {
    expect(inference.outputs.namespaceName).toBe('llm-serving');
    expect(inference.outputs.serviceName).toBe('chat');
    expect(inference.outputs.hostnames).toStrictEqual(['chat.example.com']);
    const construct = new cdk8s.SecureInferenceEndpoint(Testing.chart(), 'chat', endpointOptions);
    expect(inference.outputs.certificateSecretName).toBe(construct.certificateSecretName);
    expect(inference.outputs.serviceName).toBe(construct.serviceName);
    expect(inference.outputs.controllerHardeningYaml).toMatch(/^apiVersion: v1\nkind: ConfigMap\n/);
  });
});

function byKey(a: any, b: any): number {
  const key = (m: any) => `${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`;
  return key(a).localeCompare(key(b));
}
