import { execFileSync, spawnSync } from 'child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Testing } from 'cdk8s';
import { trainingOptions } from '../../examples/pulumi-training/training-options';
import * as cdk8s from '../../src';
import { Registration } from './support/recording-mocks';

/**
 * examples/pulumi-training, run as a user runs it: this repository is compiled and packed with
 * `npm pack`, the program installs the tarball and the Pulumi SDKs from the npm registry, is
 * compiled with tsc and runs under Pulumi's mock runtime (support/run-under-mocks.js). A failing
 * step fails every test below with its output.
 */
const root = join(__dirname, '..', '..');
const example = join(root, 'examples', 'pulumi-training');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let work: string;
let run: { registrations: Registration[]; outputs: { [name: string]: any } };

function sh(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf-8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } });
  } catch (e: any) {
    throw new Error(`${[command, ...args].join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'pulumi-training-'));
  // The package as it ships: the jsii build plus the Pulumi entry point.
  sh(process.execPath, [require.resolve('projen/bin/projen'), 'compile'], root);
  sh(npm, ['pack', '--pack-destination', work], root);
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
  renameSync(join(work, tarball), join(work, 'cdk8s-secure-ai.tgz'));
  for (const file of readdirSync(example)) copyFileSync(join(example, file), join(work, file));
  for (const file of ['run-under-mocks.js', 'recording-mocks.js']) copyFileSync(join(__dirname, 'support', file), join(work, file));
  sh(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], work);
  const tsc = join(work, 'node_modules', 'typescript', 'bin', 'tsc');
  // The example's tsconfig is Pulumi's TypeScript template (`moduleResolution: node`, which reads
  // `typesVersions`); programs on `node16` resolution read `exports` instead: both must type-check.
  sh(process.execPath, [tsc, '-p', 'tsconfig.json'], work);
  sh(process.execPath, [tsc, '-p', 'tsconfig.json', '--noEmit', '--module', 'node16', '--moduleResolution', 'node16'], work);
  sh(process.execPath, ['run-under-mocks.js', 'bin/index.js', 'out.json', 'pulumi-training', 'dev'], work);
  run = JSON.parse(readFileSync(join(work, 'out.json'), 'utf-8'));
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('examples/pulumi-training', () => {
  test('registers the component and each object cdk8s synthesises for the same options', () => {
    const chart = Testing.chart();
    new cdk8s.AITrainingNamespace(chart, 'fraud-model', trainingOptions);
    const expected = Testing.synth(chart);

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
    const sdks = join(work, 'node_modules', '@pulumi');
    const aside = join(work, 'node_modules', '.pulumi-aside');
    renameSync(sdks, aside);
    try {
      const result = spawnSync(process.execPath, ['-e', 'require("cdk8s-secure-ai/pulumi")'], { cwd: work, encoding: 'utf-8' });
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain(
        'cdk8s-secure-ai/pulumi needs @pulumi/pulumi and @pulumi/kubernetes: npm install @pulumi/pulumi @pulumi/kubernetes');
      // The cdk8s entry point does not need them.
      const cdk8sOnly = spawnSync(process.execPath, ['-e', 'require("cdk8s-secure-ai")'], { cwd: work, encoding: 'utf-8' });
      expect(cdk8sOnly.stderr).toBe('');
      expect(cdk8sOnly.status).toBe(0);
    } finally {
      renameSync(aside, sdks);
    }
  });
});

function byKey(a: any, b: any): number {
  const key = (m: any) => `${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`;
  return key(a).localeCompare(key(b));
}
