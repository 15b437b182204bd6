/**
 * npm run waf:test — the engine tests of the LLM WAF profile (run by CI).
 *
 * For each engine (nginx + libmodsecurity 3.0.9 from Debian, the same nginx with libmodsecurity
 * 3.0.14 built by install.sh, both with CRS v4; Coraza with its embedded CRS v4, on Go's regexp and
 * on RE2 with coraza-proxy-wasm's operators): every corpus
 * against the example's profile, failing on any miss (every attack blocked, every benign request
 * passed) and on any case whose verdict differs from the first engine's, and CRS's regression
 * tests for the kept families, failing when a test that CRS alone passes fails with the profile
 * in front of it; and the profile on a route of no known schema (`custom-route.ts`). Then the composed rules of a shared controller
 * (`shared-edge.ts`: examples/platform-shared-edge on both engines), and of a controller with 99
 * endpoints (`many-endpoints.ts`: each endpoint's own group and body limit, by Host and by marker).
 */
import * as path from 'path';
import { ExampleRules, WAF_TEST_CORPORA } from './corpus';
import { checkCorazaRe2CrsDifferences, checkModSecurityCrsDifferences } from './crs-engine-differences';
import { controlRules, crsRegression, regressionRules } from './crs-regression';
import { CUSTOM_ROUTE_CORPUS, customRouteRules } from './custom-route';
import { EngineName, isModSecurity, REPO_ROOT, WAF_ENGINES } from './engines';
import { evaluate } from './eval';
import { manyEndpointsCheck } from './many-endpoints';
import { sharedEdge } from './shared-edge';
import { CrsFamily, LlmWafProfile } from '../../src/waf';

const EXAMPLE = process.env.WAF_EXAMPLE ?? 'waf-llm-profile';
const CORPORA = WAF_TEST_CORPORA;

async function main() {
  const failures: string[] = [];
  const kept: CrsFamily[] = new LlmWafProfile().crsFamilies;
  // The first engine's verdict per corpus and case, which every other engine must give too.
  const reference = new Map<string, { engine: string; verdicts: string[] }>();
  // Each engine's CRS regression failures with CRS alone, to hold libmodsecurity's against Coraza's.
  const controlFailed = new Map<EngineName, string[]>();
  const customRoute = customRouteRules();
  for (const engine of WAF_ENGINES) {
    // The example's rules on every corpus; then the rules of a custom route on its corpus.
    const runs: Array<{ corpus: string[]; example: string; source?: ExampleRules }> = [
      ...CORPORA.map((corpus) => ({ corpus, example: EXAMPLE })),
      { corpus: [CUSTOM_ROUTE_CORPUS], example: 'custom-route', source: customRoute },
    ];
    for (const { corpus, example, source } of runs) {
      const t0 = Date.now();
      const r = await evaluate(engine, example, corpus, source);
      if (r.library) console.log(`[${engine}] libmodsecurity loaded by nginx: ${r.library}`);
      for (const l of r.lines) console.log(`[${engine}] ${l}`);
      const key = corpus.join(' ');
      const ref = reference.get(key);
      if (!ref) {
        reference.set(key, { engine, verdicts: r.verdicts });
      } else {
        const differ = r.verdicts.filter((v, i) => v !== ref.verdicts[i]);
        for (const v of differ) failures.push(`[${engine}] verdict differs from ${ref.engine}: ${v}`);
      }
      console.log(`[${engine}] ${corpus.map((c) => (path.isAbsolute(c) ? path.relative(REPO_ROOT, c) : c)).join(' ')}: attacks blocked ${r.attacks.blocked}/${r.attacks.total}; benign passed ${r.benign.passed}/${r.benign.total} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      for (const m of r.misses) failures.push(`[${engine}] ${m}`);
    }
    const t0 = Date.now();
    const withProfile = await crsRegression(engine, kept, regressionRules());
    const control = await crsRegression(engine, kept, controlRules(kept));
    controlFailed.set(engine, control.flatMap((r) => r.failedIds));
    const p = withProfile.reduce((a, r) => a + r.passed, 0);
    const c = control.reduce((a, r) => a + r.passed, 0);
    const t = control.reduce((a, r) => a + r.total, 0);
    console.log(`[${engine}] crs regression: profile passed ${p}/${t}, CRS alone ${c}/${t}`);
    withProfile.forEach((r, i) => {
      const lost = r.failedIds.filter((id) => !control[i].failedIds.includes(id));
      console.log(`[${engine}] crs ${r.family}: profile passed ${r.passed}/${r.total}, CRS alone ${control[i].passed}/${control[i].total}`);
      for (const id of lost) failures.push(`[${engine}] CRS regression test ${id} passes with CRS alone but fails with the profile`);
    });
    console.log(`[${engine}] crs regression done (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  // A test that fails with CRS alone on libmodsecurity and not on Coraza must be a listed engine difference.
  for (const engine of WAF_ENGINES.filter(isModSecurity)) {
    const r = checkModSecurityCrsDifferences(engine, controlFailed.get(engine) ?? [], controlFailed.get('coraza') ?? []);
    console.log(`[${engine}] crs regression: ${r.explained} tests fail only on libmodsecurity, each a listed engine difference (crs-engine-differences.ts)`);
    failures.push(...r.failures);
  }
  // Coraza on RE2 (coraza-proxy-wasm's operators) against Coraza on Go's regexp: each difference listed.
  const re2 = checkCorazaRe2CrsDifferences(controlFailed.get('coraza-re2') ?? [], controlFailed.get('coraza') ?? []);
  console.log(`[coraza-re2] crs regression: ${re2.explained} tests fail only on RE2, each a listed engine difference (crs-engine-differences.ts)`);
  failures.push(...re2.failures);
  // The composed rules of a shared controller: three endpoints, a foreign host, a tenant with its own CRS.
  const t0 = Date.now();
  const edge = await sharedEdge();
  for (const l of edge.lines) console.log(`[shared-edge] ${l}`);
  console.log(`[shared-edge] done (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  failures.push(...edge.misses.map((m) => `[shared-edge] ${m}`));
  // The same composition at 99 endpoints: every endpoint's own group and body limit, by Host and by marker.
  const t1 = Date.now();
  const many = await manyEndpointsCheck();
  for (const l of many.lines) console.log(`[many-endpoints] ${l}`);
  console.log(`[many-endpoints] done (${((Date.now() - t1) / 1000).toFixed(1)} s)`);
  failures.push(...many.misses.map((m) => `[many-endpoints] ${m}`));
  if (failures.length > 0) {
    console.log(`FAILED (${failures.length}):`);
    for (const f of failures.slice(0, 100)) console.log(`  ${f}`);
    process.exitCode = 1;
  } else {
    console.log('waf:test passed');
  }
}

main().catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(2); });
