import { execFileSync } from 'child_process';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { validateAgainstKubernetesSchema } from './support/kubernetes-schema';

/**
 * Every example synthesises through `npm run synth:examples`' script, as a user would run it,
 * and every object it writes validates against the Kubernetes schema.
 */
const root = join(__dirname, '..');
// cdk8s examples have a main.ts; Pulumi examples (index.ts) are run by test/pulumi/examples.test.ts.
const examples = readdirSync(join(root, 'examples'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, 'examples', d.name, 'main.ts')))
  .map((d) => d.name);

test.each(examples)('example %s synthesises valid objects', (name) => {
  execFileSync(process.execPath, [require.resolve('ts-node/dist/bin.js'), '-P', 'tsconfig.dev.json', 'scripts/synth-examples.ts', name], { cwd: root, stdio: 'pipe' });
  const dir = join(root, 'dist', 'examples', name);
  const objects = readdirSync(dir).filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => parseAllDocuments(readFileSync(join(dir, f), 'utf-8')).map((d) => d.toJSON()))
    .filter((o) => o);
  expect(objects.length).toBeGreaterThan(0);
  validateAgainstKubernetesSchema(objects);
}, 120_000);

/**
 * Every Python example (examples/python-<name>/main.py) is a TypeScript example written in Python:
 * `npm run python:examples` compares their objects. Its requirements.txt pins the cdk8s,
 * cdk8s-plus-28 and constructs the TypeScript examples build with, and the jsii runtime of the
 * jsii-pacmak that builds the wheel.
 */
const pythonExamples = readdirSync(join(root, 'examples'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, 'examples', d.name, 'main.py')))
  .map((d) => d.name);

test('there are Python examples', () => {
  expect(pythonExamples.length).toBeGreaterThan(0);
});

test.each(pythonExamples)('Python example %s has its TypeScript example and pins the versions it builds with', (name) => {
  expect(name).toMatch(/^python-/);
  expect(existsSync(join(root, 'examples', name.replace(/^python-/, ''), 'main.ts'))).toBe(true);
  const pins = new Map(readFileSync(join(root, 'examples', name, 'requirements.txt'), 'utf-8').split('\n')
    .map((l) => l.replace(/#.*/, '').trim()).filter((l) => l)
    .map((l) => {
      expect(l).toMatch(/^[A-Za-z0-9_.-]+==[^=\s]+$/);
      const [pkg, version] = l.split('==');
      return [pkg, version] as [string, string];
    }));
  const devDeps = JSON.parse(readFileSync(join(root, 'package.json'), 'utf-8')).devDependencies;
  const pacmak = JSON.parse(readFileSync(require.resolve('jsii-pacmak/package.json'), 'utf-8')).version;
  expect({
    'cdk8s': pins.get('cdk8s'),
    'cdk8s-plus-28': pins.get('cdk8s-plus-28'),
    'constructs': pins.get('constructs'),
    'jsii': pins.get('jsii'),
  }).toEqual({
    'cdk8s': devDeps.cdk8s,
    'cdk8s-plus-28': devDeps['cdk8s-plus-28'],
    'constructs': devDeps.constructs,
    'jsii': pacmak,
  });
});
