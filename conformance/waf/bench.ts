/**
 * npm run waf:bench -- --engine <modsecurity|modsecurity-3.0.14|coraza> --example <name> [--duration 5] [--connections 8] [--upstream-keepalive on|off] [--runs 1] [--size 16KB ...]
 *
 * Measures on loopback, in one run, for 125 B, 16 KB and 128 KB chat requests (or the sizes named by
 * --size) whose user message is benign prompts of the project's corpora joined (benign-llm.jsonl and
 * GSM8K questions: typical prose), and at 16 KB and 128 KB also a body of the prompt-injection
 * look-alike corpus (benign text that says "ignore", "system", "developer mode": the worst benign case): requests/s and
 * p50/p99 latency with no WAF, with CRS at its defaults, and with the example's LLM profile,
 * then prints the throughput ratios to no WAF. Load: wrk, 1 thread, a few connections,
 * keep-alive, fixed duration per cell after a 1 s warm-up. Every request is checked to pass
 * (200) first: a cell whose requests are refused is reported, not timed. With --runs N each cell
 * is measured N times in a row and the run of median throughput is reported. The composed rules of a
 * shared controller (1, 10, 50 and 99 endpoints, each its own rule group and Ingress marker) are
 * timed on a request to the first endpoint's host (in-process, with its marker as transaction id):
 * the cost per request should not grow with the number of endpoints.
 * Then the same rules inside the engine alone (libmodsecurity: conformance/c/msc-cost; Coraza:
 * conformance/go/coraza-waf -cost with the engine's operators), in microseconds per request.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkEngineRunsRules, CorpusCase, exampleRules, loadCorpus, resolveCorpus } from './corpus';
import {
  CORAZA_HARNESS_OPERATORS, EngineName, inProcessCost, isModSecurity, parseEngine, REPO_ROOT, startEngine, Variant,
  writeCorazaRules, writeModSecurityRules,
} from './engines';
import { send } from './send';
import { wafProfileModel } from '../../src/model/waf-profile-model';
import { ComposedWafPart, composeLlmWafRules } from '../../src/render/waf/composed-llm-waf-rules';
import { PROMPT_INJECTION_SIGNATURES } from '../../src/render/waf/detectors/prompt-injection';
import { CrsRuleSet, LlmWafProfile } from '../../src/waf';

/** Endpoints on one controller in the composition rows. */
const COMPOSED_ENDPOINTS = [1, 10, 50, 99];
/** The transaction-id marker of endpoint `i`'s Ingress (as SecureInferenceEndpoint sets it). */
const composedMarker = (i: number) => `llm-waf_serving_llm-${i}_`;

/**
 * The rules file of a controller that serves `n` endpoints (`llm-<i>.example.com`, each with a
 * profile of its own, hence a rule group of its own), followed by the CRS as each Ingress loads it.
 */
export function composedRules(n: number): string {
  const routes = [
    { path: '/v1/chat/completions', pathMatch: 'Exact', methods: ['POST'] },
    { path: '/v1/completions', pathMatch: 'Exact', methods: ['POST'] },
    { path: '/v1/models', pathMatch: 'Exact', methods: ['GET'] },
  ];
  const parts: ComposedWafPart[] = [];
  for (let i = 1; i <= n; i++) {
    // A cap of its own makes each endpoint's profile, hence its group, distinct.
    const profile = new LlmWafProfile({ costFieldCaps: [{ field: 'max_tokens', max: 8192 - i }, { field: 'n', max: 4 }] });
    parts.push({ endpoint: `serving/llm-${i}`, context: { routes, hosts: [`llm-${i}.example.com`] }, profile: wafProfileModel(profile, 10240), transactionIdPrefix: composedMarker(i) });
  }
  const crs = CrsRuleSet.INGRESS_NGINX;
  const families = new LlmWafProfile().crsFamilies.map((f) => f.number);
  return [
    'SecRuleEngine DetectionOnly',
    composeLlmWafRules(parts, { verifyCc: true }),
    `Include ${crs.setupFile}`,
    ...[901, ...families, 949].map((f) => `Include ${crs.rulesDir}/REQUEST-${f}-*.conf`),
    '',
  ].join('\n');
}

const SIZES: Array<{ label: string; bytes: number }> = [
  { label: '125 B', bytes: 125 },
  { label: '16 KB', bytes: 16 * 1024 },
  { label: '128 KB', bytes: 128 * 1024 },
];

/** The user's text of a corpus case: its string `content` parts, or its `prompt` (none for other shapes). */
function userText(c: CorpusCase): string[] {
  const body = c.request.body as any;
  if (!body || typeof body !== 'object') return [];
  if (typeof body.prompt === 'string') return [body.prompt];
  if (!Array.isArray(body.messages)) return [];
  return body.messages.filter((m: any) => m?.role === 'user' && typeof m.content === 'string').map((m: any) => m.content as string);
}

/**
 * Typical prose: the benign prompts the project already runs, in corpus order, one from
 * benign-llm.jsonl then three GSM8K questions, round after round (varied text, no sentence
 * repeated within 128 KB), joined by blank lines.
 */
export function typicalPrompts(): string[] {
  const llm = loadCorpus(resolveCorpus('benign-llm.jsonl')).flatMap(userText);
  const gsm = loadCorpus(resolveCorpus('benign/gsm8k-train.jsonl')).flatMap(userText);
  const out: string[] = [];
  for (let i = 0, g = 0; i < llm.length || g < gsm.length; i++) {
    if (i < llm.length) out.push(llm[i]);
    for (let k = 0; k < 3 && g < gsm.length; k++) out.push(gsm[g++]);
  }
  return out;
}

/**
 * Whether a prompt-injection signature's regex matches `text` (JavaScript's RegExp standing in for
 * PCRE/RE2, as in the detector tests). The prefilters and gates are taken as met: in a 16 KB field
 * some word of theirs is almost always present, somewhere else in the field.
 */
function injectionRegexMatches(text: string): boolean {
  return PROMPT_INJECTION_SIGNATURES.some((sig) => new RegExp(sig.operator.slice(4).replace(/^\(\?i\)/, '').replace(/\(\?-i:/g, '(?:'), 'i').test(text));
}

/**
 * Adversarial but benign prose: the project's prompt-injection look-alike corpus (benign text
 * that says "ignore", "system", "developer mode", encodings, role-play), in corpus order. Joined
 * into one message, some neighbours would read as one attack ("... ignore safety instructions?"
 * then "Our site is stuck in maintenance mode"): a look-alike that would form a match with the
 * ones just before it is left out, and so is one whose words match a signature's regex on their own
 * (short, it passes because no prefilter word of that signature is in it; inside 16 KB of text
 * some prefilter word always is), so that the body is benign as a whole.
 */
export function lookalikePrompts(): string[] {
  const all = loadCorpus(path.join(REPO_ROOT, 'test', 'waf', 'corpus', 'prompt-injection-lookalikes.jsonl')).flatMap(userText);
  const kept: string[] = [];
  const tail = (extra: string[]) => [...kept.slice(-8), ...extra].join('\n\n');
  for (const p of all) if (!injectionRegexMatches(tail([p]))) kept.push(p);
  // The body cycles: the last ones must not join the first ones into a match either.
  while (kept.length > 1 && injectionRegexMatches(tail(kept.slice(0, 8)))) kept.pop();
  return kept;
}

/** The bodies the bench times, each at every size. */
export const BODY_KINDS: Array<{ label: string; prompts: () => string[] }> = [
  { label: '', prompts: typicalPrompts },
  { label: ' look-alikes', prompts: lookalikePrompts },
];

/**
 * A chat-completions request body of exactly `bytes` bytes whose user message is `prompts`
 * joined by blank lines (cycled when they are too few), cut to size at a character boundary.
 */
export function chatBody(bytes: number, prompts: string[]): string {
  const wrap = (content: string) => JSON.stringify({ model: 'llama-3.1-8b-instruct', messages: [{ role: 'user', content }], max_tokens: 256 });
  const room = bytes - Buffer.byteLength(wrap(''));
  if (room < 1) throw new Error(`body of ${bytes} bytes is too small`);
  if (prompts.length === 0) throw new Error('chatBody: no prompts');
  const size = (s: string) => Buffer.byteLength(JSON.stringify(s)) - 2;
  let text = '';
  for (let i = 0; size(text) < room; i++) text += (text ? '\n\n' : '') + prompts[i % prompts.length];
  const chars = Array.from(text);
  // Cut whole characters (JSON escapes and UTF-8 sequences intact), then pad with spaces.
  let cut = chars.length;
  let over = size(text) - room;
  while (over > 0) {
    cut--;
    over -= size(chars[cut]);
  }
  text = chars.slice(0, cut).join('');
  text += ' '.repeat(room - size(text));
  const body = wrap(text);
  if (Buffer.byteLength(body) !== bytes) throw new Error('body size mismatch');
  return body;
}

export interface Cell { rps: number; p50ms: number; p99ms: number; note?: string }

function toMs(v: string): number {
  const m = /^([0-9.]+)(us|ms|s|m)$/.exec(v.trim());
  if (!m) return NaN;
  const n = parseFloat(m[1]);
  return m[2] === 'us' ? n / 1000 : m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : n * 60000;
}

function runWrk(port: number, host: string, bodyFile: string, seconds: number, connections: number, dir: string): Cell {
  const script = path.join(dir, 'post.lua');
  fs.writeFileSync(script, [
    'wrk.method = "POST"',
    'wrk.headers["Content-Type"] = "application/json"',
    `wrk.headers["Host"] = "${host}"`,
    `local f = io.open("${bodyFile}", "rb")`,
    'wrk.body = f:read("*a")',
    'f:close()',
    '',
  ].join('\n'));
  const url = `http://127.0.0.1:${port}/v1/chat/completions`;
  execFileSync('wrk', ['-t1', `-c${connections}`, '-d1s', '-s', script, url], { stdio: 'pipe' });
  const out = execFileSync('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', script, url], { stdio: 'pipe' }).toString();
  const rps = parseFloat(/Requests\/sec:\s+([0-9.]+)/.exec(out)?.[1] ?? 'NaN');
  const p50 = toMs(/\s50%\s+(\S+)/.exec(out)?.[1] ?? '');
  const p99 = toMs(/\s99%\s+(\S+)/.exec(out)?.[1] ?? '');
  const non2xx = /Non-2xx or 3xx responses:\s+([0-9]+)/.exec(out)?.[1];
  return { rps, p50ms: p50, p99ms: p99, note: non2xx ? `${non2xx} non-2xx answers` : undefined };
}

/** The run of median throughput (the lower middle one for an even count). */
export function medianCell(cells: Cell[]): Cell {
  if (cells.length === 0) throw new Error('medianCell: no runs');
  return [...cells].sort((a, b) => a.rps - b.rps)[Math.floor((cells.length - 1) / 2)];
}

/** One timed request: a body kind at a size (`16 KB`, `16 KB look-alikes`). */
interface BenchCase { readonly label: string; readonly file: string }

export async function bench(engine: EngineName, example: string, seconds: number, connections: number,
  upstreamKeepalive: boolean, runs = 1, sizes: string[] = SIZES.map((s) => s.label)): Promise<string[]> {
  const found = exampleRules(example);
  checkEngineRunsRules(engine, example, found);
  const { rules, hosts } = found;
  const host = hosts[0] ?? 'localhost';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-waf-bench-'));
  const cases: BenchCase[] = [];
  SIZES.filter((s) => sizes.includes(s.label)).forEach((s) => BODY_KINDS.forEach((kind, k) => {
    // A single look-alike at 125 B says nothing about prose: look-alike bodies from 16 KB up.
    if (k > 0 && s.bytes < 1024) return;
    const file = path.join(dir, `body-${s.bytes}-${k}.json`);
    fs.writeFileSync(file, chatBody(s.bytes, kind.prompts()));
    cases.push({ label: `${s.label}${kind.label}`, file });
  }));
  if (cases.length === 0) throw new Error(`--size must name one of ${SIZES.map((s) => s.label.replace(' ', '')).join(', ')}`);
  // Extra rows that decompose the cost: the profile without its CRS part, and the floor of
  // body inspection (the engine only parsing the JSON body, no rule).
  const withoutCrs = rules.split('\n').filter((l) => !l.startsWith('Include ') && !l.startsWith('SecRuleUpdateTargetByTag')).join('\n');
  const floor = [
    'SecRuleEngine On', 'SecRequestBodyAccess On', 'SecRequestBodyLimit 10485760', 'SecRequestBodyNoFilesLimit 10485760',
    'SecRule REQUEST_HEADERS:Content-Type "@rx ^application/json" "id:73999,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON"', '',
  ].join('\n');
  const variants: Array<[string, Variant, string | undefined]> = [
    ['none', 'none', undefined], ['crs', 'crs', undefined], ['profile', 'profile', rules],
    ['profile-no-crs', 'profile', withoutCrs], ['json-floor', 'profile', floor],
    ...COMPOSED_ENDPOINTS.map((n): [string, Variant, string] => [`composed-${n}`, 'profile', composedRules(n)]),
  ];
  const hostOf = (v: string) => (v.startsWith('composed-') ? 'llm-1.example.com' : host);
  const results = new Map<string, Cell>();
  for (const [v, variant, variantRules] of variants) {
    const waf = await startEngine(engine, variant, variantRules, { upstreamKeepalive });
    try {
      for (let i = 0; i < cases.length; i++) {
        const body = fs.readFileSync(cases[i].file, 'utf8');
        const first = await send(waf.port, { method: 'POST', path: '/v1/chat/completions', headers: { 'content-type': 'application/json' }, bodyText: body }, hostOf(v));
        if (first.status !== 200) {
          results.set(`${v}|${i}`, { rps: NaN, p50ms: NaN, p99ms: NaN, note: `refused (${first.status}), not timed` });
          continue;
        }
        const cells: Cell[] = [];
        for (let r = 0; r < runs; r++) cells.push(runWrk(waf.port, hostOf(v), cases[i].file, seconds, connections, dir));
        results.set(`${v}|${i}`, medianCell(cells));
      }
    } finally {
      await waf.stop();
    }
  }
  const label: { [v: string]: string } = {
    'none': 'no WAF',
    'crs': 'CRS defaults',
    'profile': 'LLM profile',
    'profile-no-crs': 'LLM profile without its CRS part',
    'json-floor': 'JSON body parsing only (floor)',
    ...Object.fromEntries(COMPOSED_ENDPOINTS.map((n) => [`composed-${n}`, `composed, ${n} endpoint${n === 1 ? '' : 's'}`])),
  };
  const lines = [
    `engine ${engine}, example ${example}; wrk -t1 -c${connections} -d${seconds}s per cell${runs > 1 ? `, median of ${runs} runs` : ''}, loopback, POST /v1/chat/completions, upstream keepalive ${upstreamKeepalive ? 'on' : 'off'}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`,
    'bodies: benign prompts (benign-llm.jsonl, GSM8K) joined; "look-alikes": the prompt-injection look-alike corpus joined',
    '| request | variant | req/s | p50 ms | p99 ms | ratio to no WAF |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
  ];
  for (let i = 0; i < cases.length; i++) {
    const base = results.get(`none|${i}`)!;
    for (const [v] of variants) {
      const c = results.get(`${v}|${i}`)!;
      const ratio = Number.isFinite(c.rps) && base.rps > 0 ? (c.rps / base.rps).toFixed(4) : 'n/a';
      lines.push(`| ${cases[i].label} | ${label[v]} | ${c.rps.toFixed(0)} | ${c.p50ms.toFixed(2)} | ${c.p99ms.toFixed(2)} | ${ratio}${c.note ? ` (${c.note})` : ''} |`);
    }
  }
  for (let i = 0; i < cases.length; i++) {
    const base = results.get(`none|${i}`)!.rps;
    const crs = results.get(`crs|${i}`)!.rps;
    const prof = results.get(`profile|${i}`)!.rps;
    const noCrs = results.get(`profile-no-crs|${i}`)!.rps;
    const fl = results.get(`json-floor|${i}`)!.rps;
    lines.push(`ratio ${cases[i].label}: CRS defaults ${(crs / base).toFixed(4)}, LLM profile ${(prof / base).toFixed(4)} (without its CRS part ${(noCrs / base).toFixed(4)}, JSON parsing floor ${(fl / base).toFixed(4)}); profile/floor ${(prof / fl).toFixed(2)}`);
  }
  for (let i = 0; i < cases.length; i++) {
    const base = results.get(`none|${i}`)!.rps;
    lines.push(`composed ${cases[i].label}: ${COMPOSED_ENDPOINTS.map((n) => `${n} endpoint${n === 1 ? '' : 's'} ${(results.get(`composed-${n}|${i}`)!.rps / base).toFixed(4)}`).join(', ')} (ratio to no WAF, request to the first endpoint)`);
  }
  if (engine !== 'coraza-proxy-wasm') lines.push(...engineCost(engine, dir, host, cases, variants, label, results));
  fs.rmSync(dir, { recursive: true, force: true });
  return lines;
}

/**
 * The same variants inside the engine alone, in microseconds per request, beside the budget that a
 * ratio of 0.5 leaves: a WAF keeps half the no-WAF throughput only if it adds no more CPU time per
 * request than the proxy itself spends. libmodsecurity: conformance/c/msc-cost (wall time, best of 5
 * interleaved rounds); Coraza: the Coraza harness's -cost mode with the
 * engine's operators (CPU time, best of 3 interleaved rounds).
 */
function engineCost(engine: EngineName, dir: string, host: string, cases: BenchCase[], variants: Array<[string, Variant, string | undefined]>,
  label: { [v: string]: string }, results: Map<string, Cell>): string[] {
  const coraza = !isModSecurity(engine);
  const write = (d: string, variant: 'crs' | 'profile', rules?: string) => (coraza ? writeCorazaRules(d, variant, rules) : writeModSecurityRules(d, variant, rules));
  const files: Array<[string, string]> = [];
  const composed: Array<[string, string]> = [];
  const emptyDir = fs.mkdtempSync(path.join(dir, 'engine-on-'));
  const empty = path.join(emptyDir, 'engine-on.conf');
  fs.writeFileSync(empty, 'SecRuleEngine On\n');
  files.push(['engine on, no rule', empty]);
  for (const [v, variant, rules] of variants) {
    if (variant === 'none') continue;
    (v.startsWith('composed-') ? composed : files).push([label[v], write(fs.mkdtempSync(path.join(dir, `${v}-`)), variant, rules)]);
  }
  const lines = ['', coraza
    ? `Coraza alone, in-process (conformance/go/coraza-waf -cost -operators ${CORAZA_HARNESS_OPERATORS[engine]}, best of 3 interleaved rounds), CPU time per request:`
    : 'libmodsecurity alone, in-process (conformance/c/msc-cost, best of 5 interleaved rounds), time per request:',
  `| request | proxy without WAF (1 / req/s) | ${[...files, ...composed].map(([l]) => l).join(' | ')} |`,
  `| --- | ---: | ${[...files, ...composed].map(() => '---:').join(' | ')} |`];
  for (let i = 0; i < cases.length; i++) {
    const bytes = fs.statSync(cases[i].file).size;
    const n = coraza ? (bytes > 65536 ? 2 : bytes > 1024 ? 5 : 200) : (bytes > 65536 ? 40 : 200);
    const cost = (h: string, fs2: Array<[string, string]>, marker?: string) =>
      inProcessCost(engine, h, cases[i].file, n, coraza ? 3 : 5, fs2.map(([, f]) => f), marker).map((row) => parseFloat(row[0]));
    // The composed rules' request carries its Ingress's marker, as nginx gives it.
    const us = [...cost(host, files), ...cost('llm-1.example.com', composed, composedMarker(1))];
    const base = 1e6 / results.get(`none|${i}`)!.rps;
    lines.push(`| ${cases[i].label} | ${base.toFixed(0)} µs | ${us.map((u) => `${u.toFixed(0)} µs`).join(' | ')} |`);
  }
  lines.push('A ratio of 0.5 needs the WAF to add at most the no-WAF time per request (first column).');
  return lines;
}

async function main() {
  const argv = process.argv.slice(2);
  let engine: string | undefined;
  let example: string | undefined;
  let seconds = 5;
  let connections = 8;
  let keepalive = true;
  let runs = 1;
  const sizes: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--engine') engine = argv[++i];
    else if (argv[i] === '--example') example = argv[++i];
    else if (argv[i] === '--duration') seconds = parseInt(argv[++i], 10);
    else if (argv[i] === '--connections') connections = parseInt(argv[++i], 10);
    else if (argv[i] === '--upstream-keepalive') keepalive = argv[++i] !== 'off';
    else if (argv[i] === '--runs') runs = parseInt(argv[++i], 10);
    else if (argv[i] === '--size') sizes.push(argv[++i].replace(/([0-9])([A-Z])/, '$1 $2'));
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!example) throw new Error('--example <name> is required');
  if (!(runs >= 1)) throw new Error('--runs must be a whole number of 1 or more');
  const lines = await bench(parseEngine(engine), example, seconds, connections, keepalive, runs, sizes.length > 0 ? sizes : undefined);
  for (const l of lines) console.log(l);
}

if (require.main === module) {
  main().catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(2); });
}
