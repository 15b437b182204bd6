/**
 * npm run waf:eval -- --engine <modsecurity|modsecurity-3.0.14|coraza|coraza-re2> --example <name> --corpus <file.jsonl> [--corpus ...] [--strict]
 *
 * Runs corpora against an example's LLM WAF profile on a real engine and prints a line per
 * class, then exactly `attacks blocked X/Y; benign passed A/B`. A request is blocked when the
 * answer is 4xx. With --strict the exit code is 1 when any case misses its expectation.
 */
import { checkEngineRunsRules, CorpusCase, ExampleRules, exampleRules, loadCorpus, resolveCorpus } from './corpus';
import { EngineName, parseEngine, startEngine } from './engines';
import { pool, send } from './send';

export interface EvalResult {
  readonly lines: string[];
  readonly misses: string[];
  readonly attacks: { blocked: number; total: number };
  readonly benign: { passed: number; total: number };
  /** Each case's verdict, `<id> block` or `<id> pass`, in corpus order (to compare engines). */
  readonly verdicts: string[];
  /** nginx + libmodsecurity: the libmodsecurity.so nginx had mapped. */
  readonly library?: string;
}

/**
 * @param source the rules and hosts to run; default: the example's rules ConfigMap
 * (`exampleRules`). For `coraza-proxy-wasm`, `rules` is the plugin configuration (JSON).
 */
export async function evaluate(engine: EngineName, example: string, corpora: string[], source?: ExampleRules): Promise<EvalResult> {
  const found = source ?? exampleRules(example);
  checkEngineRunsRules(engine, example, found);
  const { rules, hosts } = found;
  const cases: CorpusCase[] = corpora.flatMap((c) => loadCorpus(resolveCorpus(c)));
  const waf = await startEngine(engine, 'profile', rules);
  try {
    const host = hosts[0] ?? 'localhost';
    const answers = await pool(cases, 4, (c) => send(waf.port, c.request, host));
    const byClass = new Map<string, { expect: string; ok: number; total: number }>();
    const misses: string[] = [];
    const attacks = { blocked: 0, total: 0 };
    const benign = { passed: 0, total: 0 };
    const verdicts: string[] = [];
    cases.forEach((c, i) => {
      const blocked = answers[i].status >= 400 && answers[i].status < 500;
      verdicts.push(`${c.id} ${blocked ? 'block' : 'pass'}`);
      const ok = c.expect === 'block' ? blocked : !blocked;
      const k = `${c.class}\u0000${c.expect}`;
      const e = byClass.get(k) ?? { expect: c.expect, ok: 0, total: 0 };
      e.total++;
      if (ok) e.ok++;
      byClass.set(k, e);
      if (c.expect === 'block') { attacks.total++; if (ok) attacks.blocked++; } else { benign.total++; if (ok) benign.passed++; }
      if (!ok) misses.push(`${c.id} (${c.class}, expected ${c.expect}, got ${answers[i].status})`);
    });
    const lines = [...byClass.entries()].map(([k, e]) => {
      const cls = k.split('\u0000')[0];
      return `${cls}: ${e.expect === 'block' ? 'blocked' : 'passed'} ${e.ok}/${e.total}`;
    });
    return { lines, misses, attacks, benign, verdicts, library: waf.library };
  } finally {
    await waf.stop();
  }
}

function parseArgs(argv: string[]): { engine: EngineName; example: string; corpora: string[]; strict: boolean } {
  let engine: string | undefined;
  let example: string | undefined;
  const corpora: string[] = [];
  let strict = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--engine') engine = argv[++i];
    else if (a === '--example') example = argv[++i];
    else if (a === '--corpus') corpora.push(argv[++i]);
    else if (a === '--strict') strict = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!example) throw new Error('--example <name> is required');
  if (corpora.length === 0) throw new Error('--corpus <file.jsonl> is required (repeatable)');
  return { engine: parseEngine(engine), example, corpora, strict };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const r = await evaluate(args.engine, args.example, args.corpora);
  if (r.library) console.log(`libmodsecurity: ${r.library}`);
  for (const m of r.misses.slice(0, 50)) console.log(`miss: ${m}`);
  if (r.misses.length > 50) console.log(`miss: ... and ${r.misses.length - 50} more`);
  for (const l of r.lines) console.log(l);
  console.log(`attacks blocked ${r.attacks.blocked}/${r.attacks.total}; benign passed ${r.benign.passed}/${r.benign.total}`);
  if (args.strict && r.misses.length > 0) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(2); });
}
