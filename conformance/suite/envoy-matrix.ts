/**
 * The request matrix of the `envoy` check, without engines: the claims of each request's token,
 * its body, and the verdict on what Envoy answered and what the stand-in backend received.
 */
import { EnvoyRequest, GRPC_OPEN_STREAM_SECONDS, LocationExpectation, MIN_BODY_BYTES, TokenSpec } from './envoy-intent';
import { parseSetCookie } from './envoy-oidc';

/** The JWT claims of a token spec, at `now` (seconds since the epoch). */
export function tokenClaims(t: TokenSpec, now: number): Record<string, unknown> {
  const claims: Record<string, unknown> = { iat: now, exp: now + t.expiresIn };
  if (t.issuer !== undefined) claims.iss = t.issuer;
  if (t.audience !== undefined) claims.aud = t.audience;
  if (t.subject !== undefined) claims.sub = t.subject;
  return { ...claims, ...t.claims };
}

/** A JSON chat request of exactly `bytes` bytes (at least MIN_BODY_BYTES). */
export function jsonBody(bytes: number): string {
  if (bytes < MIN_BODY_BYTES) throw new Error(`a JSON chat request takes at least ${MIN_BODY_BYTES} bytes, not ${bytes}`);
  return JSON.stringify({ model: 'stand-in', messages: [{ role: 'user', content: 'x'.repeat(bytes - MIN_BODY_BYTES) }] });
}

/** The request header that asks the stand-in backend for a stream of server-sent events (its value: seconds). */
export const STREAM_HEADER = 'x-stand-in-stream-seconds';

/** The body of a complete stand-in stream of `seconds` events: one `data:` event each, then `data: [DONE]`. */
export function streamEvent(i: number): string {
  return `data: {"event":${i}}\n\n`;
}
export const STREAM_END = 'data: [DONE]\n\n';

/** How many events of a stand-in stream a body holds, and whether it ends with `[DONE]`. */
export function streamReceived(body: string): { events: number; done: boolean } {
  return { events: (body.match(/^data: \{"event":\d+\}$/gm) ?? []).length, done: body.endsWith(STREAM_END) };
}

/** What one request got: Envoy's answer and, if it reached it, what the stand-in backend saw. */
export interface Observation {
  /** The HTTP status; 0 when the TLS handshake was refused. */
  readonly status: number;
  /** Why the TLS handshake failed, when Envoy refused it. */
  readonly handshakeError?: string;
  /** The start of the answer's body, for the failure line. */
  readonly body: string;
  /** The answer's Location header, if any. */
  readonly location?: string;
  /** gRPC calls: the grpc-status of the answer, if it had one. */
  readonly grpcStatus?: number;
  /** gRPC streams the client kept open: whether an answer message reached it while its side was open. */
  readonly messageWhileOpen?: boolean;
  /** The headers the stand-in backend received (lower-case names), or undefined if it received nothing. */
  readonly backendHeaders?: Record<string, string | string[] | undefined>;
  /** The answer's Set-Cookie headers, if any. */
  readonly setCookie?: string[];
}

/** Why a request's observation breaks its expectation: one line per broken part, none when it held. */
export function evaluateRequest(r: EnvoyRequest, o: Observation): string[] {
  const problems: string[] = [];
  const e = r.expect;
  if (e.handshake === 'refused') {
    if (o.handshakeError === undefined) problems.push(`the TLS handshake completed (status ${o.status}), expected Envoy to refuse it`);
    if (o.backendHeaders !== undefined) problems.push('reached the backend, expected it not to');
    return problems;
  }
  if (o.handshakeError !== undefined) return [`the TLS handshake was refused (${o.handshakeError}), expected it to complete`];
  if (r.streamSeconds !== undefined && o.status === 200) {
    const got = streamReceived(o.body);
    if (got.events !== r.streamSeconds || !got.done) problems.push(`the stream ended after ${got.events} of ${r.streamSeconds} events${got.done ? '' : ', without [DONE]'}`);
  }
  if (o.status !== e.status) problems.push(`status ${o.status}, expected ${e.status}${o.body ? ` (${o.body.slice(0, 120).replace(/\s+/g, ' ')})` : ''}`);
  if (e.grpcStatus !== undefined && o.grpcStatus !== e.grpcStatus) {
    problems.push(`grpc-status ${o.grpcStatus === undefined ? '(none)' : o.grpcStatus}, expected ${e.grpcStatus}`);
  }
  if (r.grpcKeepOpen && o.messageWhileOpen !== true) {
    problems.push(`no answer message within ${GRPC_OPEN_STREAM_SECONDS} s while the client's side of the stream stayed open (the gateway held the request until the client would end it)`);
  }
  if (e.location !== undefined) problems.push(...locationProblems(e.location, o.location));
  if (e.clearsCookies !== undefined) {
    const cleared = (o.setCookie ?? []).map(parseSetCookie).filter((c) => c.cleared).map((c) => c.name);
    const kept = e.clearsCookies.filter((prefix) => !cleared.some((n) => n.startsWith(prefix)));
    if (kept.length > 0) problems.push(`the answer does not clear the cookies ${kept.join(', ')} (it cleared ${cleared.join(', ') || 'none'})`);
  }
  const reached = o.backendHeaders !== undefined;
  if (reached !== e.reachesBackend) problems.push(reached ? 'reached the backend, expected it not to' : 'did not reach the backend, expected it to');
  if (o.backendHeaders !== undefined) {
    for (const [name, want] of Object.entries(e.backendReceives)) {
      const got = o.backendHeaders[name];
      if (got !== want) problems.push(`the backend received ${name}: ${got === undefined ? '(none)' : JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
    }
    for (const name of e.backendLacks) {
      if (o.backendHeaders[name] !== undefined) problems.push(`the backend received ${name}, expected it to be removed before the backend`);
    }
  }
  return problems;
}

/** Why a Location header breaks its expectation: one line per broken part, none when it held. */
export function locationProblems(want: LocationExpectation, got: string | undefined): string[] {
  if (got === undefined) return [`no Location header, expected a redirect to ${want.url}`];
  let u: URL;
  try {
    u = new URL(got);
  } catch {
    return [`the Location header ${JSON.stringify(got)} is not an absolute URL, expected a redirect to ${want.url}`];
  }
  const problems: string[] = [];
  const base = `${u.origin}${u.pathname}`;
  const w = new URL(want.url);
  if (base !== `${w.origin}${w.pathname}`) problems.push(`redirected to ${base}, expected ${want.url}`);
  for (const [name, value] of Object.entries(want.query)) {
    const v = u.searchParams.get(name);
    if (v !== value) problems.push(`the redirect's ${name} is ${v === null ? '(none)' : JSON.stringify(v)}, expected ${JSON.stringify(value)}`);
  }
  const scopes = (u.searchParams.get('scope') ?? '').split(' ').filter((s) => s.length > 0);
  for (const s of want.scopeIncludes) {
    if (!scopes.includes(s)) problems.push(`the redirect's scope ${JSON.stringify(scopes.join(' '))} lacks ${s}`);
  }
  return problems;
}

/** The line a request of the matrix is reported under. */
export function requestLabel(r: EnvoyRequest): string {
  const how = [
    ...(r.from !== undefined ? [`from ${r.from}`] : []),
    ...(r.tlsVersion ? [`${r.tlsVersion} only`] : []),
    ...(r.streamSeconds ? [`a ${r.streamSeconds} s event stream`] : []),
    ...(r.repeat > 1 ? [`sent ${r.repeat} times`] : []),
    ...(r.grpcKeepOpen ? ['the client\'s side kept open'] : []),
  ];
  return `request "${r.name}" (${r.grpc ? 'gRPC ' : ''}${r.method} ${r.host}${r.path}${how.map((h, i) => (i === 0 && h.startsWith('from ') ? ` ${h}` : `, ${h}`)).join('')})`;
}
