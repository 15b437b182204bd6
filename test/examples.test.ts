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
