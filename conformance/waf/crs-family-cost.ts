/**
 * npm run waf:crs-family-cost -- [--requests 200] [--rounds 5]
 *
 * What each OWASP CRS family would add on the routes of a known API (a request schema), to choose
 * the families that keep running there (`schemaRouteCrsFamilies`): for a 125 B and a 16 KB chat
 * request, libmodsecurity's CPU time per request in-process (conformance/c/msc-cost, best of
 * interleaved rounds) with the default profile (no CRS on schema routes) and with each family
 * kept there; then the corpus attacks the family catches on its own (CRS setup, initialisation,
 * the family and blocking evaluation at paranoia level 1, on nginx + libmodsecurity) and the
 * benign requests it refuses.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chatBody, typicalPrompts } from './bench';
import { loadCorpus, resolveCorpus } from './corpus';
import { mscCostBinary, writeModSecurityRules } from './engines';
import { evaluate } from './eval';
import { CrsFamily, CrsRuleSet, LlmWafProfile, LlmWafRules } from '../../src/waf';

const FAMILIES = [CrsFamily.SCANNER_DETECTION, CrsFamily.PROTOCOL_ENFORCEMENT, CrsFamily.PROTOCOL_ATTACK, CrsFamily.LFI, CrsFamily.RFI,
  CrsFamily.RCE, CrsFamily.PHP, CrsFamily.GENERIC, CrsFamily.XSS, CrsFamily.SQLI, CrsFamily.JAVA];
const HOST = 'llm.example.com';
const CORPORA = ['ai-attacks.jsonl', 'benign-llm.jsonl'];
const ROUTES = [
  { path: '/v1/chat/completions', pathMatch: 'Exact', methods: ['POST'] },
  { path: '/v1/completions', pathMatch: 'Exact', methods: ['POST'] },
  { path: '/v1/embeddings', pathMatch: 'Exact', methods: ['POST'] },
  { path: '/v1/models', pathMatch: 'Exact', methods: ['GET'] },
];

/** The example's profile with `family` also kept on schema routes (undefined: none kept). */
function profileRules(family?: CrsFamily): string {
  const families = family && !CrsFamily.defaults().includes(family) ? [...CrsFamily.defaults(), family] : CrsFamily.defaults();
  return LlmWafRules.render(new LlmWafProfile({ crsFamilies: families, schemaRouteCrsFamilies: family ? [family] : [] }),
    { routes: ROUTES, hosts: [HOST], crsRuleSet: CrsRuleSet.INGRESS_NGINX });
}

/** One family on its own (none: the control), blocking at paranoia level 1, JSON bodies parsed. */
function familyAlone(family?: CrsFamily): string {
  const crs = CrsRuleSet.INGRESS_NGINX;
  return [
    'SecRuleEngine On',
    'SecRequestBodyAccess On',
    'SecRule REQUEST_HEADERS:Content-Type "@rx ^application/json" "id:73990,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON"',
    `Include ${crs.setupFile}`,
    ...[901, ...(family ? [family.number] : []), 949].map((n) => `Include ${crs.rulesDir}/REQUEST-${n}-*.conf`),
    '',
  ].join('\n');
}

async function main() {
  const argv = process.argv.slice(2);
  let requests = 200;
  let rounds = 5;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--requests') requests = parseInt(argv[++i], 10);
    else if (argv[i] === '--rounds') rounds = parseInt(argv[++i], 10);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  const cases = CORPORA.flatMap((c) => loadCorpus(resolveCorpus(c)));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-waf-family-cost-'));
  try {
    const files: Array<[string, string]> = [['profile, no CRS on schema routes', writeModSecurityRules(fs.mkdtempSync(path.join(dir, 'p-')), 'profile', profileRules())]];
    for (const f of FAMILIES) files.push([`+ ${f.number} ${f.name}`, writeModSecurityRules(fs.mkdtempSync(path.join(dir, `f${f.number}-`)), 'profile', profileRules(f))]);
    // What nginx and the CRS's initialisation and evaluation refuse without any family (e.g. a path with dot segments).
    const control = await evaluate('modsecurity', 'waf-llm-profile', CORPORA, { rules: familyAlone(), hosts: [HOST] });
    const controlMissed = new Set(control.misses.map((m) => m.split(' ')[0]));
    const controlBlocked = new Set(cases.filter((c) => (c.expect === 'block') !== controlMissed.has(c.id)).map((c) => c.id));
    const costs: number[][] = [];
    for (const bytes of [125, 16 * 1024]) {
      const body = path.join(dir, `body-${bytes}.json`);
      fs.writeFileSync(body, chatBody(bytes, typicalPrompts()));
      const out = execFileSync(mscCostBinary(), [HOST, body, String(requests), String(rounds), ...files.map(([, f]) => f)], { stdio: 'pipe' }).toString();
      costs.push(out.trim().split('\n').map((l) => parseFloat(l.split(' ')[0])));
    }
    console.log(`libmodsecurity in-process (msc-cost, ${requests} requests, best of ${rounds} rounds); corpora ai-attacks.jsonl and benign-llm.jsonl against the family alone (nginx + libmodsecurity, PL 1), beyond what CRS without any family refuses (${[...controlBlocked].join(', ') || 'nothing'}):`);
    console.log('| CRS family on schema routes | µs/request 125 B | added | µs/request 16 KB | added | corpus attacks it blocks alone | benign it refuses alone |');
    console.log('| --- | ---: | ---: | ---: | ---: | --- | --- |');
    for (let i = 0; i < files.length; i++) {
      const [label] = files[i];
      let caught = '';
      let refused = '';
      if (i > 0) {
        const r = await evaluate('modsecurity', 'waf-llm-profile', CORPORA, { rules: familyAlone(FAMILIES[i - 1]), hosts: [HOST] });
        const missed = new Set(r.misses.map((m) => m.split(' ')[0]));
        const caughtIds = cases.filter((c) => c.expect === 'block' && !missed.has(c.id) && !controlBlocked.has(c.id)).map((c) => c.id);
        const refusedIds = cases.filter((c) => c.expect === 'pass' && missed.has(c.id) && !controlBlocked.has(c.id)).map((c) => c.id);
        caught = `${caughtIds.length}${caughtIds.length > 0 ? ` (${caughtIds.join(', ')})` : ''}`;
        refused = `${refusedIds.length}${refusedIds.length > 0 ? ` (${refusedIds.join(', ')})` : ''}`;
      }
      const d = (k: number) => (i === 0 ? '' : `${(costs[k][i] - costs[k][0]).toFixed(0)} µs`);
      console.log(`| ${label} | ${costs[0][i].toFixed(0)} | ${d(0)} | ${costs[1][i].toFixed(0)} | ${d(1)} | ${caught} | ${refused} |`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(2); });
}
