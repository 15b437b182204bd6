/**
 * The composed WAF rules of a shared ingress-nginx controller, on real engines (run by
 * `npm run waf:test`; alone: `ts-node -P tsconfig.dev.json conformance/waf/shared-edge.ts`).
 *
 * Synthesises `examples/platform-shared-edge` (three endpoints on one controller), takes the
 * composed rules and the controller settings from `secure-ai-controllers.k8s.yaml` and the
 * Ingresses from the endpoints' charts, and runs them as the controller runs them:
 *
 * - nginx + libmodsecurity: the controller's `modsecurity-snippet` at http level, one `server`
 *   per endpoint host with a location per Ingress path (its transaction id, and the CRS when the
 *   Ingress turns on `enable-owasp-core-rules`, as ingress-nginx renders them), an ACME solver
 *   location and a catch-all; a host that belongs to no one; a tenant with its own CRS toggle.
 * - Coraza: the same rules file in the harness, which tells hosts apart by the Host header; the
 *   CRS loaded after it (with the prompt-field exclusions after the CRS: Coraza applies them to
 *   rules loaded before, libmodsecurity at run time wherever the CRS is).
 *
 * Every endpoint host blocks the attack corpus and passes the benign one; the foreign host
 * answers everything (any path and method, form and JSON bodies, the attack corpus, an upload
 * over 10 MiB) from the backend; ACME HTTP-01 passes on every endpoint host; a body over an
 * endpoint's limit is refused on its host; the tenant's CRS loads, reloads and still detects.
 */
import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { CorpusCase, CorpusRequest, loadCorpus, resolveCorpus } from './corpus';
import { corazaBinary, DEBIAN_CRS_INCLUDES, REPO_ROOT } from './engines';
import { pool, send } from './send';

const EXAMPLE = 'platform-shared-edge';
const FOREIGN_HOST = 'shop.other-tenant.example.org';
const TENANT_HOST = 'app.tenant-crs.example.org';
/** A server with ModSecurity off: what nginx answers on its own (e.g. 400 for a path above the root). */
const CONTROL_HOST = 'control.no-waf.example.org';
const RULES_PATH = '/etc/nginx/llm-waf/llm-waf.conf';
const BASE_CONFIG = '/etc/nginx/modsecurity/modsecurity.conf';
const ANN = 'nginx.ingress.kubernetes.io/';

interface IngressRoute { hosts: string[]; paths: Array<{ path: string; pathType: string }>; annotations: { [k: string]: string } }
interface SharedEdge { rules: string; snippet: string; ingresses: IngressRoute[]; limits: { [host: string]: number } }

export interface SharedEdgeResult { lines: string[]; misses: string[] }

/** Reads the example's synthesised manifests (synthesising them first). */
function loadExample(): SharedEdge {
  execFileSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'ts-node'), ['-P', path.join(REPO_ROOT, 'tsconfig.dev.json'),
    path.join(REPO_ROOT, 'scripts', 'synth-examples.ts'), EXAMPLE], { cwd: REPO_ROOT, stdio: 'pipe' });
  const dir = path.join(REPO_ROOT, 'dist', 'examples', EXAMPLE);
  const docs = fs.readdirSync(dir).filter((f) => f.endsWith('.k8s.yaml')).sort()
    .flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map((d) => d.toJS() as any));
  const rulesMaps = docs.filter((o) => o?.kind === 'ConfigMap' && o.metadata?.labels?.['secure-ai.cdk8s.io/waf-profile'] === 'llm');
  if (rulesMaps.length !== 1) throw new Error(`expected one composed rules ConfigMap in ${dir}, found ${rulesMaps.length}`);
  const controller = docs.find((o) => o?.kind === 'ConfigMap' && o.metadata?.name === 'ingress-nginx-controller');
  const snippet: string | undefined = controller?.data?.['modsecurity-snippet'];
  if (!snippet || !snippet.includes(RULES_PATH)) throw new Error(`the controller ConfigMap has no modsecurity-snippet including ${RULES_PATH}`);
  const ingresses: IngressRoute[] = docs.filter((o) => o?.kind === 'Ingress').map((o) => ({
    hosts: o.spec.rules.map((r: any) => r.host),
    paths: o.spec.rules[0].http.paths.map((p: any) => ({ path: p.path, pathType: p.pathType })),
    annotations: o.metadata.annotations ?? {},
  }));
  const limits: { [host: string]: number } = {};
  for (const m of (rulesMaps[0].data['llm-waf.conf'] as string).matchAll(/"@rx \^\(\?:([^)]*)\)\\\.\?[^"]*" \\\n(?:[^\n]*\n){6}\s*setvar:tx\.llm_group=\d+,\\\n\s*setvar:tx\.llm_body_limit=(\d+)/g)) {
    for (const h of m[1].split('|')) limits[h.replace(/\\/g, '')] = Number(m[2]);
  }
  return { rules: rulesMaps[0].data['llm-waf.conf'], snippet, ingresses, limits };
}

function ports(): [number, number] {
  const p = 18700 + (process.pid % 100) * 4;
  return [p, p + 1];
}

/** The ingress-nginx stand-in: http-level snippet, servers and locations as the controller renders them. */
function nginxConf(dir: string, edge: SharedEdge, port: number, backend: number): string {
  const crsFile = path.join(dir, 'nginx-modsecurity.conf');
  // What ingress-nginx's image has at /etc/nginx/owasp-modsecurity-crs/nginx-modsecurity.conf, from Debian's CRS.
  fs.writeFileSync(crsFile, [...DEBIAN_CRS_INCLUDES, ''].join('\n'));
  // The controller's default ModSecurity configuration (Debian's recommended one), logs in the work dir.
  const base = fs.readFileSync('/etc/nginx/modsecurity.conf', 'utf8')
    .replace(/^SecAuditLog .*$/m, `SecAuditLog ${path.join(dir, 'audit.log')}`)
    .replace(/^SecUnicodeMapFile unicode\.mapping/m, 'SecUnicodeMapFile /etc/nginx/unicode.mapping');
  fs.writeFileSync(path.join(dir, 'modsecurity.conf'), base);
  fs.writeFileSync(path.join(dir, 'llm-waf.conf'), edge.rules.split(`Include ${BASE_CONFIG}\n`).join(`Include ${path.join(dir, 'modsecurity.conf')}\n`));
  const snippet = edge.snippet.split(RULES_PATH).join(path.join(dir, 'llm-waf.conf'));
  const proxy = `proxy_pass http://127.0.0.1:${backend};`;
  const servers: string[] = [];
  for (const ing of edge.ingresses) {
    const a = ing.annotations;
    for (const host of ing.hosts) {
      const locations = ing.paths.map((p) => {
        const modsec = [
          a[`${ANN}enable-owasp-core-rules`] === 'true' ? `modsecurity_rules_file ${crsFile};` : '',
          a[`${ANN}modsecurity-transaction-id`] ? `modsecurity_transaction_id "${a[`${ANN}modsecurity-transaction-id`]}";` : '',
        ].join(' ');
        return `location ${p.pathType === 'Exact' ? '= ' : ''}${p.path} { ${modsec} ${proxy} }`;
      });
      servers.push(`server { listen 127.0.0.1:${port}; server_name ${host};
    ${locations.join('\n    ')}
    location /.well-known/acme-challenge/ { ${proxy} }
    location / { ${proxy} } }`);
    }
  }
  servers.push(`server { listen 127.0.0.1:${port}; server_name ${FOREIGN_HOST}; location / { ${proxy} } }`);
  servers.push(`server { listen 127.0.0.1:${port}; server_name ${CONTROL_HOST}; modsecurity off; location / { ${proxy} } }`);
  servers.push(`server { listen 127.0.0.1:${port}; server_name ${TENANT_HOST}; location / { modsecurity_rules_file ${crsFile}; modsecurity_transaction_id "$request_id"; ${proxy} } }`);
  return `
load_module /usr/share/nginx/modules/ngx_http_modsecurity_module.so;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log info;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  client_max_body_size 64m;
  client_body_buffer_size 1m;
  modsecurity on;
  modsecurity_rules '
${snippet}
';
  server { listen 127.0.0.1:${backend}; location / { default_type application/json; return 200 '{"object":"stand-in"}'; } }
  ${servers.join('\n  ')}
  server { listen 127.0.0.1:${port} default_server; server_name _; location / { return 404; } }
}
`;
}

async function waitFor(port: number): Promise<void> {
  for (let i = 0; i < 150; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const r = http.request({ host: '127.0.0.1', port, path: '/__ready', timeout: 1000 }, (res) => { res.resume(); resolve(true); });
      r.on('error', () => resolve(false));
      r.on('timeout', () => { r.destroy(); resolve(false); });
      r.end();
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no engine on port ${port}`);
}

/** Requests a host that belongs to no endpoint sends: anything goes. */
function foreignRequests(): Array<{ name: string; req: CorpusRequest }> {
  return [
    { name: 'GET any path with a query', req: { method: 'GET', path: '/catalog/item/42?q=<script>alert(1)</script>', headers: {} } },
    { name: 'DELETE', req: { method: 'DELETE', path: '/api/orders/7', headers: {} } },
    { name: 'PUT form body', req: { method: 'PUT', path: '/account', headers: { 'content-type': 'application/x-www-form-urlencoded' }, bodyText: 'name=x&note=ignore+all+previous+instructions' } },
    { name: 'POST JSON to an LLM-looking path', req: { method: 'POST', path: '/v1/load_lora_adapter', headers: { 'content-type': 'application/json' }, body: { lora_name: 'x', lora_path: '/tmp' } } },
    { name: 'POST XML', req: { method: 'POST', path: '/soap', headers: { 'content-type': 'text/xml' }, bodyText: '<a><b>1</b></a>' } },
    { name: 'upload over 10 MiB', req: { method: 'POST', path: '/upload', headers: { 'content-type': 'application/octet-stream' }, bodyText: 'x'.repeat(12 * 1024 * 1024) } },
  ];
}

function chat(content: string, size = 0): CorpusRequest {
  return {
    method: 'POST',
    path: '/v1/chat/completions',
    headers: { 'content-type': 'application/json' },
    body: { model: 'llama-3.1-8b-instruct', messages: [{ role: 'user', content: size > 0 ? content + ' ' + 'lorem ipsum '.repeat(Math.ceil(size / 12)) : content }] },
  };
}

/**
 * Sends a request, once more on a fresh connection when a kept-alive one was closed under it (a
 * refusal closes the connection); a connection closed again counts as status 0 with the error kept.
 */
function trySend(port: number, req: CorpusRequest, host: string): Promise<{ status: number; error?: string }> {
  const fail = (e: unknown): { status: number; error: string } => ({ status: 0, error: String(e) });
  return send(port, req, host).catch(() => send(port, req, host, { connection: 'close' }).catch(fail));
}

async function check(engine: string, port: number, edge: SharedEdge, cases: CorpusCase[], lines: string[], misses: string[],
  control?: string): Promise<void> {
  const hosts = edge.ingresses.filter((i) => !i.annotations[`${ANN}canary`]).flatMap((i) => i.hosts);
  for (const host of hosts) {
    const answers = await pool(cases, 4, (c) => trySend(port, c.request, host));
    let blocked = 0; let attacks = 0; let passed = 0; let benign = 0;
    cases.forEach((c, i) => {
      const refused = answers[i].status >= 400 && answers[i].status < 500;
      if (c.expect === 'block') {
        attacks++;
        if (refused) blocked++;
        else misses.push(`[${engine}] ${host}: attack ${c.id} not refused (${answers[i].status}${answers[i].error ? ` ${answers[i].error}` : ''})`);
      }
      if (c.expect === 'pass') { benign++; if (answers[i].status === 200) passed++; else misses.push(`[${engine}] ${host}: benign ${c.id} got ${answers[i].status}`); }
    });
    const acme = await send(port, { method: 'GET', path: '/.well-known/acme-challenge/x', headers: {} }, host);
    if (acme.status !== 200) misses.push(`[${engine}] ${host}: /.well-known/acme-challenge/x got ${acme.status}`);
    const limit = edge.limits[host];
    // Refused in phase 1, before the body is read: the engine may close the connection while it is sent.
    const big = limit ? await trySend(port, chat('Summarise this.', limit + 1024), host) : { status: 0 };
    const refusedEarly = 'error' in big && /EPIPE|ECONNRESET/.test(String(big.error));
    if (!(big.status >= 400 && big.status < 500) && !refusedEarly) misses.push(`[${engine}] ${host}: a body over the endpoint's ${limit} bytes got ${big.status}`);
    if (process.env.WAF_VERBOSE) console.log(`[${engine}] ${host} done`);
    lines.push(`[${engine}] ${host}: attacks blocked ${blocked}/${attacks}; benign passed ${passed}/${benign}; acme ${acme.status}; body over ${limit} B ${refusedEarly ? 'connection closed before the body was read' : big.status}`);
  }
  // The Coraza harness (Go's net/http) stalls on a body beyond its limit in ProcessPartial mode: not checked there (reported).
  const foreignCases = [...cases.map((c) => ({ name: c.id, req: c.request })), ...foreignRequests().filter((r) => control || !r.name.startsWith('upload'))];
  const answers = await pool(foreignCases, 4, (c) => trySend(port, c.req, FOREIGN_HOST));
  const expected = control ? await pool(foreignCases, 4, (c) => trySend(port, c.req, control)) : foreignCases.map(() => ({ status: 200 }));
  let ok = 0;
  let backend = 0;
  foreignCases.forEach((c, i) => {
    if (answers[i].status === 200) backend++;
    // Without a control server, not refused is what counts (Go's server redirects dot segments itself: 307).
    if (control ? answers[i].status === expected[i].status : answers[i].status >= 200 && answers[i].status < 400) ok++;
    else misses.push(`[${engine}] ${FOREIGN_HOST}: ${c.name} got ${answers[i].status}${answers[i].error ? ` ${answers[i].error}` : ''} (${control ? 'the server without WAF answers' : 'expected the backend\'s'} ${expected[i].status})`);
  });
  lines.push(`[${engine}] ${FOREIGN_HOST} (no endpoint's): ${ok}/${foreignCases.length} answered as ${control ? 'by a server without WAF' : 'by the backend'}, `
    + `${backend} of them by the backend (attack and benign corpora, any path and method, form, XML and JSON bodies${control ? ', a 12 MiB upload' : ''})`);
}

async function runNginx(edge: SharedEdge, cases: CorpusCase[], lines: string[], misses: string[]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-waf-shared-edge-'));
  // nginx's workers (another user when started as root) write request bodies under it.
  fs.chmodSync(dir, 0o777);
  const [port, backend] = ports();
  const confFile = path.join(dir, 'nginx.conf');
  fs.writeFileSync(confFile, nginxConf(dir, edge, port, backend));
  const test = (): string => {
    try {
      return execFileSync('nginx', ['-t', '-p', dir, '-c', confFile, '-e', path.join(dir, 'error.log')], { stdio: 'pipe' }).toString() || 'ok';
    } catch (e: any) {
      throw new Error(`nginx -t failed: ${e.stderr?.toString() ?? e}`);
    }
  };
  test();
  execFileSync('nginx', ['-p', dir, '-c', confFile, '-e', path.join(dir, 'error.log')], { stdio: 'pipe' });
  const pid = (): number => parseInt(fs.readFileSync(path.join(dir, 'nginx.pid'), 'utf8').trim(), 10);
  const master = pid();
  try {
    await waitFor(port);
    // A reload, as the controller does on every change, with the tenant's CRS beside ours.
    execFileSync('nginx', ['-s', 'reload', '-p', dir, '-c', confFile, '-e', path.join(dir, 'error.log')], { stdio: 'pipe' });
    await new Promise((r) => setTimeout(r, 500));
    lines.push(`[modsecurity] nginx -t and reload with the composed rules at http level and the tenant's own CRS: ok (${edge.ingresses.length} Ingresses)`);
    await check('modsecurity', port, edge, cases, lines, misses, CONTROL_HOST);
    // The tenant's CRS still runs on its host (in the controller's default DetectionOnly mode: logged, not refused).
    const probe = `/tenant-probe-${Date.now()}`;
    const t = await send(port, { method: 'GET', path: `${probe}?id=1%27%20or%201%3D1%20union%20select%20password%20from%20users--`, headers: {} }, TENANT_HOST);
    await new Promise((r) => setTimeout(r, 300));
    const log = fs.readFileSync(path.join(dir, 'error.log'), 'utf8').split('\n').filter((l) => l.includes(probe));
    const crsHit = log.some((l) => /\[id "942\d{3}"\]/.test(l));
    const oursHit = log.some((l) => /\[id "74\d{5}"\]/.test(l));
    if (t.status !== 200 || !crsHit || oursHit) misses.push(`[modsecurity] ${TENANT_HOST}: tenant's CRS (status ${t.status}, CRS SQLi match logged: ${crsHit}, any of our rules: ${oursHit})`);
    lines.push(`[modsecurity] ${TENANT_HOST} (tenant with its own CRS): SQLi probe answered ${t.status}, its CRS logged it: ${crsHit}, our rules silent: ${!oursHit}`);
  } finally {
    try { process.kill(master, 'SIGQUIT'); } catch { /* gone */ }
    for (let i = 0; i < 50; i++) {
      try { process.kill(master, 0); } catch { break; }
      await new Promise((r) => setTimeout(r, 100));
    }
    if (!process.env.WAF_KEEP_TMP) fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function runCoraza(edge: SharedEdge, cases: CorpusCase[], lines: string[], misses: string[]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-waf-shared-edge-coraza-'));
  const [port, backend] = ports();
  const updates = edge.rules.split('\n').filter((l) => l.startsWith('SecRuleUpdateTargetByTag '));
  fs.writeFileSync(path.join(dir, 'llm-waf.conf'), edge.rules.split(`Include ${BASE_CONFIG}\n`).join('Include @coraza.conf-recommended\n'));
  // Our Ingresses' CRS (CRS v4 embedded in the harness), after the composed rules as in a location.
  fs.writeFileSync(path.join(dir, 'coraza.conf'), [
    `Include ${path.join(dir, 'llm-waf.conf')}`,
    'Include @crs-setup.conf.example',
    'Include @owasp_crs/*.conf',
    ...updates,
    '',
  ].join('\n'));
  const out = fs.openSync(path.join(dir, 'harness.log'), 'a');
  const child = spawn(corazaBinary(), ['-listen', `127.0.0.1:${port}`, '-backend', `127.0.0.1:${backend}`, '-mode', 'profile',
    '-rules', path.join(dir, 'coraza.conf'), '-error-log', path.join(dir, 'error.log')], { stdio: ['ignore', out, out] });
  try {
    await waitFor(port);
    await check('coraza', port, edge, cases, lines, misses);
  } catch (e) {
    throw new Error(`${e}\n${fs.readFileSync(path.join(dir, 'harness.log'), 'utf8').slice(-2000)}`);
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    if (!process.env.WAF_KEEP_TMP) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the shared-edge checks on both engines. */
export async function sharedEdge(): Promise<SharedEdgeResult> {
  const edge = loadExample();
  const cases = [...loadCorpus(resolveCorpus('ai-attacks.jsonl')), ...loadCorpus(resolveCorpus('benign-llm.jsonl'))];
  const lines: string[] = [];
  const misses: string[] = [];
  lines.push(`composed rules: ${Buffer.byteLength(edge.rules)} bytes for ${edge.ingresses.length} Ingresses; hosts and limits ${JSON.stringify(edge.limits)}`);
  const engines = (process.env.WAF_SHARED_EDGE_ENGINES ?? 'modsecurity,coraza').split(',');
  if (engines.includes('modsecurity')) await runNginx(edge, cases, lines, misses);
  if (engines.includes('coraza')) await runCoraza(edge, cases, lines, misses);
  return { lines, misses };
}

if (require.main === module) {
  sharedEdge().then((r) => {
    for (const l of r.lines) console.log(l);
    for (const m of r.misses) console.log(`miss: ${m}`);
    if (r.misses.length > 0) process.exitCode = 1;
  }).catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(2); });
}
