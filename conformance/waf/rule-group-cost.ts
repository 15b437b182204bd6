/**
 * npm run waf:rule-cost -- --engine <modsecurity|modsecurity-3.0.14|coraza|coraza-re2> --example <name> [--size 16KB] [--requests N]
 *
 * Where an example's LLM profile spends its time, in-process (libmodsecurity: conformance/c/msc-cost,
 * wall time; Coraza: conformance/go/coraza-waf -cost with the engine's operators, CPU time): the profile
 * without its CRS part, then the
 * same with one rule group left out at a time (routes, schema, cost, the token and number groups of
 * the sensitive-data detectors, each prompt-injection signature, the detector enforcement, SSRF,
 * lookup injection, responses), the body rules alone (the JSON floor), and the minimal passes (one
 * `@pm`, one `(?i)` regex) that tell what one more pass over a long prompt costs. Bodies: the typical
 * and the look-alike prose of waf:bench.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BODY_KINDS, chatBody } from './bench';
import { checkEngineRunsRules, exampleRules } from './corpus';
import { EngineName, inProcessCost, isModSecurity, parseEngine, writeCorazaRules, writeModSecurityRules } from './engines';

/** The rule group a block of the profile's rules file belongs to (`keep`: settings, comments, route flags, body rules). */
export function ruleGroupOf(block: string): string {
  if (block.includes('setvar:tx.llm_candidate=1') || block.includes('LLM_WAF_END_DETECTOR_CANDIDATES')) return 'detectors: joined candidate pass';
  if (block.includes('llm_candidate_tokens')) return 'sensitive data: tokens';
  if (block.includes('llm_candidate_numbers')) return 'sensitive data: numbers';
  if (block.includes('setvar:tx.llm_candidate_phrases')) return 'prompt injection: candidate pass';
  // The route flags say which body kinds a route takes: without them the content-type check refuses
  // every body in phase 1, and a variant would time a refusal, not the rules it keeps.
  if (/setvar:tx\.llm_route_/.test(block) && !/\bdeny\b/.test(block)) return 'keep';
  const sig = /llm_prompt_injection_signature=([a-z-]+)/.exec(block);
  if (sig) return `prompt injection: ${sig[1]}`;
  const id = /id:(73[0-9]{3})\b/.exec(block);
  if (!id) return 'keep';
  const n = Number(id[1]);
  const ranges: Array<[number, string]> = [[73010, 'keep'], [73100, 'routes'], [73200, 'keep'], [73300, 'cost'], [73600, 'detector enforcement'],
    [73800, 'request schemas'], [73900, 'SSRF'], [73910, 'lookup injection']];
  return ranges.find(([end]) => n < end)?.[1] ?? 'responses';
}

/** The profile's rules without its CRS part, as blocks (one rule, chain or directive group each). */
export function profileBlocks(rules: string): string[] {
  return rules.split('\n').filter((l) => !l.startsWith('Include ') && !l.startsWith('SecRuleUpdateTargetByTag')).join('\n').split('\n\n');
}

/** The variants timed: the whole profile (no CRS), each group left out, the body rules alone, and minimal passes. */
export function ruleCostVariants(rules: string): Array<[string, string]> {
  const blocks = profileBlocks(rules);
  const groups = [...new Set(blocks.map(ruleGroupOf))].filter((g) => g !== 'keep');
  const floor = blocks.filter((b) => ruleGroupOf(b) === 'keep');
  const onePass = (op: string) => [...floor, `SecRule ARGS "${op}" "id:73998,phase:2,t:none,pass,nolog"`].join('\n\n');
  return [
    ['profile without its CRS part', blocks.join('\n\n')],
    ...groups.map((g): [string, string] => [`  without ${g}`, blocks.filter((b) => ruleGroupOf(b) !== g).join('\n\n')]),
    ['body rules only (JSON floor)', floor.join('\n\n')],
    ['  + one @pm pass, no hit', onePass('@pm zqxjvk')],
    ['  + one (?i) regex pass, no hit', onePass('@rx (?i)zqxjvk')],
    ['  + one small signature-like regex, no hit', onePass('@rx (?i)\\b(?:zqxj|vkqz)[\\W_]+(?:\\w+[\\W_]+){0,3}?(?:jxqv|kzvq)\\b')],
  ];
}

async function main() {
  const argv = process.argv.slice(2);
  let engine: string | undefined;
  let example: string | undefined;
  let size = 16 * 1024;
  let requests: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--engine') engine = argv[++i];
    else if (argv[i] === '--example') example = argv[++i];
    else if (argv[i] === '--size') size = parseInt(argv[++i], 10) * 1024;
    else if (argv[i] === '--requests') requests = parseInt(argv[++i], 10);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!example) throw new Error('--example <name> is required');
  if (!(size >= 1024)) throw new Error('--size must be a number of KB (e.g. 16KB)');
  const name: EngineName = parseEngine(engine);
  const coraza = !isModSecurity(name);
  const found = exampleRules(example);
  checkEngineRunsRules(name, example, found);
  const { rules, hosts } = found;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-waf-rule-cost-'));
  try {
    const variants = ruleCostVariants(rules);
    const files = variants.map(([, r], i) => {
      const d = fs.mkdtempSync(path.join(dir, `v${i}-`));
      return coraza ? writeCorazaRules(d, 'profile', r) : writeModSecurityRules(d, 'profile', r);
    });
    const n = requests ?? (coraza ? 5 : 200);
    const columns = BODY_KINDS.map((kind, k) => {
      const body = path.join(dir, `body-${k}.json`);
      fs.writeFileSync(body, chatBody(size, kind.prompts()));
      return inProcessCost(name, hosts[0] ?? 'localhost', body, n, coraza ? 3 : 5, files);
    });
    console.log(`${name}, example ${example}, ${size / 1024} KB bodies, ${n} requests per round, in-process ${coraza ? 'CPU ' : ''}µs per request (best of ${coraza ? 3 : 5} rounds)`);
    console.log(`| variant | ${BODY_KINDS.map((k) => `typical${k.label}`.replace('typical ', '')).join(' | ')} | saved by leaving it out |`);
    console.log(`| --- | ${BODY_KINDS.map(() => '---:').join(' | ')} | ---: |`);
    variants.forEach(([label], i) => {
      const cells = columns.map((c) => `${parseFloat(c[i][0]).toFixed(0)}${c[i][1] !== '0' ? ' (blocked)' : ''}`);
      const saved = label.startsWith('  without ') ? columns.map((c) => (parseFloat(c[0][0]) - parseFloat(c[i][0])).toFixed(0)).join(' / ') : '';
      console.log(`| ${label} | ${cells.join(' | ')} | ${saved} |`);
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(2); });
}
