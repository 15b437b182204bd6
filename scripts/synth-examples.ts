/**
 * Synthesises every example under examples/<name>/main.ts into dist/examples/<name>/,
 * running each as its own process, as `cdk8s synth` would, and writes its security report
 * (SECURITY.md) beside the YAML. With CDK8S_RECORD_CONSTRUCT_METADATA, cdk8s records the construct
 * path of every object by name in construct-metadata.json, and the app's SecureAiPlatform by identity
 * (apiVersion, kind, namespace, name) in secure-ai-construct-paths.json; `cdk8s-secure-ai check` reads both.
 * A failing report fails the run.
 */
import { execFileSync } from 'child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { parseAllDocuments } from 'yaml';
import { SecurityReport } from '../src';

const root = resolve(__dirname, '..');
const examplesDir = join(root, 'examples');
const only = process.argv.slice(2);
const examples = readdirSync(examplesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(examplesDir, d.name, 'main.ts')))
  .map((d) => d.name)
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();
if (examples.length === 0) {
  console.error(`no example found${only.length ? ` named ${only.join(', ')}` : ''} under examples/`);
  process.exit(1);
}
const tsNode = require.resolve('ts-node/dist/bin.js');
const failed: string[] = [];
for (const name of examples) {
  const outdir = join(root, 'dist', 'examples', name);
  rmSync(outdir, { recursive: true, force: true });
  execFileSync(process.execPath, [tsNode, '-P', join(examplesDir, 'tsconfig.json'), join(examplesDir, name, 'main.ts')], {
    cwd: join(examplesDir, name),
    env: { ...process.env, CDK8S_OUTDIR: outdir, CDK8S_RECORD_CONSTRUCT_METADATA: 'true' },
    stdio: 'inherit',
  });
  const files = readdirSync(outdir).filter((f) => f.endsWith('.yaml'));
  const objects = files.flatMap((f) => parseAllDocuments(readFileSync(join(outdir, f), 'utf-8')).map((d) => d.toJSON()));
  const report = SecurityReport.fromManifests(objects);
  writeFileSync(join(outdir, 'SECURITY.md'), report.toMarkdown());
  console.log(`${name}: ${files.length} file(s) in dist/examples/${name}/ (${files.join(', ')}); security report ${report.passed ? 'PASS' : 'FAIL'}`);
  if (!report.passed) failed.push(name);
}
if (failed.length > 0) {
  console.error(`security report failed for: ${failed.join(', ')} (see dist/examples/<example>/SECURITY.md)`);
  process.exit(1);
}
