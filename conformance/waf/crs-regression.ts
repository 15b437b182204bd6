/**
 * npm run waf:crs-regression -- --engine <modsecurity|modsecurity-3.0.14|coraza|coraza-re2> [--family 942 ...] [--strict]
 *
 * Runs OWASP CRS's own regression tests (../shared/waf-corpus/crs-regression, go-ftw format)
 * with go-ftw against an engine loaded with the LLM profile, for the CRS families the profile
 * keeps. The profile is rendered in detection mode with the route, content-type and host
 * allow-lists opened (the tests use their own paths and form bodies), so that every kept CRS
 * rule runs (paranoia level 4: the tests cover rules of every level) and its verdict can be
 * read from the log; prompt-field exclusions and all other
 * options are the defaults, as in the example. The same tests run against a control: the same
 * CRS families and level with nothing of the profile. Prints a line per family and a total;
 * with --strict, fails when a test passes with CRS alone but fails with the profile.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { corpusDir } from './corpus';
import { EngineName, goToolBinary, parseEngine, startEngine } from './engines';
import { CrsFamily, CrsRuleSet, LlmWafProfile, LlmWafRules, WafMode } from '../../src/waf';

export interface FamilyResult { family: string; passed: number; failed: number; total: number; failedIds: string[] }

export function regressionRules(): string {
  const profile = new LlmWafProfile({
    mode: WafMode.DETECT,
    // Every paranoia level, so that each test's rule runs whatever level it belongs to.
    paranoiaLevel: 4,
    allowedContentTypes: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain', 'application/xml', 'text/xml'],
  });
  return LlmWafRules.render(profile, {
    routes: [{ path: '/', pathMatch: 'Prefix', methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] }],
    crsRuleSet: CrsRuleSet.INGRESS_NGINX,
  });
}

/** Control: the same CRS families at the same level with nothing of the profile, to compare against. */
export function controlRules(families: CrsFamily[]): string {
  const crs = CrsRuleSet.INGRESS_NGINX;
  return [
    'SecRuleEngine DetectionOnly',
    'SecRequestBodyAccess On',
    'SecRule REQUEST_HEADERS:Content-Type "@rx ^application/json" "id:73990,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON"',
    `Include ${crs.setupFile}`,
    'SecAction "id:73991,phase:1,pass,nolog,setvar:tx.paranoia_level=4,setvar:tx.blocking_paranoia_level=4,setvar:tx.detection_paranoia_level=4,setvar:tx.executing_paranoia_level=4"',
    ...[901, ...families.map((f) => f.number), 949].map((n) => `Include ${crs.rulesDir}/REQUEST-${n}-*.conf`),
    '',
  ].join('\n');
}

function familyDir(n: number): string | undefined {
  const root = path.join(corpusDir(), 'crs-regression');
  return fs.readdirSync(root).find((d) => d.startsWith(`REQUEST-${n}-`));
}

export async function crsRegression(engine: EngineName, families: CrsFamily[], rules: string): Promise<FamilyResult[]> {
  const ftw = goToolBinary('go-ftw');
  if (!fs.existsSync(ftw)) throw new Error(`${ftw} is missing: run conformance/waf/install.sh`);
  const waf = await startEngine(engine, 'profile', rules);
  const results: FamilyResult[] = [];
  try {
    const cfg = path.join(waf.dir, 'ftw.yaml');
    fs.writeFileSync(cfg, [
      `logfile: ${waf.errorLog}`,
      'logmarkerheadername: X-CRS-Test',
      'testoverride:',
      '  input:',
      '    dest_addr: 127.0.0.1',
      `    port: ${waf.port}`,
      '',
    ].join('\n'));
    for (const fam of families) {
      const dir = familyDir(fam.number);
      if (!dir) continue;
      const out = path.join(waf.dir, `ftw-${fam.number}.json`);
      try {
        execFileSync(ftw, ['run', '--config', cfg, '-d', path.join(corpusDir(), 'crs-regression', dir), '-o', 'json', '-f', out,
          '--read-timeout', '5s', '--max-marker-retries', '10'], { stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 });
      } catch (e: any) {
        if (!fs.existsSync(out)) throw new Error(`go-ftw failed on ${dir}: ${e.stderr?.toString().slice(-2000) ?? e}`);
      }
      const r = JSON.parse(fs.readFileSync(out, 'utf8'));
      const stats = r.stats ?? r;
      const passed: string[] = stats.success ?? [];
      const failed: string[] = stats.failed ?? [];
      results.push({ family: `${fam.number} ${fam.name}`, passed: passed.length, failed: failed.length, total: passed.length + failed.length, failedIds: failed });
    }
  } finally {
    await waf.stop();
  }
  return results;
}

async function main() {
  const argv = process.argv.slice(2);
  let engine: string | undefined;
  const only: number[] = [];
  let strict = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--engine') engine = argv[++i];
    else if (argv[i] === '--family') only.push(parseInt(argv[++i], 10));
    else if (argv[i] === '--strict') strict = true;
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  const name = parseEngine(engine);
  const kept = new LlmWafProfile().crsFamilies.filter((f) => only.length === 0 || only.includes(f.number));
  const res = await crsRegression(name, kept, regressionRules());
  const control = await crsRegression(name, kept, controlRules(kept));
  const profileFamilies = new LlmWafProfile().crsFamilies;
  const excluded = CrsFamily.all().filter((f) => !profileFamilies.includes(f)).map((f) => `${f.number} ${f.name}`);
  res.forEach((r, i) => {
    const c = control[i];
    const lost = r.failedIds.filter((id) => !c.failedIds.includes(id));
    console.log(`crs ${r.family}: profile passed ${r.passed}/${r.total}, CRS alone ${c.passed}/${c.total}${lost.length ? `; failing only with the profile: ${lost.slice(0, 15).join(', ')}${lost.length > 15 ? ', ...' : ''}` : ''}`);
  });
  console.log(`crs families excluded by the profile: ${excluded.join(', ')}`);
  const p = res.reduce((a, r) => a + r.passed, 0);
  const t = res.reduce((a, r) => a + r.total, 0);
  const cp = control.reduce((a, r) => a + r.passed, 0);
  const lostAll = res.flatMap((r, i) => r.failedIds.filter((id) => !control[i].failedIds.includes(id)));
  console.log(`crs regression (${engine}): profile passed ${p}/${t}; CRS alone passed ${cp}/${t}; failing only with the profile: ${lostAll.length}`);
  if (strict && lostAll.length > 0) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(2); });
}
