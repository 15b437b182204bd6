/**
 * The command line's proof, run by .ci/run (`npm run ci:cli-proof`):
 *
 * - examples/ci/security-check.yml parses with GitHub's workflow parser, and its steps' commands
 *   run here: synthesise, check (SARIF), report, diff;
 * - the untouched example passes `check`;
 * - a deliberately weakened copy (default-deny dropped, a Role granting * on *, egress opened to
 *   0.0.0.0/0), made from the synthesised output by scripts/ci/weaken-manifests.ts, fails `check`,
 *   appears in the SARIF results (valid against the SARIF 2.1.0 schema) and in `diff` in those words;
 *   every SARIF result points first at the example's main.ts (relative to %SRCROOT%) with the
 *   manifest as a related location, and the objects the app synthesised carry their construct path,
 *   also an object that shares its name with others (the endpoint's Service, Deployment and Ingress
 *   are all `chat`: cdk8s' construct-metadata.json cannot tell them apart, secure-ai-construct-paths.json can);
 * - the same copy with every secure-ai.cdk8s.io/* annotation stripped fails the same way, and
 *   warns for the same objects;
 * - `cdk8s synth` with SecurityValidationPlugin in cdk8s.yaml fails on a wildcard Role.
 *
 * Steps it does not run, and why, are printed. The command is the package's compiled bin
 * (lib/cli/main.js, after `npx projen compile`) when present, else its TypeScript entry.
 */
import { execFileSync, spawnSync } from 'child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { pathToFileURL } from 'url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { parse, parseAllDocuments } from 'yaml';
import { weakenTree } from './weaken-manifests';

const root = resolve(__dirname, '..', '..');
const workflowFile = 'examples/ci/security-check.yml';
const NAMESPACE = 'llm-serving';
const PODS = 'chat';
const out = join(root, 'dist', 'ci-proof');
const results: { name: string; ok: boolean; detail?: string }[] = [];

function expect(name: string, ok: boolean, detail?: string): void {
  results.push({ name, ok, detail });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${!ok && detail ? `\n     ${detail}` : ''}`);
}

// The command the workflow calls, as installing the package puts it on PATH.
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'bin'), { recursive: true });
const compiled = join(root, 'lib', 'cli', 'main.js');
const command = existsSync(compiled)
  ? `exec node "${compiled}" "$@"`
  : `exec node "${require.resolve('ts-node/dist/bin.js')}" -P "${join(root, 'tsconfig.dev.json')}" "${join(root, 'src', 'cli', 'main.ts')}" "$@"`;
writeFileSync(join(out, 'bin', 'cdk8s-secure-ai'), `#!/bin/sh\n${command}\n`);
chmodSync(join(out, 'bin', 'cdk8s-secure-ai'), 0o755);
console.log(`cdk8s-secure-ai is ${existsSync(compiled) ? 'the compiled bin, lib/cli/main.js' : 'the TypeScript entry, src/cli/main.ts (lib/cli/main.js not built)'}`);

// 1. The workflow parses as GitHub Actions reads it.
const validation = spawnSync(process.execPath, [join(root, 'scripts', 'ci', 'validate-workflow.mjs'), workflowFile], { cwd: root, encoding: 'utf-8' });
expect(`${workflowFile} is a valid workflow (@actions/workflow-parser)`, validation.status === 0, validation.stderr + validation.stdout);
const job = Object.values(parse(readFileSync(join(root, workflowFile), 'utf-8')).jobs)[0] as any;
const steps = new Map<string, any>((job.steps as any[]).filter((s) => s.id).map((s) => [s.id, s]));
const NOT_RUN: { [id: string]: string } = {
  install: 'npm ci: .ci/run installed already; the bin is put on PATH above',
  base: 'checks out the pull request\'s base commit: the untouched example stands for the base here',
  comment: 'posts to a pull request: needs GitHub',
};
for (const s of job.steps as any[]) {
  if (s.uses) console.log(`not run: ${s.id ?? s.uses} (uses ${s.uses}: a GitHub action)`);
  else if (NOT_RUN[s.id]) console.log(`not run: ${s.id} (${NOT_RUN[s.id]})`);
}

function runStep(id: string, env: { [k: string]: string }, outputs: string[] = []): number {
  const step = steps.get(id);
  if (!step?.run) throw new Error(`${workflowFile} has no step with id ${id} and a run command`);
  console.log(`\n$ ${step.run}   # step ${id}${Object.keys(env).length ? `, ${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ')}` : ''}`);
  const r = spawnSync('bash', ['-eo', 'pipefail', '-c', step.run], {
    cwd: root, stdio: 'inherit', env: { ...process.env, ...job.env, ...env, PATH: `${join(out, 'bin')}:${process.env.PATH}` },
  });
  for (const f of outputs) if (existsSync(join(root, f))) renameSync(join(root, f), join(out, `${env.LABEL ?? 'run'}-${f}`));
  return r.status ?? 1;
}

// 2. Synthesise, as the workflow does.
expect('step synth synthesises the example', runStep('synth', {}) === 0);
const manifests = String(job.env.MANIFESTS);
if (!existsSync(join(root, manifests))) {
  console.error(`cli-proof: ${manifests} was not synthesised: nothing to prove on\n0 passed, 1 failed`);
  process.exit(1);
}
const untouched = join(out, 'untouched');
execFileSync('cp', ['-r', join(root, manifests), untouched]);
const weakened = join(out, 'weakened');
const stripped = join(out, 'weakened-stripped');
weakenTree(untouched, weakened, { namespace: NAMESPACE, pods: PODS, stripAnnotations: false });
weakenTree(untouched, stripped, { namespace: NAMESPACE, pods: PODS, stripAnnotations: true });
const strippedAnnotations = readdirSync(stripped).filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => parseAllDocuments(readFileSync(join(stripped, f), 'utf-8')).map((d) => d.toJSON()))
  .flatMap((o) => Object.keys(o?.metadata?.annotations ?? {}).filter((k) => k.startsWith('secure-ai.cdk8s.io/')));
expect('the stripped copy carries no secure-ai.cdk8s.io/ annotation', strippedAnnotations.length === 0, strippedAnnotations.join(', '));

// SARIF 2.1.0 schema, as published in @microsoft/jest-sarif (never fetched).
const ajv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: true });
addFormats(ajv);
const validateSarif = ajv.compile(JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf-8')));

// 3. The untouched example passes.
expect('step check passes on the untouched example', runStep('check', { MANIFESTS: untouched, LABEL: 'untouched' }, ['cdk8s-secure-ai.sarif']) === 0);
const cleanSarif = JSON.parse(readFileSync(join(out, 'untouched-cdk8s-secure-ai.sarif'), 'utf-8'));
expect('its SARIF is valid SARIF 2.1.0', validateSarif(cleanSarif) === true, ajv.errorsText(validateSarif.errors));
expect('its SARIF has no error result', !cleanSarif.runs[0].results.some((r: any) => r.level === 'error'));

// 4. The weakened copy fails, in the SARIF too.
expect('step check fails on the weakened copy', runStep('check', { MANIFESTS: weakened, LABEL: 'weakened' }, ['cdk8s-secure-ai.sarif']) === 1);
const sarif = JSON.parse(readFileSync(join(out, 'weakened-cdk8s-secure-ai.sarif'), 'utf-8'));
expect('the weakened copy\'s SARIF is valid SARIF 2.1.0', validateSarif(sarif) === true, ajv.errorsText(validateSarif.errors));
const expected = [
  ['SAI-NET-1', `Namespace/${NAMESPACE}`, 'secure-ai-platform-owned.k8s.yaml'],
  ['SAI-RBAC-1', `Role/${NAMESPACE}/debug`, 'weakened.k8s.yaml'],
  ['SAI-NET-2', `NetworkPolicy/${NAMESPACE}/egress-anywhere`, 'weakened.k8s.yaml'],
];
for (const [ruleId, object, file] of expected) {
  const r = sarif.runs[0].results.find((x: any) => x.ruleId === ruleId && x.locations[0].logicalLocations[0].fullyQualifiedName === object);
  expect(`SARIF result ${ruleId} on ${object}: error, its manifest ${file} with a line`, r?.level === 'error'
    && String(r.relatedLocations?.[0]?.physicalLocation?.artifactLocation?.uri).endsWith(file)
    && r.relatedLocations[0].physicalLocation.region.startLine >= 1, JSON.stringify(r));
}

// 4b. The results lead into the repository: the app's source first, the manifest related, the construct path.
const SOURCE = String(job.env.SOURCE);
const results4 = sarif.runs[0].results as any[];
expect(`every SARIF result's first location is ${SOURCE} (uriBaseId %SRCROOT%, a line), the manifest a related location`, results4.length > 0 && results4.every((r) =>
  r.locations[0].physicalLocation?.artifactLocation?.uri === SOURCE && r.locations[0].physicalLocation.artifactLocation.uriBaseId === '%SRCROOT%'
  && r.locations[0].physicalLocation.region.startLine >= 1 && /\.k8s\.yaml$/.test(String(r.relatedLocations?.[0]?.physicalLocation?.artifactLocation?.uri))), JSON.stringify(results4.map((r) => r.locations[0])));
expect('%SRCROOT% is the repository root', sarif.runs[0].originalUriBaseIds?.['%SRCROOT%']?.uri === `${pathToFileURL(root).href}/`, JSON.stringify(sarif.runs[0].originalUriBaseIds));
const namespaceResult = results4.find((r) => r.ruleId === 'SAI-NET-1');
expect(`SAI-NET-1 on Namespace/${NAMESPACE} carries the construct path that created it (an object logical location)`,
  /\/namespace$/.test(String(namespaceResult?.locations[0].logicalLocations[1]?.fullyQualifiedName)) && namespaceResult.locations[0].logicalLocations[1].kind === 'object',
  JSON.stringify(namespaceResult?.locations[0].logicalLocations));
const sharedName = results4.find((r) => r.locations[0].logicalLocations[0].fullyQualifiedName === `Ingress/${NAMESPACE}/${PODS}`);
const sameNamed = parseAllDocuments(readFileSync(join(weakened, 'vllm-ingress-nginx.k8s.yaml'), 'utf-8')).map((d) => d.toJSON())
  .filter((o) => o?.metadata?.name === PODS && o?.metadata?.namespace === NAMESPACE).map((o) => o.kind);
expect(`a result on Ingress/${NAMESPACE}/${PODS}, whose name its ${sameNamed.filter((k) => k !== 'Ingress').join(' and ')} share, carries its construct path vllm-ingress-nginx/${PODS}/ingress`,
  sameNamed.length >= 3 && sharedName?.locations[0].logicalLocations[1]?.fullyQualifiedName === `vllm-ingress-nginx/${PODS}/ingress`
  && sharedName.locations[0].logicalLocations[1].kind === 'object', `${sameNamed.join(', ')}: ${JSON.stringify(sharedName?.locations[0].logicalLocations)}`);
expect('the objects added by the weakening (not synthesised by the app) carry no construct path',
  results4.filter((r) => String(r.relatedLocations?.[0]?.physicalLocation?.artifactLocation?.uri).endsWith('weakened.k8s.yaml')).every((r) => r.locations[0].logicalLocations.length === 1));

// 5. The report and the diff say it in words.
runStep('report', { MANIFESTS: weakened, LABEL: 'weakened' }, ['policy-report.md']);
const report = readFileSync(join(out, 'weakened-policy-report.md'), 'utf-8');
expect('report shows the Role and the missing default deny', report.includes('Role debug grants * on *') && report.includes('**no default-deny**'));
expect('step diff runs', runStep('diff', { BASE_MANIFESTS: untouched, MANIFESTS: weakened, LABEL: 'weakened' }, ['policy-diff.md']) === 0);
const diff = readFileSync(join(out, 'weakened-policy-diff.md'), 'utf-8');
for (const sentence of [
  `default-deny removed from ${NAMESPACE}`,
  `Role debug gains * on * in ${NAMESPACE}`,
  `group ml-team gains * (*) in ${NAMESPACE}`,
  `egress to 0.0.0.0/0 (any port) opened from ${NAMESPACE}/${PODS}`,
]) expect(`diff says "${sentence}"`, diff.includes(`- ${sentence}\n`), diff);

// 6. Without the library's annotations, the same failures.
const failing = (dir: string) => {
  const r = spawnSync(join(out, 'bin', 'cdk8s-secure-ai'), ['check', dir, '--format', 'json'], { encoding: 'utf-8' });
  const findings = JSON.parse(r.stdout).findings;
  const of = (status: string) => findings.filter((f: any) => f.status === status).map((f: any) => `${f.ruleId} ${f.object}`).sort();
  return { status: r.status, failing: of('fail'), warnings: [...new Set(of('warning'))] };
};
const withAnnotations = failing(weakened);
const withoutAnnotations = failing(stripped);
expect('the stripped copy fails check (exit 1)', withoutAnnotations.status === 1);
expect('with or without annotations, the same failing findings', JSON.stringify(withAnnotations.failing) === JSON.stringify(withoutAnnotations.failing)
  && withAnnotations.failing.length === 3, `${withAnnotations.failing.join(', ')} / ${withoutAnnotations.failing.join(', ')}`);
// The warnings for a reviewer too (SAI-EDGE-3's controller that takes the TCP peer as the client): found by content.
expect('with or without annotations, the same warnings', JSON.stringify(withAnnotations.warnings) === JSON.stringify(withoutAnnotations.warnings)
  && withAnnotations.warnings.length > 0, `${withAnnotations.warnings.join(', ')} / ${withoutAnnotations.warnings.join(', ')}`);

// 7. The rule pack as a cdk8s-cli validation plugin: `cdk8s synth` with it in cdk8s.yaml fails on the wildcard Role.
const pluginDir = join(out, 'plugin');
mkdirSync(pluginDir, { recursive: true });
writeFileSync(join(pluginDir, 'app.js'), [
  `const { App, Chart, ApiObject } = require(${JSON.stringify(join(root, 'node_modules', 'cdk8s'))});`,
  'const app = new App();',
  "new ApiObject(new Chart(app, 'demo'), 'debug', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'debug', namespace: 'llm' }, rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] });",
  'app.synth();', '',
].join('\n'));
writeFileSync(join(pluginDir, 'cdk8s.yaml'), `app: node app.js\nvalidations:\n  - package: ${root}\n    version: 0.0.0\n    class: SecurityValidationPlugin\n`);
if (!existsSync(join(root, 'lib', 'index.js'))) {
  expect('cdk8s synth with the validation plugin (needs lib/: npx projen compile)', false, 'lib/index.js not built');
} else {
  const synth = spawnSync(join(root, 'node_modules', '.bin', 'cdk8s'), ['synth'], { cwd: pluginDir, encoding: 'utf-8' });
  const text = `${synth.stdout}${synth.stderr}`;
  expect('cdk8s synth with SecurityValidationPlugin in cdk8s.yaml fails on the wildcard Role', synth.status !== 0
    && text.includes('SAI-RBAC-1') && text.includes('Resource Name: Role/llm/debug') && text.includes('Validation failed'), text);
}

const failed = results.filter((r) => !r.ok).length;
console.log(`\ncli-proof: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
