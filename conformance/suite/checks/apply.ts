import * as fs from 'fs';
import * as path from 'path';
import { CONFIG_MAP_MAX_DATA_BYTES, LLM_WAF_RULES_KEY, WAF_PROFILE_LABEL } from '../../../src/render/waf/llm-waf-rules-config-map';
import { ExampleContext } from '../context';
import { applyOrder, isApiObject, objectRef, toYaml } from '../manifests';
import { CheckResult, newResult } from '../report';
import { appliedByDeployer } from './deployers';

function oneLine(s: string): string {
  return s.trim().replace(/\s*\n\s*/g, ' | ');
}

/** Creates the CRDs of the CRD directory and waits until they are established. */
function applyCrds(ctx: ExampleContext, r: CheckResult): void {
  if (!ctx.intent.needsCrds) return;
  if (!ctx.crdDir || !fs.existsSync(ctx.crdDir)) {
    r.error = `the example needs CRDs but the CRD directory ${ctx.crdDir ?? '(unset)'} does not exist (scripts/crds/generate.sh <dir>)`;
    return;
  }
  const files = fs.readdirSync(ctx.crdDir).filter(f => /\.ya?ml$/.test(f)).map(f => path.join(ctx.crdDir!, f));
  for (const f of files) {
    const res = ctx.kubectl.run(['apply', '--server-side', '--field-manager=conformance', '-f', f]);
    if (res.code !== 0) r.failures.push(`CRD file ${path.basename(f)}: not accepted: ${oneLine(res.stderr)}`);
  }
  const w = ctx.kubectl.run(['wait', '--for=condition=Established', '--timeout=60s', 'crd', '--all']);
  if (w.code !== 0) r.failures.push(`CRDs not established: ${oneLine(w.stderr)}`);
}

/**
 * Server-side dry-run of every API object, then a real create, in dependency order
 * (CRDs, namespaces, service accounts, roles, the rest, admission policies last). Objects a declared deployer applies
 * (`deployers:`) are only dry-run here: the deployers check creates them as the deployer. Then the
 * size limit of the WAF rules ConfigMaps (checkRulesConfigMapLimit).
 */
export function checkApply(ctx: ExampleContext): CheckResult {
  const r = newResult('apply');
  applyCrds(ctx, r);
  if (r.error) return r;
  // namespaces the example writes into but does not create (e.g. the ingress controller's) exist
  // in a real cluster before the example is applied
  const created = new Set(ctx.namespaces);
  const external = new Set(ctx.objects.map(o => o.object.metadata?.namespace).filter((n): n is string => !!n && !created.has(n)));
  for (const ns of external) ctx.kubectl.run(['create', 'namespace', ns]);
  for (const m of applyOrder(ctx.objects.filter(o => isApiObject(o.object)))) {
    const ref = objectRef(m.object);
    const doc = toYaml(m.object);
    const dry = ctx.kubectl.run(['create', '--dry-run=server', '-o', 'name', '-f', '-'], doc);
    if (dry.code !== 0) {
      r.failures.push(`${ref} (${path.basename(m.file)}): server-side dry-run rejected: ${oneLine(dry.stderr)}`);
      continue;
    }
    // the deployers apply their endpoint's objects themselves, with change control in force (check deployers)
    if (appliedByDeployer(ctx.intent.deployers, m)) { r.passed++; continue; }
    const real = ctx.kubectl.run(['create', '-o', 'name', '-f', '-'], doc);
    if (real.code !== 0) {
      r.failures.push(`${ref} (${path.basename(m.file)}): create rejected: ${oneLine(real.stderr)}`);
      continue;
    }
    if (m.object.kind === 'CustomResourceDefinition') {
      ctx.kubectl.run(['wait', '--for=condition=Established', '--timeout=60s', `crd/${m.object.metadata.name}`]);
    }
    r.passed++;
  }
  checkRulesConfigMapLimit(ctx, r);
  return r;
}

/**
 * A copy of a WAF rules ConfigMap whose rules file is padded (or cut) to `bytes`, under another
 * name: what the API server says of it tells whether the library's size limit is the server's.
 */
export function resizedRulesConfigMap(object: any, bytes: number): any {
  // Whole characters of the rules (UTF-8, as the API server counts), then '#' up to the size.
  let kept = '';
  let size = 0;
  for (const c of object.data[LLM_WAF_RULES_KEY] as string) {
    const n = Buffer.byteLength(c);
    if (size + n > bytes) break;
    kept += c;
    size += n;
  }
  const data = kept + '#'.repeat(bytes - size);
  return { ...object, metadata: { ...object.metadata, name: `${object.metadata.name}-size-${bytes}` }, data: { [LLM_WAF_RULES_KEY]: data } };
}

/**
 * The size limit synthesis puts on a WAF rules ConfigMap (CONFIG_MAP_MAX_DATA_BYTES) is the API
 * server's: for each of the example's rules ConfigMaps, a copy padded to the limit is accepted
 * (server-side dry-run) and one byte more is refused as too long.
 */
function checkRulesConfigMapLimit(ctx: ExampleContext, r: CheckResult): void {
  for (const m of ctx.objects.filter(o => o.object.kind === 'ConfigMap' && o.object.metadata?.labels?.[WAF_PROFILE_LABEL] === 'llm')) {
    const ref = objectRef(m.object);
    const dryRun = (bytes: number) => ctx.kubectl.run(['create', '--dry-run=server', '-o', 'name', '-f', '-'], JSON.stringify(resizedRulesConfigMap(m.object, bytes)));
    const fits = dryRun(CONFIG_MAP_MAX_DATA_BYTES);
    const over = dryRun(CONFIG_MAP_MAX_DATA_BYTES + 1);
    if (fits.code !== 0) {
      r.failures.push(`${ref}: its rules padded to ${CONFIG_MAP_MAX_DATA_BYTES} bytes, which synthesis allows, were refused: ${oneLine(fits.stderr)}`);
    } else if (over.code === 0 || !/Too long/.test(over.stderr)) {
      r.failures.push(`${ref}: its rules padded to ${CONFIG_MAP_MAX_DATA_BYTES + 1} bytes, which synthesis refuses, were not refused as too long: ${oneLine(over.stderr || over.stdout)}`);
    } else {
      r.passed++;
    }
  }
}

/**
 * Waits until every ValidatingAdmissionPolicy of the example has been type-checked by the
 * controller manager (it is then in force); a CEL type-check warning is a failure.
 */
export function waitForPolicies(ctx: ExampleContext, timeoutMs = 30_000): string[] {
  const problems: string[] = [];
  const names = ctx.objects.filter(o => o.object.kind === 'ValidatingAdmissionPolicy').map(o => o.object.metadata.name);
  for (const name of names) {
    const deadline = Date.now() + timeoutMs;
    let ok = false;
    while (Date.now() < deadline) {
      const res = ctx.kubectl.run(['get', 'validatingadmissionpolicy', name, '-o', 'json']);
      const vap = res.code === 0 ? JSON.parse(res.stdout) : undefined;
      if (vap && vap.status?.observedGeneration === vap.metadata.generation) {
        ok = true;
        for (const w of vap.status.typeChecking?.expressionWarnings ?? []) {
          problems.push(`ValidatingAdmissionPolicy/${name}: CEL type check of ${w.fieldRef}: ${w.warning}`);
        }
        break;
      }
      sleep(250);
    }
    if (!ok) problems.push(`ValidatingAdmissionPolicy/${name}: never observed by the API server's policy controller`);
  }
  if (names.length > 0) sleep(1500); // the admission plugin's policy cache refreshes on its own
  return problems;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Waits until the quota controller has computed every ResourceQuota's status (quota admission needs it). */
export function waitForQuotas(ctx: ExampleContext, timeoutMs = 60_000): string[] {
  const problems: string[] = [];
  for (const q of ctx.objects.filter(o => o.object.kind === 'ResourceQuota')) {
    const ns = q.object.metadata.namespace;
    const name = q.object.metadata.name;
    const deadline = Date.now() + timeoutMs;
    let ok = false;
    while (Date.now() < deadline) {
      const res = ctx.kubectl.run(['-n', ns, 'get', 'resourcequota', name, '-o', 'jsonpath={.status.hard}']);
      if (res.code === 0 && res.stdout.trim().length > 2) { ok = true; break; }
      sleep(500);
    }
    if (!ok) problems.push(`ResourceQuota/${ns}/${name}: status never computed by the quota controller`);
  }
  return problems;
}
