/**
 * Corpus loading (JSON lines, ../shared/waf-corpus format) and example rules lookup.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { EngineName, isModSecurity, REPO_ROOT } from './engines';
import { pluginConfigOf } from './plugin-config';

export interface CorpusRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: { [name: string]: string };
  readonly body?: unknown;
  readonly bodyText?: string;
}

export interface CorpusCase {
  readonly id: string;
  readonly class: string;
  readonly expect: 'block' | 'pass';
  readonly request: CorpusRequest;
}

/**
 * Folder of the corpora: $WAF_CORPUS_DIR, or ../shared/waf-corpus beside the repository. The
 * corpora are not part of the repository (nor of conformance/): they stay in the shared folder
 * that CI checks out beside the clone.
 */
export function corpusDir(): string {
  return process.env.WAF_CORPUS_DIR ?? path.resolve(REPO_ROOT, '..', 'shared', 'waf-corpus');
}

/** Resolves a corpus argument: absolute, relative to the cwd, or relative to the corpus folder. */
export function resolveCorpus(file: string): string {
  for (const candidate of [file, path.resolve(file), path.join(corpusDir(), file)]) {
    if (path.isAbsolute(candidate) && fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`corpus ${file} not found (looked in the working directory and ${corpusDir()}; set WAF_CORPUS_DIR)`);
}

/** Loads a corpus. GSM8K-style lines ({question}) become benign chat requests. */
export function loadCorpus(file: string): CorpusCase[] {
  const name = path.basename(file, '.jsonl');
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((line, i) => {
    const obj = JSON.parse(line);
    if (obj.request) return obj as CorpusCase;
    if (typeof obj.question === 'string') {
      return {
        id: `${name}-${i + 1}`,
        class: name,
        expect: 'pass',
        request: {
          method: 'POST',
          path: '/v1/chat/completions',
          headers: { 'content-type': 'application/json' },
          body: { model: 'llama-3.1-8b-instruct', messages: [{ role: 'user', content: obj.question }] },
        },
      } as CorpusCase;
    }
    throw new Error(`${file}:${i + 1}: neither a corpus case nor a {question} line`);
  });
}

/** The corpora of `waf:test` (and of `waf:test:proxy-wasm`), each run on its own. */
export const WAF_TEST_CORPORA: string[][] = [
  ['ai-attacks.jsonl'], ['benign-llm.jsonl'], ['benign/gsm8k-train.jsonl'],
  // The project's own variants (other notations, phrasings and token kinds than the corpora above).
  [path.join(REPO_ROOT, 'test', 'waf', 'corpus', 'llm-variants.jsonl')],
  // Request shapes on the routes of a known API (its request schema): refused and accepted.
  [path.join(REPO_ROOT, 'test', 'waf', 'corpus', 'schema-shapes.jsonl')],
  // The project's prompt-injection development corpora (test/waf/corpus/README.md): attacks per
  // class, and benign look-alikes and code prompts that must pass.
  [path.join(REPO_ROOT, 'test', 'waf', 'corpus', 'prompt-injection-attacks.jsonl')],
  [path.join(REPO_ROOT, 'test', 'waf', 'corpus', 'prompt-injection-lookalikes.jsonl')],
  [path.join(REPO_ROOT, 'test', 'waf', 'corpus', 'code-prompts.jsonl')],
  // One request per sensitive-data signature (each engine's detection of every signature, the union passes on RE2 included).
  [path.join(REPO_ROOT, 'test', 'waf', 'corpus', 'sensitive-data.jsonl')],
];

export interface ExampleRules {
  readonly rules: string;
  readonly hosts: string[];
  /**
   * The rules are the directives of a coraza-proxy-wasm plugin configuration (an Envoy Gateway
   * example), written for RE2, not a ModSecurity rules file.
   * @default false
   */
  readonly pluginDirectives?: boolean;
}

/**
 * Refuses to run an Envoy Gateway example's directives on libmodsecurity. They join each detector
 * group's signatures into one union pass, which RE2 runs as one automaton; PCRE2 cannot compile the
 * prompt-injection union (too large), and libmodsecurity loads the rule anyway and never matches it,
 * so every figure taken there would be of a profile that detects no prompt injection.
 */
export function checkEngineRunsRules(engine: EngineName, example: string, source: ExampleRules): void {
  if (source.pluginDirectives && isModSecurity(engine)) {
    throw new Error(`--engine ${engine} cannot run example ${example}: its rules are the coraza-proxy-wasm directives of an Envoy Gateway `
      + 'endpoint, written for RE2 (one union pass per detector group). libmodsecurity loads them but cannot compile the prompt-injection '
      + 'union with PCRE2 and never matches it. Use --engine coraza-re2 (the engine coraza-proxy-wasm runs), or an example with an '
      + 'ingress-nginx rules ConfigMap (waf-llm-profile, vllm-ingress-nginx) for libmodsecurity.');
  }
}

/** Reads the LLM WAF rules out of an example's synthesised ConfigMap (synthesising first if absent). */
export function exampleRules(example: string): ExampleRules {
  const outdir = path.join(REPO_ROOT, 'dist', 'examples', example);
  const find = (): ExampleRules | undefined => {
    if (!fs.existsSync(outdir)) return undefined;
    for (const f of fs.readdirSync(outdir).filter((n) => n.endsWith('.k8s.yaml')).sort()) {
      for (const doc of parseAllDocuments(fs.readFileSync(path.join(outdir, f), 'utf8'))) {
        const o = doc.toJS() as any;
        if (o?.kind === 'ConfigMap' && o?.metadata?.labels?.['secure-ai.cdk8s.io/waf-profile'] === 'llm' && o?.data?.['llm-waf.conf']) {
          const hosts = (o.metadata.annotations?.['secure-ai.cdk8s.io/waf-hosts'] ?? '').split(',').filter((h: string) => h);
          return { rules: o.data['llm-waf.conf'], hosts };
        }
      }
    }
    // An Envoy Gateway example: the coraza-proxy-wasm directives its EnvoyExtensionPolicy carries.
    const objects = fs.readdirSync(outdir).filter((n) => n.endsWith('.k8s.yaml')).sort()
      .flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(outdir, f), 'utf8')).map((d) => d.toJS()));
    const plugin = pluginConfigOf(objects);
    return plugin ? { rules: plugin.directives, hosts: plugin.hosts, pluginDirectives: true } : undefined;
  };
  let found = find();
  if (!found) {
    const main = path.join(REPO_ROOT, 'examples', example, 'main.ts');
    if (!fs.existsSync(main)) throw new Error(`example ${example} not found (${main})`);
    // The same synthesis as `npm run synth:examples`, for this example only.
    execFileSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'ts-node'), ['-P', path.join(REPO_ROOT, 'tsconfig.dev.json'),
      path.join(REPO_ROOT, 'scripts', 'synth-examples.ts'), example], { cwd: REPO_ROOT, stdio: 'inherit' });
    found = find();
  }
  if (!found) throw new Error(`no ConfigMap labelled secure-ai.cdk8s.io/waf-profile=llm and no EnvoyExtensionPolicy with a wasm entry in ${outdir}: is WAF on in example ${example}?`);
  return found;
}
