/**
 * npm run waf:test — the engine tests of the LLM WAF profile (run by CI).
 *
 * For each engine (nginx + libmodsecurity 3 from Debian, Coraza): every corpus against the
 * example's profile, failing on any miss (every attack blocked, every benign request passed),
 * and CRS's regression tests for the kept families, failing when a test that CRS alone passes
 * fails with the profile in front of it. Then the composed rules of a shared controller
 * (`shared-edge.ts`: examples/platform-shared-edge on both engines).
 */
import * as path from 'path';
import { WAF_TEST_CORPORA } from './corpus';
import { controlRules, crsRegression, regressionRules } from './crs-regression';
import { EngineName, REPO_ROOT } from './engines';
import { evaluate } from './eval';
import { sharedEdge } from './shared-edge';
import { CrsFamily, LlmWafProfile } from '../../src/waf';

const EXAMPLE = process.env.WAF_EXAMPLE ?? 'waf-llm-profile';
const CORPORA = WAF_TEST_CORPORA;

async function main() {
  const failures: string[] = [];
  const kept: CrsFamily[] = new LlmWafProfile().crsFamilies;
  for (const engine of ['modsecurity', 'coraza'] as EngineName[]) {
    for (const corpus of CORPORA) {
      const t0 = Date.now();
      const r = await evaluate(engine, EXAMPLE, corpus);
      for (const l of r.lines) console.log(`[${engine}] ${l}`);
      console.log(`[${engine}] ${corpus.map((c) => (path.isAbsolute(c) ? path.relative(REPO_ROOT, c) : c)).join(' ')}: attacks blocked ${r.attacks.blocked}/${r.attacks.total}; benign passed ${r.benign.passed}/${r.benign.total} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      for (const m of r.misses) failures.push(`[${engine}] ${m}`);
    }
    const t0 = Date.now();
    const withProfile = await crsRegression(engine, kept, regressionRules());
    const control = await crsRegression(engine, kept, controlRules(kept));
    withProfile.forEach((r, i) => {
      const lost = r.failedIds.filter((id) => !control[i].failedIds.includes(id));
      console.log(`[${engine}] crs ${r.family}: profile passed ${r.passed}/${r.total}, CRS alone ${control[i].passed}/${control[i].total}`);
      for (const id of lost) failures.push(`[${engine}] CRS regression test ${id} passes with CRS alone but fails with the profile`);
    });
    console.log(`[${engine}] crs regression done (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  // The composed rules of a shared controller: three endpoints, a foreign host, a tenant with its own CRS.
  const t0 = Date.now();
  const edge = await sharedEdge();
  for (const l of edge.lines) console.log(`[shared-edge] ${l}`);
  console.log(`[shared-edge] done (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  failures.push(...edge.misses.map((m) => `[shared-edge] ${m}`));
  if (failures.length > 0) {
    console.log(`FAILED (${failures.length}):`);
    for (const f of failures.slice(0, 100)) console.log(`  ${f}`);
    process.exitCode = 1;
  } else {
    console.log('waf:test passed');
  }
}

main().catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(2); });
