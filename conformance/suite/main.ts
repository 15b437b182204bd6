/**
 * Conformance suite: proves that every example's synthesised manifests do what its intent file
 * declares, on real engines (kubectl-validate, kube-apiserver + etcd + kube-controller-manager,
 * np-guard netpol-analyzer, Checkov, kube-score). See conformance/README.md.
 *
 *   ts-node -P tsconfig.dev.json conformance/suite/main.ts [--only <example or fixture>]... [--keep]
 *
 * Before the examples, the report-agreement connectivity comparison runs on each fixture tree of
 * report-fixtures.ts (no API server: the CLI report and netpol-analyzer on the tree, seconds).
 * `--only` may be given more than once; it selects examples and fixtures by name.
 * Examples whose intent has an `envoy:` section are also proven on egctl and a real Envoy on
 * loopback (checks/envoy.ts; engines from `npm run engines:install:gateway`).
 * Each conformance/intents/<example>.yaml is checked against dist/examples/<example>/.
 * Environment: CONFORMANCE_INTENTS_DIR (default conformance/intents), CONFORMANCE_MANIFESTS_DIR
 * (default dist/examples), CONFORMANCE_CRD_DIR (default <work dir>/crds, filled from the
 * scripts/crds/generate.sh cache), CONFORMANCE_WORK_DIR (default a temporary directory). The
 * engines are put on PATH from conformance/engines/env.sh.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiClient } from './api-client';
import { checkAdmission } from './checks/admission';
import { checkApply, waitForPolicies, waitForQuotas } from './checks/apply';
import { checkAudit } from './checks/audit';
import { checkCheckov } from './checks/checkov';
import { checkDeployers } from './checks/deployers';
import { checkEnvoy } from './checks/envoy';
import { checkKubeScore } from './checks/kube-score';
import { checkNetwork } from './checks/network';
import { checkRbac } from './checks/rbac';
import { checkReportAgreement } from './checks/report-agreement';
import { checkReportFixture } from './checks/report-fixture';
import { checkSchema } from './checks/schema';
import { ExampleContext } from './context';
import { loadIntent } from './intent';
import { Kubectl, run } from './kubectl';
import { isAuditPolicy, loadManifests, toYaml } from './manifests';
import { dumpOpenApi } from './openapi-dump';
import { CheckResult, isFailed, newResult, summaryTable } from './report';
import { REPORT_FIXTURES, reportFixtureName } from './report-fixtures';
import { Suppressions } from './suppressions';

const repoRoot = path.resolve(__dirname, '..', '..');
const conformanceDir = path.join(repoRoot, 'conformance');
const clusterScript = path.join(conformanceDir, 'engines', 'cluster.sh');

interface Options {
  /** Examples and fixtures to run, by name; every one when empty. */
  only: string[];
  keep: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { only: [], keep: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--only') o.only.push(argv[++i]);
    else if (argv[i] === '--keep') o.keep = true;
    else throw new Error(`unknown argument ${argv[i]} (use --only <example or fixture>, --keep)`);
  }
  return o;
}

let activeCluster: string | undefined;
function stopCluster(keep: boolean): void {
  if (!activeCluster) return;
  run('bash', [clusterScript, 'stop', activeCluster], { env: { ...process.env, KEEP_CLUSTER_DIR: keep ? '1' : '0' } });
  activeCluster = undefined;
}

function elapsed(t0: number): string {
  return `${((Date.now() - t0) / 1000).toFixed(1)} s`;
}

/** KEY=VALUE pairs of conformance/versions.env. */
function readVersions(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of fs.readFileSync(path.join(conformanceDir, 'versions.env'), 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]] = m[2];
  }
  return out;
}
const versions = readVersions();

/** The intent file of an example: <intents dir>/<example>.yaml. */
function intentFile(intentsDir: string, name: string): string {
  return path.join(intentsDir, `${name}.yaml`);
}

async function runExample(name: string, intentsDir: string, manifestsRoot: string, workRoot: string,
  crdDir: string, suppressions: Suppressions, opts: Options): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const t0 = Date.now();
  const manifestsDir = path.join(manifestsRoot, name);
  const objects = loadManifests(manifestsDir);
  const intent = loadIntent(intentFile(intentsDir, name), name, path.join(repoRoot, 'examples', name), objects.map(o => o.object));
  if (objects.length === 0) {
    const r = newResult('manifests');
    r.error = `no manifests in ${manifestsDir} (run npm run synth:examples)`;
    return [r];
  }
  const workDir = path.join(workRoot, name);
  fs.mkdirSync(workDir, { recursive: true });

  const audit = objects.filter(o => isAuditPolicy(o.object));
  const clusterArgs: string[] = [];
  const auditResult = newResult('audit-policy');
  if (audit.length > 1) auditResult.failures.push(`${audit.length} audit policies; the API server loads one`);
  if (audit.length === 1) {
    const f = path.join(workDir, 'audit-policy.yaml');
    fs.writeFileSync(f, toYaml(audit[0].object));
    clusterArgs.push('--audit-policy-file', f);
  }

  const clusterDir = path.join(workDir, 'cluster');
  const tc = Date.now();
  activeCluster = clusterDir;
  const started = run('bash', [clusterScript, 'start', clusterDir, ...clusterArgs]);
  if (started.code !== 0) {
    const r = audit.length === 1 ? auditResult : newResult('cluster');
    const lines = started.stderr.trim().split('\n');
    const fatal = lines.filter(l => l.includes('command failed'));
    r.error = `the API server did not start${audit.length === 1 ? ' with the example\'s audit policy' : ''}: ${(fatal.length > 0 ? fatal : lines.slice(-12)).join(' | ')}`;
    activeCluster = undefined;
    return [r];
  }
  console.log(`[${name}] cluster ready in ${elapsed(tc)}`);
  if (audit.length === 1) { auditResult.passed++; results.push(auditResult); }
  const kubeconfig = started.stdout.trim().split('\n').pop()!;
  const kubectl = new Kubectl(kubeconfig);
  const api = new ApiClient(kubeconfig);
  try {
    const schemaDir = path.join(workDir, 'openapi');
    await dumpOpenApi(api, schemaDir);
    const namespaces = objects.filter(o => o.object.kind === 'Namespace').map(o => o.object.metadata.name);
    const ctx: ExampleContext = { intent, manifestsDir, objects, namespaces, workDir, kubectl, api, schemaDir, validatorBuiltinVersion: versions.KUBECTL_VALIDATE_BUILTIN_VERSION ?? '1.35', crdDir, suppressions };

    const timed = async (f: () => CheckResult | Promise<CheckResult>) => {
      const ts = Date.now();
      const r = await f();
      console.log(`[${name}] ${r.check}: ${isFailed(r) ? 'FAIL' : 'pass'} (${r.passed} held, ${r.failures.length} failed) in ${elapsed(ts)}`);
      results.push(r);
      return r;
    };
    await timed(() => checkSchema(ctx));
    const applied = await timed(() => checkApply(ctx));
    if (!applied.error) {
      for (const ns of intent.rbac?.matrix.extraNamespaces ?? []) kubectl.run(['create', 'namespace', ns]);
      applied.failures.push(...waitForQuotas(ctx), ...waitForPolicies(ctx));
      if (intent.rbac) await timed(() => checkRbac(ctx));
      if (intent.deployers.length > 0) await timed(() => checkDeployers(ctx));
      if (intent.admission.length > 0) await timed(() => checkAdmission(ctx));
      if (intent.audit.length > 0) {
        if (audit.length !== 1) results.push({ ...newResult('audit-log'), error: 'the intent declares audit levels but the example writes no audit policy' });
        else await timed(() => checkAudit(ctx, intent.audit, path.join(clusterDir, 'logs', 'audit.log')));
      }
    }
    if (intent.network) await timed(() => checkNetwork(ctx));
    await timed(() => checkReportAgreement(ctx, name, !applied.error));
    await timed(() => checkCheckov(ctx));
    await timed(() => checkKubeScore(ctx));
    if (intent.envoy) await timed(() => checkEnvoy(ctx));
  } finally {
    api.close();
    stopCluster(opts.keep);
  }
  console.log(`[${name}] done in ${elapsed(t0)}`);
  return results;
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  const intentsDir = path.resolve(process.env.CONFORMANCE_INTENTS_DIR ?? path.join(conformanceDir, 'intents'));
  const manifestsRoot = path.resolve(process.env.CONFORMANCE_MANIFESTS_DIR ?? path.join(repoRoot, 'dist', 'examples'));
  const workRoot = process.env.CONFORMANCE_WORK_DIR
    ? path.resolve(process.env.CONFORMANCE_WORK_DIR)
    : fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-'));
  // Not in the work tree: generate.sh keeps its cache under $CDK8S_SECURE_AI_CACHE and copies it here.
  const crdDir = path.resolve(process.env.CONFORMANCE_CRD_DIR ?? path.join(workRoot, 'crds'));
  const suppressions = Suppressions.load(path.join(conformanceDir, 'suppressions.yaml'));
  const envPath = run('bash', ['-c', `. "${path.join(conformanceDir, 'engines', 'env.sh')}" && printf %s "$PATH"`]);
  if (envPath.code === 0) process.env.PATH = envPath.stdout;

  for (const tool of ['kubectl', 'kubectl-validate', 'netpolicy', 'checkov', 'kube-score']) {
    if (run('bash', ['-c', `command -v ${tool}`]).code !== 0) {
      console.error(`${tool} not on PATH: run bash conformance/engines/install.sh and . conformance/engines/env.sh`);
      return 2;
    }
  }
  // conformance/intents/<example>.yaml, one per example; each maps to dist/examples/<example>/.
  const examples = fs.existsSync(intentsDir)
    ? fs.readdirSync(intentsDir).filter(f => f.endsWith('.yaml')).map(f => f.slice(0, -'.yaml'.length)).sort()
    : [];
  const wanted = (name: string) => opts.only.length === 0 || opts.only.includes(name);
  const selected = examples.filter(wanted);
  const fixtures = REPORT_FIXTURES.filter(f => wanted(reportFixtureName(f)));
  const unknown = opts.only.filter(n => !examples.includes(n) && !REPORT_FIXTURES.some(f => reportFixtureName(f) === n));
  if (unknown.length > 0 || selected.length + fixtures.length === 0) {
    console.error(`no intent file under ${intentsDir} and no fixture in conformance/suite/report-fixtures.ts${unknown.length > 0 ? ` named ${unknown.join(', ')}` : ''}`);
    return 2;
  }

  // examples that need CRDs get them from scripts/crds/generate.sh when the CRD directory is absent
  const generator = path.join(repoRoot, 'scripts', 'crds', 'generate.sh');
  const needCrds = selected.some(n => /^needsCrds:\s*true\b/m.test(fs.readFileSync(intentFile(intentsDir, n), 'utf8')));
  if (needCrds && !fs.existsSync(crdDir) && fs.existsSync(generator)) {
    console.log(`generating CRDs into ${crdDir}`);
    const g = run('bash', [generator, crdDir]);
    if (g.code !== 0) console.error(`scripts/crds/generate.sh failed: ${g.stderr.trim().split('\n').slice(-5).join(' | ')}`);
  }

  const onSignal = (sig: string) => { stopCluster(false); console.error(`stopped by ${sig}`); process.exit(130); };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));

  const all = new Map<string, CheckResult[]>();
  for (const fixture of fixtures) {
    const name = reportFixtureName(fixture);
    const dir = path.join(repoRoot, fixture);
    const ts = Date.now();
    try {
      const r = checkReportFixture(name, dir, loadManifests(dir), path.join(workRoot, `fixture-${name}`));
      console.log(`[${name}] ${r.check}: ${isFailed(r) ? 'FAIL' : 'pass'} (${r.passed} held, ${r.failures.length} failed) in ${elapsed(ts)}`);
      all.set(name, [r]);
    } catch (e) {
      all.set(name, [{ ...newResult('report-agreement'), error: (e as Error).message }]);
    }
  }
  for (const name of selected) {
    try {
      all.set(name, await runExample(name, intentsDir, manifestsRoot, workRoot, crdDir, suppressions, opts));
    } catch (e) {
      stopCluster(opts.keep);
      const r = newResult('harness');
      r.error = (e as Error).message;
      all.set(name, [...(all.get(name) ?? []), r]);
    }
  }

  let failed = 0;
  console.log('');
  for (const [name, checks] of all) {
    for (const r of checks) {
      if (r.error) { console.log(`FAIL ${name} ${r.check}: ERROR ${r.error}`); failed++; }
      for (const f of r.failures) { console.log(`FAIL ${name} ${r.check}: ${f}`); failed++; }
      for (const s of r.suppressed) console.log(`SUPPRESSED ${name} ${r.check}: ${s}`);
    }
  }
  for (const s of suppressions.unused().filter(u => u.example === undefined ? opts.only.length === 0 : all.has(u.example))) {
    console.log(`WARN unused suppression: ${s.tool} ${s.check} ${s.object ?? '*'} (${s.reason})`);
  }
  console.log('');
  console.log(summaryTable(all));
  const passedChecks = [...all.values()].flat().filter(r => !isFailed(r)).length;
  const failedChecks = [...all.values()].flat().filter(isFailed).length;
  console.log('');
  console.log(`${failed} failing assertion(s)`);
  console.log(`conformance: ${passedChecks} passed, ${failedChecks} failed`);
  if (!process.env.CONFORMANCE_WORK_DIR && !opts.keep) fs.rmSync(workRoot, { recursive: true, force: true });
  return failedChecks > 0 ? 1 : 0;
}

main().then(code => process.exit(code), e => {
  stopCluster(false);
  console.error(e);
  process.exit(2);
});
