import { OidcAuthOptions, OidcCookieSameSite } from '../../options/oidc-auth-options';
import { dnsSubdomain } from '../../options/validate';
import { ValidationError } from '../../options/validation-error';
import { WeakenedControl } from '../weakening';

/** Envoy Gateway's callback path when no redirect URL is given. */
export const DEFAULT_OIDC_CALLBACK_PATH = '/oauth2/callback';

/** OpenID Connect login, validated. @internal */
export interface OidcModel {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecretName: string;
  readonly authorizationEndpoint?: string;
  readonly tokenEndpoint?: string;
  readonly redirectUrl?: string;
  /** The path of the redirect URL, which the route must send to the gateway. */
  readonly callbackPath: string;
  readonly logoutPath: string;
  /** `openid` first, then the other scopes asked for. */
  readonly scopes: string[];
  readonly cookieSameSite: OidcCookieSameSite;
  readonly forwardAccessToken: boolean;
}

/** Loopback hosts, the only ones reachable over plain http (local tests of the login flow). */
const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * OIDC settings, validated: https URLs (http only on loopback), a Secret name, scopes without
 * spaces, `openid` always asked for. Forwarding the access token is a weakened control.
 * @internal
 */
export function oidcModel(o: OidcAuthOptions, weakenings: WeakenedControl[]): OidcModel {
  if (o === undefined || o === null || typeof o !== 'object') {
    throw new ValidationError('authentication.oidc', o, 'Give the provider\'s issuer, the clientId and clientSecretName.');
  }
  const redirectUrl = o.redirectUrl === undefined ? undefined : httpsUrl('authentication.redirectUrl', o.redirectUrl);
  const forward = o.forwardAccessTokenInsecure ?? false;
  if (typeof forward !== 'boolean') throw new ValidationError('authentication.forwardAccessTokenInsecure', forward, 'Use true or false.');
  if (forward) {
    weakenings.push({
      option: 'authentication.forwardAccessTokenInsecure: true',
      effect: 'The user\'s OIDC access token is forwarded to the model server, which (and anything reading its requests or logs) can act as the user wherever the token is accepted.',
    });
  }
  const sameSite = o.cookieSameSite ?? OidcCookieSameSite.LAX;
  if (!(sameSite instanceof OidcCookieSameSite)) {
    throw new ValidationError('authentication.cookieSameSite', sameSite, 'Use OidcCookieSameSite.LAX or OidcCookieSameSite.STRICT.');
  }
  return {
    issuer: httpsUrl('authentication.issuer', o.issuer),
    clientId: clientId(o.clientId),
    clientSecretName: dnsSubdomain('authentication.clientSecretName', o.clientSecretName),
    authorizationEndpoint: o.authorizationEndpoint === undefined ? undefined : httpsUrl('authentication.authorizationEndpoint', o.authorizationEndpoint),
    tokenEndpoint: o.tokenEndpoint === undefined ? undefined : tokenEndpoint(o.tokenEndpoint),
    redirectUrl,
    callbackPath: redirectUrl === undefined ? DEFAULT_OIDC_CALLBACK_PATH : new URL(redirectUrl).pathname,
    logoutPath: logoutPath(o.logoutPath ?? '/logout', redirectUrl),
    scopes: scopes(o.scopes),
    cookieSameSite: sameSite,
    forwardAccessToken: forward,
  };
}

function httpsUrl(field: string, value: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new ValidationError(field, value, 'Give an absolute https:// URL such as "https://idp.example.com/realms/ai".');
  }
  if (/[\s\u0000-\u001f\u007f'"`\\{}]/.test(value) || u.username !== '' || u.password !== '' || u.hash !== '') {
    throw new ValidationError(field, value, 'Give a URL without whitespace, quotes, backslashes, braces, credentials or a #fragment.');
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && LOOPBACK.has(u.hostname))) {
    throw new ValidationError(field, value, 'Use an https:// URL: the browser and the gateway exchange the login code and tokens with it (http:// only on a loopback address, for local tests).');
  }
  return value;
}

/** Envoy Gateway calls the token endpoint by DNS name: it refuses (and drops the policy) an IP address. */
function tokenEndpoint(value: string): string {
  httpsUrl('authentication.tokenEndpoint', value);
  const host = new URL(value).hostname;
  if (/^\[.*\]$/.test(host) || /^\d+\.\d+\.\d+\.\d+$/.test(host)) {
    throw new ValidationError('authentication.tokenEndpoint', value,
      'Envoy Gateway calls the token endpoint by DNS name and refuses an IP address; give the provider\'s host name (e.g. "https://idp.example.com/token").');
  }
  return value;
}

function clientId(value: string): string {
  if (typeof value !== 'string' || !/^[\x21-\x7e]{1,256}$/.test(value)) {
    throw new ValidationError('authentication.clientId', value, 'Give the client ID registered with the provider: 1 to 256 visible ASCII characters, no spaces.');
  }
  return value;
}

function logoutPath(value: string, redirectUrl: string | undefined): string {
  if (typeof value !== 'string' || !/^\/[A-Za-z0-9._~\/-]*$/.test(value) || value.includes('//')) {
    throw new ValidationError('authentication.logoutPath', value, 'Use an absolute path of letters, digits and "/._~-", e.g. "/logout".');
  }
  const callback = redirectUrl === undefined ? DEFAULT_OIDC_CALLBACK_PATH : new URL(redirectUrl).pathname;
  if (value === callback) {
    throw new ValidationError('authentication.logoutPath', value, `Use a path other than the login callback (${callback}), e.g. "/logout".`);
  }
  return value;
}

function scopes(value: string[] | undefined): string[] {
  if (value === undefined) return ['openid'];
  if (!Array.isArray(value)) throw new ValidationError('authentication.scopes', value, 'Give a list of scopes, e.g. ["profile", "email"].');
  // RFC 6749 3.3: a scope token is printable ASCII other than space, '"' and '\'.
  value.forEach((s, i) => {
    if (typeof s !== 'string' || !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(s)) {
      throw new ValidationError(`authentication.scopes[${i}]`, s, 'Give one scope per entry, without spaces, quotes or backslashes (e.g. "profile").');
    }
  });
  return ['openid', ...new Set(value.filter((s) => s !== 'openid'))];
}
