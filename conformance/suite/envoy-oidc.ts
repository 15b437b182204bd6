/**
 * OpenID Connect logins in the envoy check. Envoy Gateway's controller gives its translator the
 * cookie-signing Secret its certgen job made (`envoy-oidc-hmac` in the controller's namespace, 32
 * random bytes): `egctl x translate` has no controller namespace and refuses every OIDC policy, so
 * an example with one is translated by conformance/go/eg-wasm-translate, which has it. The check
 * serves a small provider (conformance/gateway/oidc-provider.ts) at the policy's endpoints on
 * loopback and logs in through the real Envoy as a browser would: Envoy's redirect to the
 * authorization endpoint, the provider's redirect back with a code, Envoy's callback (which
 * trades the code at the token endpoint and sets its session cookies), then the request.
 */
import { randomBytes } from 'crypto';
import { OidcProvider, TokenRequestRecord } from '../gateway/oidc-provider';

type Obj = { [key: string]: any };

/** The Secret Envoy Gateway's controller reads its OAuth2 cookie-signing key from, and its key. */
export const OIDC_HMAC_SECRET = 'envoy-oidc-hmac';
export const OIDC_HMAC_KEY = 'hmac-secret';
/** The namespace the check runs the controller's translator as (egctl's default namespace too). */
export const CONTROLLER_NAMESPACE = 'envoy-gateway-system';

/** A SecurityPolicy with an OIDC login. */
export function isOidcPolicy(o: Obj): boolean {
  return o?.kind === 'SecurityPolicy' && o.spec?.oidc !== undefined;
}

/** The Secret Envoy Gateway's certgen job makes for the controller: 32 random bytes, base64 in `data`. */
export function oidcHmacSecret(namespace = CONTROLLER_NAMESPACE): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: OIDC_HMAC_SECRET, namespace },
    type: 'Opaque',
    data: { [OIDC_HMAC_KEY]: randomBytes(32).toString('base64') },
  };
}

/** Where the provider must listen and what it must expect, read from the policy and its client Secret. */
export interface OidcProviderSettings {
  readonly issuer: string;
  readonly port: number;
  readonly authorizationPath: string;
  readonly tokenPath: string;
  readonly clientId: string;
  readonly redirectUri: string;
  /** The hosts a certificate of the provider must name (the endpoints' hosts). */
  readonly hosts: string[];
}

const LOOPBACK_HOSTS = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost)$/;

/**
 * The provider a policy names, with its endpoints on one loopback port: the check serves nothing
 * anywhere else. Throws with what to fix otherwise.
 */
export function oidcProviderSettings(policy: Obj): OidcProviderSettings {
  const id = `SecurityPolicy ${policy.metadata?.namespace}/${policy.metadata?.name}`;
  const oidc = policy.spec.oidc;
  const p = oidc.provider ?? {};
  const urls = [p.issuer, p.authorizationEndpoint, p.tokenEndpoint].map((u: unknown, i) => {
    if (typeof u !== 'string') throw new Error(`${id}: the check serves the provider itself and needs its ${['issuer', 'authorizationEndpoint', 'tokenEndpoint'][i]}`);
    return new URL(u);
  });
  const ports = new Set(urls.map((u) => u.port || (u.protocol === 'https:' ? '443' : '80')));
  if (urls.some((u) => !LOOPBACK_HOSTS.test(u.hostname)) || ports.size !== 1) {
    throw new Error(`${id}: the provider's issuer and endpoints must be on one loopback port (127.x or localhost) for the check to serve them, got ${urls.join(', ')}`);
  }
  if (typeof oidc.redirectURL !== 'string') throw new Error(`${id}: the check needs an explicit redirectURL`);
  return {
    issuer: p.issuer,
    port: Number([...ports][0]),
    authorizationPath: urls[1].pathname,
    tokenPath: urls[2].pathname,
    clientId: oidc.clientID,
    redirectUri: oidc.redirectURL,
    hosts: [...new Set(urls.map((u) => u.hostname))],
  };
}

/** A cookie Envoy set: its name, value and whether it asks the browser to drop it. */
export interface SetCookie { readonly name: string; readonly value: string; readonly cleared: boolean; readonly attributes: string[] }

export function parseSetCookie(header: string): SetCookie {
  const [pair, ...attrs] = header.split(';').map((s) => s.trim());
  const eq = pair.indexOf('=');
  const name = eq < 0 ? pair : pair.slice(0, eq);
  const value = eq < 0 ? '' : pair.slice(eq + 1);
  const cleared = attrs.some((a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && Date.parse(a.slice(8)) <= Date.now()));
  return { name, value, cleared, attributes: attrs };
}

/** A browser's cookie jar for one host, enough for Envoy's OAuth2 cookies. */
export class CookieJar {
  public readonly cookies = new Map<string, string>();
  public take(setCookies: string[] | undefined): SetCookie[] {
    const parsed = (setCookies ?? []).map(parseSetCookie);
    for (const c of parsed) {
      if (c.cleared) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return parsed;
  }
  public header(): string {
    return [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
  }
}

/** Envoy's answer to one request of a login. */
export interface EnvoyAnswer { readonly status: number; readonly body: string; readonly location?: string; readonly setCookie?: string[] }

/** Sends GET `pathAndQuery` to Envoy (the row's host, over its TLS) with these headers. */
export type EnvoySender = (pathAndQuery: string, headers: Record<string, string>) => Promise<EnvoyAnswer>;

/** Asks the provider's authorization endpoint (on loopback) and returns its answer. */
export type ProviderSender = (url: string) => Promise<EnvoyAnswer>;

/** How a row's session cookies are made. */
export type SessionKind = 'login' | 'forged' | 'tampered';
export const SESSION_KINDS: SessionKind[] = ['login', 'forged', 'tampered'];

/** A session: the cookies Envoy set at the end of a login, by name. */
export interface Session { readonly cookies: Map<string, string>; readonly names: string[] }

function why(provider: OidcProvider, from: number): string {
  const records: TokenRequestRecord[] = provider.tokenRequests.slice(from);
  if (records.length === 0) return 'the provider\'s token endpoint was not called';
  return `the provider's token endpoint answered ${records.map((r) => `${r.status}${r.error ? ` (${r.error})` : ''}`).join(', ')}`;
}

/**
 * Logs in through Envoy as a browser would, starting at `path`: throws with the step that failed.
 * Returns the session cookies Envoy set.
 */
export async function login(envoy: EnvoySender, authorize: ProviderSender, provider: OidcProvider,
  settings: OidcProviderSettings, host: string, path: string): Promise<Session> {
  const jar = new CookieJar();
  const first = await envoy(path, {});
  jar.take(first.setCookie);
  const authUrl = `${settings.issuer.replace(/\/$/, '')}${settings.authorizationPath}`;
  if (first.status !== 302 || !first.location?.startsWith(`${authUrl}?`)) {
    throw new Error(`login: a request without a session got ${first.status}${first.location ? ` to ${first.location}` : ''}, expected a redirect to ${authUrl}`);
  }
  const state = new URL(first.location).searchParams.get('state') ?? '';
  const original = stateUrl(state);
  if (original !== `https://${host}${path}`) {
    throw new Error(`login: the redirect's state ${original === undefined ? `${JSON.stringify(state)} carries no URL` : `carries the URL ${original}`}, expected https://${host}${path}`);
  }
  const atProvider = await authorize(first.location);
  if (atProvider.status !== 302 || !atProvider.location?.startsWith(`${settings.redirectUri}?`)) {
    throw new Error(`login: the provider's authorization endpoint answered ${atProvider.status} (${atProvider.body.slice(0, 200)}), expected a redirect to ${settings.redirectUri}`);
  }
  const back = new URL(atProvider.location);
  const tokenCalls = provider.tokenRequests.length;
  const callback = await envoy(`${back.pathname}${back.search}`, { cookie: jar.header() });
  const set = jar.take(callback.setCookie);
  if (callback.status !== 302) {
    throw new Error(`login: Envoy answered the callback ${back.pathname} with ${callback.status} (${callback.body.slice(0, 120).replace(/\s+/g, ' ')}), expected a redirect; ${why(provider, tokenCalls)}`);
  }
  if (callback.location !== `https://${host}${path}`) {
    throw new Error(`login: after the callback Envoy redirected to ${callback.location}, expected back to https://${host}${path}`);
  }
  const insecure = set.filter((c) => !c.cleared && !(c.attributes.some((a) => /^secure$/i.test(a)) && c.attributes.some((a) => /^httponly$/i.test(a))));
  if (insecure.length > 0) throw new Error(`login: Envoy set ${insecure.map((c) => c.name).join(', ')} without Secure and HttpOnly`);
  const names = set.filter((c) => !c.cleared).map((c) => c.name);
  if (!names.some((n) => n.startsWith('OauthHMAC')) || !names.some((n) => n.startsWith('OauthExpires'))) {
    throw new Error(`login: after the callback Envoy set the cookies ${names.join(', ') || '(none)'}, expected its session cookies (OauthHMAC, OauthExpires, tokens)`);
  }
  return { cookies: new Map(jar.cookies), names };
}

/** The URL an OAuth2 state of Envoy's carries (base64url JSON with `url`), if it is one. */
export function stateUrl(state: string): string | undefined {
  try {
    const decoded = JSON.parse(Buffer.from(state, 'base64url').toString('utf8'));
    return typeof decoded?.url === 'string' ? decoded.url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The Cookie header of a session made by `kind` from a real one: `login`, as Envoy set it;
 * `forged`, every cookie name Envoy uses with values of the client's own making (a signature
 * over them with a key it guessed); `tampered`, the real session with its expiry pushed a day on
 * (its signature no longer matches).
 */
export function sessionCookie(kind: SessionKind, s: Session): string {
  const cookies = new Map(s.cookies);
  if (kind === 'forged') {
    const expires = String(Math.floor(Date.now() / 1000) + 3600);
    for (const name of s.names) {
      cookies.set(name, name.startsWith('OauthExpires') ? expires : name.startsWith('OauthHMAC')
        ? randomBytes(32).toString('base64') : `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"mallory"}').toString('base64url')}.`);
    }
  } else if (kind === 'tampered') {
    const name = s.names.find((n) => n.startsWith('OauthExpires'))!;
    cookies.set(name, String(Number(cookies.get(name)) + 86400));
  }
  return [...cookies].map(([n, v]) => `${n}=${v}`).join('; ');
}
