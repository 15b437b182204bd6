/**
 * The `envoy:` section of an intent file: what the `envoy` check needs to prove an example's
 * Gateway API objects on a real Envoy (conformance/suite/checks/envoy.ts). It declares the
 * stand-ins for what the example relies on and does not create (the platform's Gateway), the key material the check generates, and the
 * request matrix with the answer each request must get.
 */
import { SESSION_KINDS, SessionKind } from './envoy-oidc';

/** A certificate the check generates (self-signed, on the fly) as a `kubernetes.io/tls` Secret. */
export interface GeneratedCertificate {
  /** The Secret the stand-in Gateway's listener references, `<namespace>/<name>`. */
  readonly secret: string;
  /** The DNS names it is valid for. */
  readonly hosts: string[];
}

/** An RSA signing key the check generates; its JWKS goes to the example's JWT provider, if named. */
export interface GeneratedKey {
  readonly name: string;
  /** The key id (`kid`) of its JWKS and tokens. */
  readonly kid: string;
  /**
   * The JWT provider that trusts it, `<namespace>/<SecurityPolicy>/<provider>`: the check serves
   * the JWKS at its `remoteJWKS` URI (loopback only), or puts it in its `localJWKS`. Absent: a key
   * nobody trusts (for forged tokens).
   */
  readonly jwtProvider?: string;
}

/** A JWT the check signs for one request. */
export interface TokenSpec {
  /** The generated key (by name) that signs it. */
  readonly key: string;
  readonly subject?: string;
  readonly audience?: string;
  readonly issuer?: string;
  /** Seconds from now to `exp` (negative: already expired). */
  readonly expiresIn: number;
  /** Other claims, as they are. */
  readonly claims: Record<string, unknown>;
}

/** Whether the TLS handshake of a request must complete or be refused by Envoy. */
export type HandshakeExpectation = 'completed' | 'refused';

/** The TLS versions a client may offer: it offers exactly the one a request names. */
export const TLS_VERSIONS = ['TLSv1.2', 'TLSv1.3'] as const;
export type TlsClientVersion = typeof TLS_VERSIONS[number];

/** Where a redirect must send the client: its Location header. */
export interface LocationExpectation {
  /** The URL without its query: scheme, host, port and path, exactly. */
  readonly url: string;
  /** Query parameters that must be present with exactly these values. */
  readonly query: Record<string, string>;
  /** Scopes the space-separated `scope` parameter must include. */
  readonly scopeIncludes: string[];
}

/** What one request of the matrix must get. */
export interface RequestExpectation {
  /** The HTTP status; 0 when the handshake must be refused (no HTTP answer). */
  readonly status: number;
  /** Default `completed`; `refused`: Envoy must end the TLS handshake (e.g. a version under the listener's minimum). */
  readonly handshake?: HandshakeExpectation;
  /** Whether the stand-in backend must have received it. Default: when the status is below 400. */
  readonly reachesBackend: boolean;
  /** Headers the backend must receive, with these exact values. */
  readonly backendReceives: Record<string, string>;
  /** Headers (lower case) the backend must not receive. */
  readonly backendLacks: string[];
  /** A redirect (3xx): where its Location header must point. Default: not checked. */
  readonly location?: LocationExpectation;
  /** gRPC requests: the grpc-status of the answer (its trailers, or its headers when it has no body). Default: not checked. */
  readonly grpcStatus?: number;
  /** Cookies (by name prefix, e.g. `OauthHMAC`) the answer must clear with `Set-Cookie` (a logout). Default: not checked. */
  readonly clearsCookies?: string[];
}

/** Which certificate the stand-in backend presents for one request (with `envoy.backendTls`). */
export type BackendCertificateKind = 'trusted' | 'other-ca' | 'wrong-name';
const BACKEND_CERTIFICATE_KINDS: BackendCertificateKind[] = ['trusted', 'other-ca', 'wrong-name'];

/**
 * The stand-in backend serves HTTPS, as a model server with `backendTls` does: the check generates
 * a CA, puts its certificate where the example's BackendTLSPolicy reads it, and signs the backend's
 * certificate for `serverNames` with it.
 */
export interface BackendTlsIntent {
  /** The ConfigMap the example's BackendTLSPolicy names, `<namespace>/<name>`: the check writes the CA there (ca.crt). */
  readonly caConfigMap: string;
  /** The DNS names of the backend's certificate (the name the BackendTLSPolicy verifies). */
  readonly serverNames: string[];
}

/** Which client certificate a request presents (with `envoy.clientCertificates`). */
export type ClientCertificateKind = 'trusted' | 'other-ca' | 'none';
const CLIENT_CERTIFICATE_KINDS: ClientCertificateKind[] = ['trusted', 'other-ca', 'none'];

/**
 * The endpoint's listener requires client certificates: the check generates a CA, writes its
 * certificate where the example's ClientTrafficPolicy reads it, and signs a client certificate
 * with it, and another with a CA nobody trusts.
 */
export interface ClientCertificatesIntent {
  /** The object the example's ClientTrafficPolicy names, `ConfigMap` or `Secret`: the check writes the CA there (ca.crt). */
  readonly caKind: 'ConfigMap' | 'Secret';
  /** Its `<namespace>/<name>`. */
  readonly ca: string;
}

export interface EnvoyRequest {
  readonly name: string;
  /**
   * With `envoy.oidc`: the row is sent with session cookies, `login` (the check first logs in
   * through Envoy and the provider and keeps the cookies Envoy set), `forged` (Envoy's cookie
   * names with values of the client's making) or `tampered` (a real session with its expiry
   * changed). Default: no cookie.
   */
  readonly session?: SessionKind;
  readonly method: string;
  readonly path: string;
  /** The Host header (and TLS server name). */
  readonly host: string;
  readonly headers: Record<string, string>;
  readonly token?: TokenSpec;
  /** A JSON body of exactly this many bytes. Default: no body. */
  readonly bodyBytes?: number;
  /** Sent this many times in a row; the expectation is on the last answer. Default 1. */
  readonly repeat: number;
  /**
   * With `envoy.backendTls`: the backend's certificate for this request, `trusted` (signed by the
   * CA for serverNames), `other-ca` (for serverNames, signed by a CA nobody trusts) or `wrong-name`
   * (signed by the CA, for another name). Default `trusted`; absent without backendTls.
   */
  readonly backendCertificate?: BackendCertificateKind;
  /**
   * With `envoy.clientCertificates`: the client certificate the request presents, `trusted` (signed
   * by the CA the listener trusts), `other-ca` (signed by a CA nobody trusts) or `none`. Default
   * `trusted`; absent without clientCertificates.
   */
  readonly clientCertificate?: ClientCertificateKind;
  /** Milliseconds to wait between the repeats of this request (e.g. to stay under a per-address limit while spending a per-identity one). Default 0. */
  readonly repeatPauseMs: number;
  /**
   * The loopback address the request is sent from (any of 127.0.0.0/8), to prove rules by client
   * address. Default: the system's choice (127.0.0.1).
   */
  readonly from?: string;
  /** The only TLS version the client offers. Default: Node's own range (TLS 1.2 and 1.3). */
  readonly tlsVersion?: TlsClientVersion;
  /**
   * The stand-in backend answers with server-sent events, one a second for this many seconds,
   * then `data: [DONE]`; the answer must hold all of them. Default: a plain JSON answer.
   */
  readonly streamSeconds?: number;
  /** Sent alongside the rows that follow instead of before them (a long stream). Default false. */
  readonly concurrent?: boolean;
  /**
   * A gRPC call over HTTP/2 (TLS, ALPN h2): POST to `path` (`/<service>/<method>`) with
   * `content-type: application/grpc`, `te: trailers` and one empty length-prefixed message. The
   * stand-in backend answers gRPC calls with one empty message and grpc-status 0. Default false.
   */
  readonly grpc?: boolean;
  /**
   * A gRPC stream the client keeps open: it sends its one message and does not end its side; the
   * stand-in backend answers each message as it arrives. It holds when the answer's headers and its
   * first message reach the client within GRPC_OPEN_STREAM_SECONDS while the client's side is still
   * open (a gateway that buffers the request until the client half-closes never forwards it). The
   * client then cancels the stream: the answer has no grpc-status. Needs grpc. Default false.
   */
  readonly grpcKeepOpen?: boolean;
  readonly expect: RequestExpectation;
}

export interface EnvoyIntent {
  /** The Gateway listener Envoy serves, `<namespace>/<gateway>/<listener>`. */
  readonly listener: string;
  /**
   * Stand-ins for the objects the example relies on and does not create: the platform's
   * GatewayClass, EnvoyProxy and Gateway with its listeners, their Namespace, a Service it routes to.
   */
  readonly standIns: any[];
  readonly certificates: GeneratedCertificate[];
  readonly keys: GeneratedKey[];
  readonly requests: EnvoyRequest[];
  /** Milliseconds to wait before each request of the matrix (not between repeats), e.g. to stay under a per-second limit. Default 0. */
  readonly pauseMs: number;
  /** The stand-in backend serves HTTPS with a certificate the check signs. Default: plain HTTP. */
  readonly backendTls?: BackendTlsIntent;
  /** The listener requires client certificates from a CA the check generates. Default: none presented. */
  readonly clientCertificates?: ClientCertificatesIntent;
  /**
   * Global (shared) rate limits: the check runs Envoy's rate-limit service and Redis and a second
   * Envoy sharing them, then proves these. Required when the example's limits are global.
   */
  readonly globalLimits?: GlobalLimitsIntent;
  /** An OIDC login: the check serves the provider the SecurityPolicy names on loopback. Required when the example has one. */
  readonly oidc?: OidcIntent;
}

/** The identity provider the check serves for an example's OIDC SecurityPolicy. */
export interface OidcIntent {
  /** The SecurityPolicy with the `oidc` section, `<namespace>/<name>`. */
  readonly securityPolicy: string;
  /** The client secret the provider registered for the policy's client (the stand-in Secret must hold the same). */
  readonly clientSecret: string;
  /** The generated key (by name) that signs its tokens. */
  readonly key: string;
  /** The user every login logs in. */
  readonly subject: string;
  /** The path (a GET route of the example) a login starts at, as a browser opens a page. */
  readonly loginPath: string;
}

/** What global rate limits must do across two Envoy replicas sharing one rate-limit service. */
export interface GlobalLimitsIntent {
  /** A flood through both Envoys at `factor` times `perSecond`: the backend sees at most `perSecond` in each second. */
  readonly flood: { readonly request: string; readonly perSecond: number; readonly factor: number };
  /**
   * A token budget: each answer of the stand-in backend reports `tokensPerResponse` tokens (put in
   * the AI Gateway's dynamic metadata by the test); once `tokensPerMinute` are spent, 429.
   */
  readonly tokenBudget?: { readonly request: string; readonly tokensPerMinute: number; readonly tokensPerResponse: number };
}

/** The smallest body `bodyBytes` can ask for: a JSON chat request with empty content. */
/** How long a gRPC stream the client keeps open (grpcKeepOpen) waits for its first answer message. */
export const GRPC_OPEN_STREAM_SECONDS = 5;

export const MIN_BODY_BYTES = JSON.stringify({ model: 'stand-in', messages: [{ role: 'user', content: '' }] }).length;

/** 127.0.0.0/8, in dotted decimal. */
const LOOPBACK_V4 = /^127\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function stringMap(fail: (msg: string) => never, where: string, v: unknown): Record<string, string> {
  if (v === undefined) return {};
  if (typeof v !== 'object' || v === null || Array.isArray(v) || Object.values(v).some(x => typeof x !== 'string')) {
    fail(`${where} must be a map of strings`);
  }
  return v as Record<string, string>;
}

function triple(fail: (msg: string) => never, where: string, v: unknown, what: string): string {
  if (typeof v !== 'string' || v.split('/').length !== 3 || v.split('/').some(p => p.length === 0)) {
    fail(`${where} must be ${what}, got ${JSON.stringify(v)}`);
  }
  return v;
}

function parseToken(fail: (msg: string) => never, where: string, t: any, keys: Set<string>): TokenSpec {
  if (typeof t !== 'object' || t === null) fail(`${where} must be a map (key, subject, audience, issuer, expiresIn, claims)`);
  const known = ['key', 'subject', 'audience', 'issuer', 'expiresIn', 'claims'];
  for (const k of Object.keys(t)) if (!known.includes(k)) fail(`${where}: unknown key "${k}" (known: ${known.join(', ')})`);
  if (!keys.has(t.key)) fail(`${where}.key must name a key of envoy.keys, got ${JSON.stringify(t.key)}`);
  for (const k of ['subject', 'audience', 'issuer']) {
    if (t[k] !== undefined && typeof t[k] !== 'string') fail(`${where}.${k} must be a string`);
  }
  if (t.expiresIn !== undefined && !Number.isInteger(t.expiresIn)) fail(`${where}.expiresIn must be a whole number of seconds`);
  if (t.claims !== undefined && (typeof t.claims !== 'object' || t.claims === null || Array.isArray(t.claims))) fail(`${where}.claims must be a map`);
  return { key: t.key, subject: t.subject, audience: t.audience, issuer: t.issuer, expiresIn: t.expiresIn ?? 300, claims: t.claims ?? {} };
}

function parseRequest(fail: (msg: string) => never, where: string, r: any, keys: Set<string>, backendTls: boolean,
  clientCertificates = false, oidc = false): EnvoyRequest {
  if (typeof r?.name !== 'string') fail(`${where}.name is required`);
  if (r.session !== undefined && !oidc) fail(`${where}.session needs envoy.oidc`);
  if (r.session !== undefined && !SESSION_KINDS.includes(r.session)) fail(`${where}.session must be one of ${SESSION_KINDS.join(', ')}, got ${JSON.stringify(r.session)}`);
  const method = r.method ?? (r.grpc === true ? 'POST' : 'GET');
  if (!HTTP_METHODS.includes(method)) fail(`${where}.method must be one of ${HTTP_METHODS.join(', ')}, got ${JSON.stringify(method)}`);
  if (typeof r.path !== 'string' || !r.path.startsWith('/')) fail(`${where}.path must start with /`);
  if (typeof r.host !== 'string' || r.host.length === 0) fail(`${where}.host is required`);
  if (r.bodyBytes !== undefined && (!Number.isInteger(r.bodyBytes) || r.bodyBytes < MIN_BODY_BYTES)) {
    fail(`${where}.bodyBytes must be a whole number of at least ${MIN_BODY_BYTES} (a JSON chat request), got ${JSON.stringify(r.bodyBytes)}`);
  }
  if (r.backendCertificate !== undefined && !backendTls) fail(`${where}.backendCertificate needs envoy.backendTls`);
  const backendCertificate = r.backendCertificate ?? (backendTls ? 'trusted' : undefined);
  if (backendCertificate !== undefined && !BACKEND_CERTIFICATE_KINDS.includes(backendCertificate)) {
    fail(`${where}.backendCertificate must be one of ${BACKEND_CERTIFICATE_KINDS.join(', ')}, got ${JSON.stringify(r.backendCertificate)}`);
  }
  if (r.clientCertificate !== undefined && !clientCertificates) fail(`${where}.clientCertificate needs envoy.clientCertificates`);
  const clientCertificate = r.clientCertificate ?? (clientCertificates ? 'trusted' : undefined);
  if (clientCertificate !== undefined && !CLIENT_CERTIFICATE_KINDS.includes(clientCertificate)) {
    fail(`${where}.clientCertificate must be one of ${CLIENT_CERTIFICATE_KINDS.join(', ')}, got ${JSON.stringify(r.clientCertificate)}`);
  }
  const repeat = r.repeat ?? 1;
  if (!Number.isInteger(repeat) || repeat < 1) fail(`${where}.repeat must be a whole number of at least 1`);
  const repeatPauseMs = r.repeatPauseMs ?? 0;
  if (!Number.isInteger(repeatPauseMs) || repeatPauseMs < 0 || repeatPauseMs > 10000) {
    fail(`${where}.repeatPauseMs must be a whole number of milliseconds from 0 to 10000, got ${JSON.stringify(r.repeatPauseMs)}`);
  }
  if (repeatPauseMs > 0 && repeat < 2) fail(`${where}.repeatPauseMs needs repeat of at least 2`);
  if (r.from !== undefined && (typeof r.from !== 'string' || !LOOPBACK_V4.test(r.from))) {
    fail(`${where}.from must be a loopback IPv4 address (127.x.y.z), got ${JSON.stringify(r.from)}`);
  }
  if (r.tlsVersion !== undefined && !TLS_VERSIONS.includes(r.tlsVersion)) fail(`${where}.tlsVersion must be one of ${TLS_VERSIONS.join(', ')}, got ${JSON.stringify(r.tlsVersion)}`);
  if (r.streamSeconds !== undefined && (!Number.isInteger(r.streamSeconds) || r.streamSeconds < 1 || r.streamSeconds > 120)) {
    fail(`${where}.streamSeconds must be a whole number of seconds from 1 to 120, got ${JSON.stringify(r.streamSeconds)}`);
  }
  const concurrent = r.concurrent ?? false;
  if (typeof concurrent !== 'boolean') fail(`${where}.concurrent must be true or false`);
  const grpc = r.grpc ?? false;
  if (typeof grpc !== 'boolean') fail(`${where}.grpc must be true or false`);
  if (grpc && method !== 'POST') fail(`${where}: a gRPC call is a POST`);
  const notForGrpc = [r.bodyBytes, r.streamSeconds, r.from, r.tlsVersion, r.expect?.handshake];
  if (grpc && notForGrpc.some((v) => v !== undefined)) {
    fail(`${where}: a gRPC call sends one empty message from 127.0.0.1 (no bodyBytes, streamSeconds, from, tlsVersion or handshake)`);
  }
  if (!grpc && r.expect?.grpcStatus !== undefined) fail(`${where}.expect.grpcStatus needs grpc: true`);
  const grpcKeepOpen = r.grpcKeepOpen ?? false;
  if (typeof grpcKeepOpen !== 'boolean') fail(`${where}.grpcKeepOpen must be true or false`);
  if (grpcKeepOpen && !grpc) fail(`${where}.grpcKeepOpen needs grpc: true`);
  if (grpcKeepOpen && r.expect?.grpcStatus !== undefined) {
    fail(`${where}.expect.grpcStatus: a stream the client keeps open ends when the client cancels it, without a grpc-status`);
  }
  if (r.expect?.grpcStatus !== undefined && (!Number.isInteger(r.expect.grpcStatus) || r.expect.grpcStatus < 0 || r.expect.grpcStatus > 16)) {
    fail(`${where}.expect.grpcStatus must be a gRPC status code from 0 to 16, got ${JSON.stringify(r.expect.grpcStatus)}`);
  }
  if (concurrent && repeat > 1) fail(`${where}: a concurrent request is sent once (no repeat)`);
  const e = r.expect;
  const handshake = e?.handshake ?? 'completed';
  if (handshake !== 'completed' && handshake !== 'refused') fail(`${where}.expect.handshake must be completed or refused, got ${JSON.stringify(handshake)}`);
  if (handshake === 'refused') {
    const known = ['handshake'];
    for (const k of Object.keys(e)) if (!known.includes(k)) fail(`${where}.expect: a refused handshake has no HTTP answer, so no "${k}"`);
    if (r.streamSeconds !== undefined) fail(`${where}: streamSeconds needs a request that gets an answer`);
    if (r.session !== undefined) fail(`${where}: session needs a request that gets an answer`);
    return {
      name: r.name,
      method,
      path: r.path,
      host: r.host,
      headers: stringMap(fail, `${where}.headers`, r.headers),
      token: r.token === undefined ? undefined : parseToken(fail, `${where}.token`, r.token, keys),
      bodyBytes: r.bodyBytes,
      repeat,
      ...(clientCertificate !== undefined ? { clientCertificate } : {}),
      repeatPauseMs,
      ...(r.from !== undefined ? { from: r.from } : {}),
      tlsVersion: r.tlsVersion,
      streamSeconds: undefined,
      concurrent,
      expect: { status: 0, handshake, reachesBackend: false, backendReceives: {}, backendLacks: [] },
    };
  }
  if (!Number.isInteger(e?.status) || e.status < 100 || e.status > 599) fail(`${where}.expect.status must be an HTTP status`);
  const backendReceives = stringMap(fail, `${where}.expect.backendReceives`, e.backendReceives);
  const backendLacks = (e.backendLacks ?? []) as unknown;
  if (!Array.isArray(backendLacks) || backendLacks.some(h => typeof h !== 'string')) fail(`${where}.expect.backendLacks must be a list of header names`);
  const reachesBackend = e.reachesBackend ?? e.status < 400;
  if (typeof reachesBackend !== 'boolean') fail(`${where}.expect.reachesBackend must be true or false`);
  if (!reachesBackend && (Object.keys(backendReceives).length > 0 || backendLacks.length > 0)) {
    fail(`${where}.expect: backendReceives and backendLacks need a request that reaches the backend`);
  }
  const location = e.location === undefined ? undefined : parseLocation(fail, `${where}.expect.location`, e.location, e.status);
  const clearsCookies = e.clearsCookies as unknown;
  if (clearsCookies !== undefined && (!Array.isArray(clearsCookies) || clearsCookies.length === 0 || clearsCookies.some((c) => typeof c !== 'string' || c.length === 0))) {
    fail(`${where}.expect.clearsCookies must be a list of cookie name prefixes, got ${JSON.stringify(clearsCookies)}`);
  }
  return {
    name: r.name,
    ...(r.session !== undefined ? { session: r.session } : {}),
    method,
    path: r.path,
    host: r.host,
    headers: stringMap(fail, `${where}.headers`, r.headers),
    token: r.token === undefined ? undefined : parseToken(fail, `${where}.token`, r.token, keys),
    bodyBytes: r.bodyBytes,
    repeat,
    ...(grpc ? { grpc } : {}),
    ...(grpcKeepOpen ? { grpcKeepOpen } : {}),
    ...(backendCertificate !== undefined ? { backendCertificate } : {}),
    ...(clientCertificate !== undefined ? { clientCertificate } : {}),
    repeatPauseMs,
    ...(r.from !== undefined ? { from: r.from } : {}),
    tlsVersion: r.tlsVersion,
    streamSeconds: r.streamSeconds,
    concurrent,
    expect: {
      status: e.status,
      handshake,
      reachesBackend,
      backendReceives: Object.fromEntries(Object.entries(backendReceives).map(([k, v]) => [k.toLowerCase(), v])),
      backendLacks: (backendLacks as string[]).map(h => h.toLowerCase()),
      ...(location ? { location } : {}),
      ...(e.grpcStatus !== undefined ? { grpcStatus: e.grpcStatus } : {}),
      ...(clearsCookies !== undefined ? { clearsCookies: clearsCookies as string[] } : {}),
    },
  };
}

function parseLocation(fail: (msg: string) => never, where: string, l: any, status: number): LocationExpectation {
  if (status < 300 || status > 399) fail(`${where} needs a redirect status (3xx), got ${status}`);
  if (typeof l !== 'object' || l === null || Array.isArray(l)) fail(`${where} must be a map (url, query, scopeIncludes)`);
  for (const k of Object.keys(l)) if (!['url', 'query', 'scopeIncludes'].includes(k)) fail(`${where}: unknown key "${k}" (known: url, query, scopeIncludes)`);
  let url: URL | undefined;
  try {
    url = new URL(l.url);
  } catch {
    fail(`${where}.url must be an absolute URL, got ${JSON.stringify(l.url)}`);
  }
  if (url!.search !== '' || url!.hash !== '') fail(`${where}.url must have no query or fragment (give them in query), got ${JSON.stringify(l.url)}`);
  const scopeIncludes = (l.scopeIncludes ?? []) as unknown;
  if (!Array.isArray(scopeIncludes) || scopeIncludes.some(s => typeof s !== 'string' || s.length === 0 || /\s/.test(s))) {
    fail(`${where}.scopeIncludes must be a list of scopes without spaces`);
  }
  return { url: l.url, query: stringMap(fail, `${where}.query`, l.query), scopeIncludes: scopeIncludes as string[] };
}

/** Reads and checks the `envoy:` section; `fail` throws with the intent file's name. */
export function parseEnvoyIntent(raw: any, fail: (msg: string) => never): EnvoyIntent {
  if (typeof raw !== 'object' || raw === null) fail('envoy must be a map');
  const known = ['listener', 'standIns', 'certificates', 'keys', 'requests', 'pauseMs', 'backendTls', 'clientCertificates', 'globalLimits', 'oidc'];
  for (const k of Object.keys(raw)) if (!known.includes(k)) fail(`envoy: unknown key "${k}" (known: ${known.join(', ')})`);
  const listener = triple(fail, 'envoy.listener', raw.listener, '<namespace>/<gateway>/<listener>');
  const standIns: any[] = raw.standIns ?? [];
  if (!Array.isArray(standIns) || standIns.some(o => !o?.kind || !o?.metadata?.name)) fail('envoy.standIns must be a list of Kubernetes objects');
  const certificates: GeneratedCertificate[] = (raw.certificates ?? []).map((c: any, i: number) => {
    const where = `envoy.certificates[${i}]`;
    if (typeof c?.secret !== 'string' || c.secret.split('/').length !== 2) fail(`${where}.secret must be <namespace>/<name>`);
    if (!Array.isArray(c.hosts) || c.hosts.length === 0 || c.hosts.some((h: unknown) => typeof h !== 'string')) fail(`${where}.hosts must be a list of DNS names`);
    return { secret: c.secret, hosts: c.hosts };
  });
  const keys: GeneratedKey[] = (raw.keys ?? []).map((k: any, i: number) => {
    const where = `envoy.keys[${i}]`;
    if (typeof k?.name !== 'string' || typeof k.kid !== 'string') fail(`${where} needs name and kid`);
    const jwtProvider = k.jwtProvider === undefined ? undefined : triple(fail, `${where}.jwtProvider`, k.jwtProvider, '<namespace>/<SecurityPolicy>/<provider>');
    return { name: k.name, kid: k.kid, jwtProvider };
  });
  const keyNames = new Set(keys.map(k => k.name));
  if (keyNames.size !== keys.length) fail('envoy.keys: names must be unique');
  let backendTls: BackendTlsIntent | undefined;
  if (raw.backendTls !== undefined) {
    const b = raw.backendTls;
    if (typeof b !== 'object' || b === null) fail('envoy.backendTls must be a map (caConfigMap, serverNames)');
    for (const k of Object.keys(b)) if (!['caConfigMap', 'serverNames'].includes(k)) fail(`envoy.backendTls: unknown key "${k}" (known: caConfigMap, serverNames)`);
    if (typeof b.caConfigMap !== 'string' || b.caConfigMap.split('/').length !== 2 || b.caConfigMap.split('/').some((p: string) => p.length === 0)) {
      fail('envoy.backendTls.caConfigMap must be <namespace>/<name>');
    }
    if (!Array.isArray(b.serverNames) || b.serverNames.length === 0 || b.serverNames.some((h: unknown) => typeof h !== 'string')) {
      fail('envoy.backendTls.serverNames must be a list of DNS names');
    }
    backendTls = { caConfigMap: b.caConfigMap, serverNames: b.serverNames };
  }
  let clientCertificates: ClientCertificatesIntent | undefined;
  if (raw.clientCertificates !== undefined) {
    const c = raw.clientCertificates;
    if (typeof c !== 'object' || c === null) fail('envoy.clientCertificates must be a map (caConfigMap or caSecret)');
    for (const k of Object.keys(c)) if (!['caConfigMap', 'caSecret'].includes(k)) fail(`envoy.clientCertificates: unknown key "${k}" (known: caConfigMap, caSecret)`);
    if ((c.caConfigMap === undefined) === (c.caSecret === undefined)) fail('envoy.clientCertificates needs one of caConfigMap and caSecret');
    const ca = c.caConfigMap ?? c.caSecret;
    if (typeof ca !== 'string' || ca.split('/').length !== 2 || ca.split('/').some((p: string) => p.length === 0)) {
      fail(`envoy.clientCertificates.${c.caConfigMap !== undefined ? 'caConfigMap' : 'caSecret'} must be <namespace>/<name>`);
    }
    clientCertificates = { caKind: c.caConfigMap !== undefined ? 'ConfigMap' : 'Secret', ca };
  }
  if (!Array.isArray(raw.requests) || raw.requests.length === 0) fail('envoy.requests must list at least one request');
  let oidc: OidcIntent | undefined;
  if (raw.oidc !== undefined) {
    const o = raw.oidc;
    const fields = ['securityPolicy', 'clientSecret', 'key', 'subject', 'loginPath'];
    if (typeof o !== 'object' || o === null) fail(`envoy.oidc must be a map (${fields.join(', ')})`);
    for (const k of Object.keys(o)) if (!fields.includes(k)) fail(`envoy.oidc: unknown key "${k}" (known: ${fields.join(', ')})`);
    if (typeof o.securityPolicy !== 'string' || o.securityPolicy.split('/').length !== 2 || o.securityPolicy.split('/').some((p: string) => p.length === 0)) {
      fail(`envoy.oidc.securityPolicy must be <namespace>/<name>, got ${JSON.stringify(o.securityPolicy)}`);
    }
    for (const k of ['clientSecret', 'subject']) if (typeof o[k] !== 'string' || o[k].length === 0) fail(`envoy.oidc.${k} must be a non-empty string`);
    if (!keyNames.has(o.key)) fail(`envoy.oidc.key must name a key of envoy.keys, got ${JSON.stringify(o.key)}`);
    if (typeof o.loginPath !== 'string' || !o.loginPath.startsWith('/')) fail(`envoy.oidc.loginPath must start with /, got ${JSON.stringify(o.loginPath)}`);
    oidc = { securityPolicy: o.securityPolicy, clientSecret: o.clientSecret, key: o.key, subject: o.subject, loginPath: o.loginPath };
  }
  const requests = raw.requests.map((r: any, i: number) => parseRequest(fail, `envoy.requests[${i}]`, r, keyNames, backendTls !== undefined,
    clientCertificates !== undefined, oidc !== undefined));
  const pauseMs = raw.pauseMs ?? 0;
  if (!Number.isInteger(pauseMs) || pauseMs < 0 || pauseMs > 10000) fail(`envoy.pauseMs must be a whole number of milliseconds from 0 to 10000, got ${JSON.stringify(raw.pauseMs)}`);
  const globalLimits = raw.globalLimits === undefined ? undefined : parseGlobalLimits(fail, raw.globalLimits, requests);
  return {
    listener,
    standIns,
    certificates,
    keys,
    requests,
    pauseMs,
    ...(backendTls ? { backendTls } : {}),
    ...(clientCertificates ? { clientCertificates } : {}),
    globalLimits,
    ...(oidc ? { oidc } : {}),
  };
}

function parseGlobalLimits(fail: (msg: string) => never, g: any, requests: EnvoyRequest[]): GlobalLimitsIntent {
  if (typeof g !== 'object' || g === null) fail('envoy.globalLimits must be a map (flood, tokenBudget)');
  for (const k of Object.keys(g)) if (!['flood', 'tokenBudget'].includes(k)) fail(`envoy.globalLimits: unknown key "${k}" (known: flood, tokenBudget)`);
  const request = (where: string, name: unknown) => {
    const r = requests.find((x) => x.name === name);
    if (!r || r.expect.status !== 200) fail(`${where} must name a request of envoy.requests that gets 200, got ${JSON.stringify(name)}`);
    return r.name;
  };
  const whole = (where: string, v: unknown, min: number) => {
    if (!Number.isInteger(v) || (v as number) < min) fail(`${where} must be a whole number of at least ${min}, got ${JSON.stringify(v)}`);
    return v as number;
  };
  if (typeof g.flood !== 'object' || g.flood === null) fail('envoy.globalLimits.flood is required (request, perSecond, factor)');
  const flood = {
    request: request('envoy.globalLimits.flood.request', g.flood.request),
    perSecond: whole('envoy.globalLimits.flood.perSecond', g.flood.perSecond, 1),
    factor: whole('envoy.globalLimits.flood.factor', g.flood.factor ?? 10, 2),
  };
  const t = g.tokenBudget;
  const tokenBudget = t === undefined ? undefined : {
    request: request('envoy.globalLimits.tokenBudget.request', t.request),
    tokensPerMinute: whole('envoy.globalLimits.tokenBudget.tokensPerMinute', t.tokensPerMinute, 1),
    tokensPerResponse: whole('envoy.globalLimits.tokenBudget.tokensPerResponse', t.tokensPerResponse, 1),
  };
  return { flood, tokenBudget };
}
