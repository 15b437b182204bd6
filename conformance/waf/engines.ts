/**
 * Starts the WAF engines on loopback for the corpus evaluation, the benchmark and the
 * CRS regression run: nginx + libmodsecurity 3 (Debian's 3.0.9, and 3.0.14 built by
 * conformance/waf/install.sh, both with CRS v4) and the Coraza harness (conformance/go/coraza-waf),
 * with Coraza's own operators or with coraza-proxy-wasm's (RE2).
 * Each engine sits in front of a stand-in backend answering 200.
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { CrsRuleSet } from '../../src/waf';

/**
 * `modsecurity`: Debian's nginx connector with Debian's libmodsecurity 3.0.9; `modsecurity-3.0.14`:
 * the same connector and nginx with libmodsecurity 3.0.14 (the 3.0.x line ingress-nginx images
 * ship), built by conformance/waf/install.sh and loaded through LD_LIBRARY_PATH.
 * `coraza`: the Coraza harness with Coraza's own operators (@rx on Go's regexp), as Go servers
 * embedding Coraza run it. `coraza-re2`: the same harness with the operators a released
 * coraza-proxy-wasm module registers from coraza-wasilibs (@rx on RE2, @pm on go-aho-corasick,
 * @detectSQLi/@detectXSS on libinjection, each compiled to WebAssembly; `-operators wasilibs`).
 * `coraza-proxy-wasm`: coraza-proxy-wasm's plugin code run natively under the proxy-wasm host
 * emulator (conformance/go/coraza-proxy-wasm-host, with the same coraza-wasilibs operators); its
 * "rules" are the plugin configuration (JSON).
 */
export type EngineName = 'modsecurity' | 'modsecurity-3.0.14' | 'coraza' | 'coraza-re2' | 'coraza-proxy-wasm';

/** The nginx + libmodsecurity engines, Debian's first. */
export const MODSECURITY_ENGINES: EngineName[] = ['modsecurity', 'modsecurity-3.0.14'];
/** The engines `waf:test`, `waf:eval`, `waf:bench` and `waf:crs-regression` run, in that order. */
export const WAF_ENGINES: EngineName[] = [...MODSECURITY_ENGINES, 'coraza', 'coraza-re2'];
/** The Coraza harness engines and the operators each registers (conformance/go/coraza-waf `-operators`). */
export const CORAZA_HARNESS_OPERATORS: Partial<Record<EngineName, string>> = { 'coraza': 'coraza', 'coraza-re2': 'wasilibs' };
/**
 * The regular expression engine @rx must run on in each Go harness engine, as the harness reports it
 * at startup (`rx=<engine>`, found by what @rx accepts): Go's regexp for `coraza`, RE2 for
 * `coraza-re2` and `coraza-proxy-wasm` (as released coraza-proxy-wasm modules run it).
 */
export const HARNESS_RX_ENGINE: Partial<Record<EngineName, string>> = { 'coraza': 'go-regexp', 'coraza-re2': 're2', 'coraza-proxy-wasm': 're2' };

/** Throws unless a Go harness's startup log says @rx runs on the engine `HARNESS_RX_ENGINE` gives it. */
export function checkHarnessRxEngine(engine: EngineName, harnessLog: string): void {
  const want = HARNESS_RX_ENGINE[engine];
  if (!want) throw new Error(`${engine} is not a Go harness engine`);
  const got = /\brx=(\S+)/.exec(harnessLog)?.[1];
  if (got !== want) throw new Error(`${engine}: @rx must run on ${want}, the harness reports ${got ? `rx=${got}` : 'no rx= line'}: rebuild it with conformance/waf/install.sh`);
}

/** Whether an engine is nginx + libmodsecurity. */
export function isModSecurity(engine: EngineName): boolean {
  return MODSECURITY_ENGINES.includes(engine);
}

/** Parses an `--engine` argument against `allowed`, naming the choices when it is not one of them. */
export function parseEngine(value: string | undefined, allowed: EngineName[] = WAF_ENGINES): EngineName {
  const found = allowed.find((e) => e === value);
  if (!found) throw new Error(`--engine must be one of ${allowed.join(', ')} (got ${value ?? 'nothing'})`);
  return found;
}
export type Variant = 'none' | 'crs' | 'profile';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CONFORMANCE_DIR = path.join(REPO_ROOT, 'conformance');
/** The tool cache of conformance/cache.sh: $CDK8S_SECURE_AI_CACHE or ~/.cache/cdk8s-secure-ai. */
export const CACHE_DIR = process.env.CDK8S_SECURE_AI_CACHE || path.join(os.homedir(), '.cache', 'cdk8s-secure-ai');
/** The cache key of a Go tool, as conformance/cache.sh computes it (go.mod, go.sum, *.go). */

export function goToolKey(tool: string): string {
  const dir = path.join(CONFORMANCE_DIR, 'go', tool);
  const files = fs.readdirSync(dir).filter((f) => f === 'go.mod' || f === 'go.sum' || f.endsWith('.go')).sort();
  const h = createHash('sha256');
  for (const f of files) h.update(fs.readFileSync(path.join(dir, f)));
  return h.digest('hex').slice(0, 12);
}

/** A Go tool (conformance/go/<tool>) built by conformance/waf/install.sh. */
export function goToolBinary(tool: string): string {
  return path.join(CACHE_DIR, `${tool}-${goToolKey(tool)}`, tool);
}

/** KEY=VALUE pairs of conformance/versions.env. */
export function readVersions(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of fs.readFileSync(path.join(CONFORMANCE_DIR, 'versions.env'), 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]] = m[2].replace(/^"|"$/g, '');
  }
  return out;
}

/**
 * Where conformance/waf/install.sh builds libmodsecurity (LIBMODSECURITY_DIR of conformance/cache.sh):
 * the version, then 12 hex digits of a SHA-256 over the tarball's checksum and the configure flags.
 */
export function libModSecurityDir(): string {
  const v = readVersions();
  const key = createHash('sha256').update(`${v.LIBMODSECURITY_ORIG_SHA256}\n${v.LIBMODSECURITY_CONFIGURE_FLAGS}\n`).digest('hex').slice(0, 12);
  return path.join(CACHE_DIR, `libmodsecurity-${v.LIBMODSECURITY_VERSION}-${key}`);
}

/** The libmodsecurity version an engine runs: Debian's package, or the build of versions.env. */
export function libModSecurityVersion(engine: EngineName): string {
  if (engine === 'modsecurity') return execFileSync('dpkg-query', ['-W', '-f=${Version}', 'libmodsecurity3']).toString().replace(/-.*/, '');
  return readVersions().LIBMODSECURITY_VERSION;
}

/**
 * conformance/c/msc-cost, built by conformance/waf/install.sh, keyed by its source like the script
 * does: against Debian's libmodsecurity (`modsecurity`), or against the 3.0.14 build.
 */
export function mscCostBinary(engine: EngineName = 'modsecurity'): string {
  const src = fs.readFileSync(path.join(CONFORMANCE_DIR, 'c', 'msc-cost', 'msc-cost.c'));
  const key = createHash('sha256').update(src).digest('hex').slice(0, 12);
  if (engine === 'modsecurity-3.0.14') return path.join(libModSecurityDir(), 'bin', `msc-cost-${key}`);
  return path.join(CACHE_DIR, `msc-cost-${key}`, 'msc-cost');
}

let crsV4: CrsRuleSet | undefined;
/**
 * CRS v4 for the ModSecurity engines: the rule files of the coraza-coreruleset module the Coraza
 * harness embeds (conformance/go/coraza-waf/go.mod), read in place from the Go module cache, so
 * both engine families run the same CRS release.
 */
export function crsV4RuleSet(): CrsRuleSet {
  if (!crsV4) {
    const mod = 'github.com/corazawaf/coraza-coreruleset/v4';
    const out = execFileSync('go', ['mod', 'download', '-json', mod], {
      cwd: path.join(CONFORMANCE_DIR, 'go', 'coraza-waf'), env: { ...process.env, GOFLAGS: '-mod=readonly' }, stdio: 'pipe',
    }).toString();
    const info = JSON.parse(out);
    const dir = path.join(info.Dir, 'rules');
    if (!fs.existsSync(path.join(dir, '@crs-setup.conf.example')) || !fs.existsSync(path.join(dir, '@owasp_crs', 'REQUEST-901-INITIALIZATION.conf'))) {
      throw new Error(`${mod} at ${dir} has no @crs-setup.conf.example or @owasp_crs/REQUEST-901-INITIALIZATION.conf`);
    }
    crsV4 = CrsRuleSet.at(...modSecurityCrsCopy(dir, path.join(CACHE_DIR, `crs-${info.Version}-modsecurity`)));
  }
  return crsV4;
}

/**
 * A SecRule with no action list, as the last rule of a chain: `SecRule TX:EARLY_BLOCKING "@eq 1"`.
 * libmodsecurity's lexer reads the next line as its actions unless an empty line follows (the
 * module's rule files have their comments and empty lines removed).
 */
const RULE_WITHOUT_ACTIONS = /^\s*SecRule\s+\S+\s+"[^"]*"\s*$/;

/**
 * The module's CRS as libmodsecurity can read it, made once into `out` (the tool cache, per module
 * version): `crs-setup.conf` and `rules/`, the module's files byte for byte except an empty line after each
 * rule without an action list. Two more reasons for a copy: libmodsecurity ends an Include path at
 * '@', which the module cache path ("v4@v4.x.y") and the module's file names have.
 * Returns [setup file, rules folder].
 */
export function modSecurityCrsCopy(moduleRulesDir: string, out: string): [string, string] {
  const setup = path.join(out, 'crs-setup.conf');
  const rules = path.join(out, 'rules');
  if (!fs.existsSync(path.join(out, '.complete'))) {
    const tmp = fs.mkdtempSync(`${out}.tmp-`);
    fs.copyFileSync(path.join(moduleRulesDir, '@crs-setup.conf.example'), path.join(tmp, 'crs-setup.conf'));
    fs.mkdirSync(path.join(tmp, 'rules'));
    const src = path.join(moduleRulesDir, '@owasp_crs');
    for (const f of fs.readdirSync(src)) {
      const text = fs.readFileSync(path.join(src, f), 'utf8');
      const fixed = f.endsWith('.conf') ? text.split('\n').map((l) => (RULE_WITHOUT_ACTIONS.test(l) ? `${l}\n` : l)).join('\n') : text;
      fs.writeFileSync(path.join(tmp, 'rules', f), fixed);
    }
    fs.writeFileSync(path.join(tmp, '.complete'), `${moduleRulesDir}\n`);
    fs.rmSync(out, { recursive: true, force: true });
    try { fs.renameSync(tmp, out); } catch { fs.rmSync(tmp, { recursive: true, force: true }); /* made by another run */ }
  }
  return [setup, rules];
}

/** The whole CRS v4 at its defaults, as ModSecurity Include lines (no exclusion files: v4 ships them as plugins). */
export function crsV4Includes(): string[] {
  const crs = crsV4RuleSet();
  return [`Include ${crs.setupFile}`, `Include ${crs.rulesDir}/*.conf`];
}

export function corazaBinary(): string {
  return goToolBinary('coraza-waf');
}

/**
 * The arguments of the Coraza harness's `-cost` mode (Coraza's CPU time per request in-process, no
 * HTTP) for a Coraza harness engine, with the operators that engine registers, so that the figures
 * are of the engine named: `<host> <body.json> <requests> <rounds> <rules.conf>...` follow.
 */
export function corazaCostArgs(engine: EngineName, positional: string[]): string[] {
  const operators = CORAZA_HARNESS_OPERATORS[engine];
  if (!operators) throw new Error(`${engine} is not a Coraza harness engine`);
  return ['-cost', '-operators', operators, ...positional];
}

/**
 * The result lines of the harness's `-cost` mode, split at spaces (`<µs per request> <blocked> <rules file>`),
 * once its first line (`coraza-waf cost operators=... rx=...`) shows @rx ran on the engine's regex engine.
 */
export function corazaCostRows(engine: EngineName, output: string): string[][] {
  const [first, ...rest] = output.trim().split('\n');
  checkHarnessRxEngine(engine, first);
  return rest.map((l) => l.split(' '));
}

/**
 * The engine alone, in-process, on one request body against each rules file, one row per file
 * (`<µs per request> <blocked> <rules file>`): libmodsecurity with conformance/c/msc-cost (wall time,
 * best of `rounds`), a Coraza harness engine with the harness's `-cost` mode and its operators
 * (CPU time, best of `rounds`). Both built by conformance/waf/install.sh. `transactionIdPrefix` starts
 * every transaction id, as ingress-nginx's `modsecurity-transaction-id` does for a location (default:
 * the tool's own ids).
 */
export function inProcessCost(engine: EngineName, host: string, body: string, requests: number, rounds: number, files: string[],
  transactionIdPrefix?: string): string[][] {
  const positional = [host, body, String(requests), String(rounds), ...files];
  const env = { ...process.env, COST_TRANSACTION_ID_PREFIX: transactionIdPrefix ?? '' };
  // stderr discarded: libmodsecurity writes every CRS match there when no log callback is set (megabytes on prose).
  const run = (bin: string, args: string[]) => execFileSync(bin, args, { stdio: ['ignore', 'pipe', 'ignore'], env, maxBuffer: 16 * 1024 * 1024 }).toString();
  if (isModSecurity(engine)) return run(mscCostBinary(engine), positional).trim().split('\n').map((l) => l.split(' '));
  return corazaCostRows(engine, run(corazaBinary(), corazaCostArgs(engine, positional)));
}

export interface RunningEngine {
  readonly engine: EngineName;
  readonly variant: Variant;
  readonly port: number;
  readonly dir: string;
  /** Log file with one line per matched rule (`[id "..."]`). */
  readonly errorLog: string;
  /** nginx + libmodsecurity with rules: the libmodsecurity.so nginx has mapped (checked at start). */
  readonly library?: string;
  stop(): Promise<void>;
}

/** Rewrites the CRS Include lines of a profile to where the engine under test has CRS. */
export function mapCrsIncludes(rules: string, target: CrsRuleSet): string {
  const known = [CrsRuleSet.DEBIAN, CrsRuleSet.INGRESS_NGINX, CrsRuleSet.CORAZA_EMBEDDED, CrsRuleSet.CORAZA_PROXY_WASM];
  let out = rules;
  for (const k of known) {
    out = out.split(`Include ${k.setupFile}\n`).join(`Include ${target.setupFile}\n`);
    out = out.split(`Include ${k.rulesDir}/`).join(`Include ${target.rulesDir}/`);
  }
  return out;
}

let nextPort = 18100 + (process.pid % 200) * 4;
function takePorts(): [number, number] {
  const p = nextPort;
  nextPort += 2;
  return [p, p + 1];
}

async function waitForPort(port: number, child: ChildProcess | undefined, what: string): Promise<void> {
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/__waf_ready', method: 'GET', timeout: 1000 }, (res) => {
        res.resume();
        resolve(true);
      });
      req.on('error', () => resolve(false));
      req.on('timeout', () => { req.destroy(); resolve(false); });
      req.end();
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not start on port ${port}`);
}

export interface EngineOptions {
  /** Keep connections to the backend open between requests (as ingress-nginx does). Default true. */
  readonly upstreamKeepalive?: boolean;
}

/** Processes started here, stopped on SIGINT/SIGTERM so that no engine outlives its run. */
const running = new Set<number>();
let handlersInstalled = false;
function track(pid: number): void {
  running.add(pid);
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      for (const p of running) {
        try { process.kill(p, 'SIGKILL'); } catch { /* gone */ }
      }
      process.exit(130);
    });
  }
}

export async function startEngine(engine: EngineName, variant: Variant, profileRules?: string, opts: EngineOptions = {}): Promise<RunningEngine> {
  if (engine === 'coraza-proxy-wasm') return startCorazaProxyWasm(variant, profileRules);
  return isModSecurity(engine) ? startModSecurity(engine, variant, profileRules, opts) : startCoraza(engine, variant, profileRules, opts);
}

/**
 * coraza-proxy-wasm's plugin under the host emulator, configured with `pluginConfig` (the JSON an
 * EnvoyExtensionPolicy's wasm entry carries as `config`), byte for byte.
 */
async function startCorazaProxyWasm(variant: Variant, pluginConfig: string | undefined): Promise<RunningEngine> {
  if (variant !== 'profile' || !pluginConfig) throw new Error('coraza-proxy-wasm runs only a plugin configuration (variant profile)');
  const bin = goToolBinary('coraza-proxy-wasm-host');
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: run conformance/waf/install.sh`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-waf-proxy-wasm-'));
  const [port, backendPort] = takePorts();
  const errorLog = path.join(dir, 'error.log');
  const configFile = path.join(dir, 'plugin-config.json');
  fs.writeFileSync(configFile, pluginConfig);
  const args = ['-listen', `127.0.0.1:${port}`, '-backend', `127.0.0.1:${backendPort}`, '-plugin-config', configFile, '-error-log', errorLog];
  return startHarness(bin, args, { engine: 'coraza-proxy-wasm', variant, port, dir, errorLog });
}

/** The environment nginx runs in: LD_LIBRARY_PATH on the 3.0.14 build for `modsecurity-3.0.14`. */
export function nginxEnv(engine: EngineName): NodeJS.ProcessEnv {
  if (engine === 'modsecurity') return process.env;
  const lib = path.join(libModSecurityDir(), 'lib');
  if (!fs.existsSync(path.join(lib, 'libmodsecurity.so.3'))) throw new Error(`${lib}/libmodsecurity.so.3 is missing: run conformance/waf/install.sh`);
  return { ...process.env, LD_LIBRARY_PATH: lib };
}

/**
 * The libmodsecurity.so.3 a running nginx has mapped, read from /proc/<pid>/maps of its worker
 * (the master loads the module too): the proof of which engine answers.
 */
export function mappedLibModSecurity(masterPid: number): string {
  const children = fs.readFileSync(`/proc/${masterPid}/task/${masterPid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  const libs = new Set<string>();
  for (const pid of [masterPid, ...children.map(Number)]) {
    for (const line of fs.readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n')) {
      const m = /\s(\/\S*libmodsecurity\.so[.0-9]*)$/.exec(line);
      if (m) libs.add(fs.realpathSync(m[1]));
    }
  }
  if (libs.size !== 1) throw new Error(`nginx ${masterPid} maps ${libs.size} libmodsecurity libraries: ${[...libs].join(', ')}`);
  return [...libs][0];
}

async function startModSecurity(engine: EngineName, variant: Variant, profileRules: string | undefined, opts: EngineOptions): Promise<RunningEngine> {
  const keepalive = opts.upstreamKeepalive ?? true;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-waf-nginx-'));
  const [port, backendPort] = takePorts();
  const errorLog = path.join(dir, 'error.log');
  const rulesFile = variant === 'none' ? undefined : writeModSecurityRules(dir, variant, profileRules);
  const modsec = rulesFile ? `modsecurity on; modsecurity_rules_file ${rulesFile};` : '';
  const conf = `
load_module /usr/share/nginx/modules/ngx_http_modsecurity_module.so;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${errorLog} info;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  client_max_body_size 64m;
  client_body_buffer_size 1m;
  upstream backend { server 127.0.0.1:${backendPort};${keepalive ? ' keepalive 32;' : ''} }
  server {
    listen 127.0.0.1:${backendPort};
    location / { default_type application/json; return 200 '{"id":"stand-in","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"ok"}}]}'; }
  }
  server {
    listen 127.0.0.1:${port};
    ${modsec}
    location / {
      ${keepalive ? 'proxy_http_version 1.1; proxy_set_header Connection "";' : ''}
      proxy_pass http://backend;
    }
  }
}
`;
  const confFile = path.join(dir, 'nginx.conf');
  fs.writeFileSync(confFile, conf);
  try {
    execFileSync('nginx', ['-p', dir, '-c', confFile, '-e', errorLog], { stdio: 'pipe', env: nginxEnv(engine) });
  } catch (e: any) {
    throw new Error(`nginx failed to start: ${e.stderr?.toString() ?? e}\n${fs.existsSync(errorLog) ? fs.readFileSync(errorLog, 'utf8').slice(-3000) : ''}`);
  }
  await waitForPort(port, undefined, 'nginx');
  const masterPid = parseInt(fs.readFileSync(path.join(dir, 'nginx.pid'), 'utf8').trim(), 10);
  track(masterPid);
  let mapped: string | undefined;
  if (rulesFile) {
    // Which library answers: the one nginx has mapped, whose file name carries its version
    // (ModSecurity-nginx 1.0.3 logs its own version at startup, not the library's).
    const want = `${engine === 'modsecurity' ? '/usr/lib' : path.join(libModSecurityDir(), 'lib')}/`;
    mapped = mappedLibModSecurity(masterPid);
    const version = libModSecurityVersion(engine);
    if (!mapped.startsWith(want) || !mapped.endsWith(`/libmodsecurity.so.${version}`)) {
      try { process.kill(masterPid, 'SIGKILL'); } catch { /* gone */ }
      throw new Error(`${engine}: nginx maps ${mapped}, not libmodsecurity.so.${version} under ${want}`);
    }
  }
  return {
    engine,
    variant,
    port,
    dir,
    errorLog,
    library: mapped,
    stop: async () => {
      const pid = masterPid;
      running.delete(pid);
      try { process.kill(pid, 'SIGQUIT'); } catch { /* already gone */ }
      for (let i = 0; i < 50; i++) {
        try { process.kill(pid, 0); } catch { removeDir(dir); return; }
        await new Promise((r) => setTimeout(r, 100));
      }
      try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
      removeDir(dir);
    },
  };
}

/**
 * Writes the ModSecurity configuration of a variant into `dir` and returns its path: Debian's
 * recommended configuration with CRS at its defaults (`crs`), or the profile (`profile`).
 */
export function writeModSecurityRules(dir: string, variant: 'crs' | 'profile', profileRules?: string): string {
  const rulesFile = path.join(dir, 'modsecurity.conf');
  if (variant === 'crs') {
    fs.writeFileSync(rulesFile, [
      '# Debian\'s recommended ModSecurity configuration and OWASP CRS v4 with its crs-setup defaults.',
      'Include /etc/nginx/modsecurity.conf',
      'SecRuleEngine On',
      '# Debian\'s default SecRequestBodyNoFilesLimit is 128 KiB: raised so the 128 KB request is inspected, not refused.',
      'SecRequestBodyNoFilesLimit 1048576',
      `SecAuditLog ${path.join(dir, 'audit.log')}`,
      ...crsV4Includes(),
      '',
    ].join('\n'));
    return rulesFile;
  }
  if (!profileRules) throw new Error('profile rules are required');
  const profileFile = path.join(dir, 'llm-waf.conf');
  fs.writeFileSync(profileFile, mapCrsIncludes(profileRules, crsV4RuleSet()));
  fs.writeFileSync(rulesFile, [
    `SecAuditLog ${path.join(dir, 'audit.log')}`,
    'SecAuditLogType Serial',
    'SecTmpDir /tmp/',
    'SecDataDir /tmp/',
    // Marker for go-ftw: logs the X-CRS-Test header so the runner can find each test's lines.
    'SecRule REQUEST_HEADERS:X-CRS-Test "@rx ^.*$" "id:999999,phase:1,pass,t:none,log,msg:\'X-CRS-Test %{MATCHED_VAR}\'"',
    `Include ${profileFile}`,
    '',
  ].join('\n'));
  return rulesFile;
}

/**
 * The rules file the Coraza engines load for a variant, written in `dir`: for `profile`, the
 * profile (its CRS includes mapped to the embedded tree) behind a go-ftw marker rule; for `crs`,
 * Coraza's recommended configuration and CRS v4 at its defaults (what the harness's crs mode runs).
 */
export function writeCorazaRules(dir: string, variant: 'crs' | 'profile', profileRules?: string): string {
  const rulesFile = path.join(dir, 'coraza.conf');
  if (variant === 'crs') {
    fs.writeFileSync(rulesFile, 'Include @coraza.conf-recommended\nSecRuleEngine On\nInclude @crs-setup.conf.example\nInclude @owasp_crs/*.conf\n');
    return rulesFile;
  }
  if (!profileRules) throw new Error('profile rules are required');
  const profileFile = path.join(dir, 'llm-waf.conf');
  fs.writeFileSync(profileFile, mapCrsIncludes(profileRules, CrsRuleSet.CORAZA_EMBEDDED));
  fs.writeFileSync(rulesFile, [
    `SecAuditLog ${path.join(dir, 'audit.log')}`,
    'SecRule REQUEST_HEADERS:X-CRS-Test "@rx ^.*$" "id:999999,phase:1,pass,t:none,log,msg:\'X-CRS-Test %{MATCHED_VAR}\'"',
    `Include ${profileFile}`,
    '',
  ].join('\n'));
  return rulesFile;
}

/** Removes an engine's temporary folder (kept when WAF_KEEP_TMP is set, for debugging). */
function removeDir(dir: string): void {
  if (!process.env.WAF_KEEP_TMP) fs.rmSync(dir, { recursive: true, force: true });
}

/** Starts a Go harness (Coraza, or coraza-proxy-wasm's plugin) listening on `engine.port`, and stops it with its folder. */
async function startHarness(bin: string, args: string[], engine: Omit<RunningEngine, 'stop'>): Promise<RunningEngine> {
  const out = fs.openSync(path.join(engine.dir, 'harness.log'), 'a');
  const child = spawn(bin, args, { stdio: ['ignore', out, out] });
  if (child.pid) track(child.pid);
  try {
    await waitForPort(engine.port, child, path.basename(bin));
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${e}\n${fs.readFileSync(path.join(engine.dir, 'harness.log'), 'utf8').slice(-3000)}`);
  }
  try {
    checkHarnessRxEngine(engine.engine, fs.readFileSync(path.join(engine.dir, 'harness.log'), 'utf8'));
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return {
    ...engine,
    stop: async () => {
      if (child.pid) running.delete(child.pid);
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      removeDir(engine.dir);
    },
  };
}

async function startCoraza(engine: EngineName, variant: Variant, profileRules: string | undefined, opts: EngineOptions): Promise<RunningEngine> {
  const operators = CORAZA_HARNESS_OPERATORS[engine];
  if (!operators) throw new Error(`${engine} is not a Coraza harness engine`);
  const bin = corazaBinary();
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: run conformance/waf/install.sh`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-waf-coraza-'));
  const [port, backendPort] = takePorts();
  const errorLog = path.join(dir, 'error.log');
  const args = ['-listen', `127.0.0.1:${port}`, '-backend', `127.0.0.1:${backendPort}`, '-mode', variant, '-error-log', errorLog,
    `-backend-keepalive=${opts.upstreamKeepalive ?? true}`, '-operators', operators];
  if (variant === 'profile') args.push('-rules', writeCorazaRules(dir, variant, profileRules));
  return startHarness(bin, args, { engine, variant, port, dir, errorLog });
}
