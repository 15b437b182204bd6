/**
 * Starts the WAF engines on loopback for the corpus evaluation, the benchmark and the
 * CRS regression run: nginx + libmodsecurity 3 (Debian) and the Coraza harness
 * (conformance/go/coraza-waf). Each engine sits in front of a stand-in backend answering 200.
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { CrsRuleSet } from '../../src/waf';

/**
 * `coraza-proxy-wasm`: coraza-proxy-wasm's plugin code run natively under the proxy-wasm host
 * emulator (conformance/go/coraza-proxy-wasm-host); its "rules" are the plugin configuration (JSON).
 */
export type EngineName = 'modsecurity' | 'coraza' | 'coraza-proxy-wasm';
export type Variant = 'none' | 'crs' | 'profile';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CONFORMANCE_DIR = path.join(REPO_ROOT, 'conformance');
/** The tool cache of conformance/cache.sh: $CDK8S_SECURE_AI_CACHE or ~/.cache/cdk8s-secure-ai. */
export const CACHE_DIR = process.env.CDK8S_SECURE_AI_CACHE || path.join(os.homedir(), '.cache', 'cdk8s-secure-ai');
/** The cache key of a Go tool, as conformance/cache.sh computes it (go.mod, go.sum, *.go). */
/** Debian's owasp-crs.load, spelled out (libmodsecurity 3 has no IncludeOptional): the whole CRS 3. */
export const DEBIAN_CRS_INCLUDES = [
  'Include /etc/modsecurity/crs/crs-setup.conf',
  'Include /etc/modsecurity/crs/REQUEST-900-EXCLUSION-RULES-BEFORE-CRS.conf',
  'Include /usr/share/modsecurity-crs/rules/*.conf',
  'Include /etc/modsecurity/crs/RESPONSE-999-EXCLUSION-RULES-AFTER-CRS.conf',
];

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

/** conformance/c/msc-cost, built by conformance/waf/install.sh, keyed by its source like the script does. */
export function mscCostBinary(): string {
  const src = fs.readFileSync(path.join(CONFORMANCE_DIR, 'c', 'msc-cost', 'msc-cost.c'));
  return path.join(CACHE_DIR, `msc-cost-${createHash('sha256').update(src).digest('hex').slice(0, 12)}`, 'msc-cost');
}

export function corazaBinary(): string {
  return goToolBinary('coraza-waf');
}

export interface RunningEngine {
  readonly engine: EngineName;
  readonly variant: Variant;
  readonly port: number;
  readonly dir: string;
  /** Log file with one line per matched rule (`[id "..."]`). */
  readonly errorLog: string;
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
  return engine === 'modsecurity' ? startModSecurity(variant, profileRules, opts) : startCoraza(variant, profileRules, opts);
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

async function startModSecurity(variant: Variant, profileRules: string | undefined, opts: EngineOptions): Promise<RunningEngine> {
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
    execFileSync('nginx', ['-p', dir, '-c', confFile, '-e', errorLog], { stdio: 'pipe' });
  } catch (e: any) {
    throw new Error(`nginx failed to start: ${e.stderr?.toString() ?? e}\n${fs.existsSync(errorLog) ? fs.readFileSync(errorLog, 'utf8').slice(-3000) : ''}`);
  }
  await waitForPort(port, undefined, 'nginx');
  const masterPid = parseInt(fs.readFileSync(path.join(dir, 'nginx.pid'), 'utf8').trim(), 10);
  track(masterPid);
  return {
    engine: 'modsecurity',
    variant,
    port,
    dir,
    errorLog,
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
      '# Debian defaults: recommended ModSecurity configuration and OWASP CRS with its crs-setup defaults.',
      'Include /etc/nginx/modsecurity.conf',
      'SecRuleEngine On',
      '# Debian\'s default SecRequestBodyNoFilesLimit is 128 KiB: raised so the 128 KB request is inspected, not refused.',
      'SecRequestBodyNoFilesLimit 1048576',
      `SecAuditLog ${path.join(dir, 'audit.log')}`,
      ...DEBIAN_CRS_INCLUDES,
      '',
    ].join('\n'));
    return rulesFile;
  }
  if (!profileRules) throw new Error('profile rules are required');
  const profileFile = path.join(dir, 'llm-waf.conf');
  fs.writeFileSync(profileFile, mapCrsIncludes(profileRules, CrsRuleSet.DEBIAN));
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

async function startCoraza(variant: Variant, profileRules: string | undefined, opts: EngineOptions): Promise<RunningEngine> {
  const bin = corazaBinary();
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: run conformance/waf/install.sh`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-waf-coraza-'));
  const [port, backendPort] = takePorts();
  const errorLog = path.join(dir, 'error.log');
  const args = ['-listen', `127.0.0.1:${port}`, '-backend', `127.0.0.1:${backendPort}`, '-mode', variant, '-error-log', errorLog,
    `-backend-keepalive=${opts.upstreamKeepalive ?? true}`];
  if (variant === 'profile') {
    if (!profileRules) throw new Error('profile rules are required');
    const profileFile = path.join(dir, 'llm-waf.conf');
    fs.writeFileSync(profileFile, mapCrsIncludes(profileRules, CrsRuleSet.CORAZA_EMBEDDED));
    const rulesFile = path.join(dir, 'coraza.conf');
    fs.writeFileSync(rulesFile, [
      `SecAuditLog ${path.join(dir, 'audit.log')}`,
      'SecRule REQUEST_HEADERS:X-CRS-Test "@rx ^.*$" "id:999999,phase:1,pass,t:none,log,msg:\'X-CRS-Test %{MATCHED_VAR}\'"',
      `Include ${profileFile}`,
      '',
    ].join('\n'));
    args.push('-rules', rulesFile);
  }
  return startHarness(bin, args, { engine: 'coraza', variant, port, dir, errorLog });
}
