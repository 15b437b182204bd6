import { generateSigningKey } from '../../conformance/gateway/jwt';
import { OidcProvider } from '../../conformance/gateway/oidc-provider';
import {
  CookieJar, EnvoyAnswer, isOidcPolicy, login, oidcHmacSecret, oidcProviderSettings, parseSetCookie, sessionCookie, stateUrl,
} from '../../conformance/suite/envoy-oidc';

const policy = (oidc: Record<string, unknown> = {}, provider: Record<string, unknown> = {}) => ({
  apiVersion: 'gateway.envoyproxy.io/v1alpha1',
  kind: 'SecurityPolicy',
  metadata: { name: 'chat', namespace: 'llm' },
  spec: {
    oidc: {
      provider: { issuer: 'https://127.0.0.1:18443', authorizationEndpoint: 'https://127.0.0.1:18443/authorize', tokenEndpoint: 'https://localhost:18443/token', ...provider },
      clientID: 'chat-ui',
      redirectURL: 'https://chat.example.com/oauth2/callback',
      ...oidc,
    },
  },
});

describe('the OIDC policy and the controller\'s Secret', () => {
  test('isOidcPolicy: a SecurityPolicy with an oidc section only', () => {
    expect(isOidcPolicy(policy())).toBe(true);
    expect(isOidcPolicy({ kind: 'SecurityPolicy', spec: { jwt: {} } })).toBe(false);
    expect(isOidcPolicy({ kind: 'ClientTrafficPolicy', spec: { oidc: {} } })).toBe(false);
  });

  test('the cookie-signing Secret is envoy-oidc-hmac in the controller\'s namespace: 32 fresh random bytes under hmac-secret', () => {
    const a = oidcHmacSecret();
    expect(a.metadata).toStrictEqual({ name: 'envoy-oidc-hmac', namespace: 'envoy-gateway-system' });
    expect(Buffer.from(a.data['hmac-secret'], 'base64')).toHaveLength(32);
    expect(oidcHmacSecret().data['hmac-secret']).not.toBe(a.data['hmac-secret']);
    expect(oidcHmacSecret('eg').metadata.namespace).toBe('eg');
  });

  test('the provider settings: one loopback port, the endpoints\' paths and hosts, the client and its redirect URI', () => {
    expect(oidcProviderSettings(policy())).toStrictEqual({
      issuer: 'https://127.0.0.1:18443',
      port: 18443,
      authorizationPath: '/authorize',
      tokenPath: '/token',
      clientId: 'chat-ui',
      redirectUri: 'https://chat.example.com/oauth2/callback',
      hosts: ['127.0.0.1', 'localhost'],
    });
  });

  test('a provider off loopback, on two ports, without an endpoint or without a redirectURL is an error naming the policy', () => {
    expect(() => oidcProviderSettings(policy({}, { tokenEndpoint: 'https://idp.example.com/token' })))
      .toThrow(/^SecurityPolicy llm\/chat: the provider's issuer and endpoints must be on one loopback port \(127\.x or localhost\)/);
    expect(() => oidcProviderSettings(policy({}, { tokenEndpoint: 'https://localhost:9443/token' }))).toThrow(/one loopback port/);
    expect(() => oidcProviderSettings(policy({}, { authorizationEndpoint: undefined })))
      .toThrow('SecurityPolicy llm/chat: the check serves the provider itself and needs its authorizationEndpoint');
    expect(() => oidcProviderSettings(policy({ redirectURL: undefined }))).toThrow('SecurityPolicy llm/chat: the check needs an explicit redirectURL');
  });
});

describe('cookies', () => {
  test('parseSetCookie reads the name, the value and whether the cookie is cleared', () => {
    expect(parseSetCookie('OauthHMAC-1=abc=; path=/; Max-Age=300; secure; HttpOnly')).toStrictEqual({
      name: 'OauthHMAC-1', value: 'abc=', cleared: false, attributes: ['path=/', 'Max-Age=300', 'secure', 'HttpOnly'],
    });
    expect(parseSetCookie('IdToken-1=deleted; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT').cleared).toBe(true);
    expect(parseSetCookie('IdToken-1=; Max-Age=0').cleared).toBe(true);
  });

  test('the jar keeps the cookies set and drops the cleared ones', () => {
    const jar = new CookieJar();
    jar.take(['a=1; secure', 'b=2']);
    jar.take(['a=; Max-Age=0', 'c=3']);
    expect(jar.header()).toBe('b=2; c=3');
    jar.take(undefined);
    expect(jar.header()).toBe('b=2; c=3');
  });

  test('stateUrl reads the URL of Envoy\'s state, and nothing from anything else', () => {
    expect(stateUrl(Buffer.from(JSON.stringify({ url: 'https://chat.example.com/v1/models', csrf_token: 'x' })).toString('base64url'))).toBe('https://chat.example.com/v1/models');
    expect(stateUrl('not base64 json')).toBeUndefined();
  });

  const session = {
    cookies: new Map([['OauthHMAC-1', 'sig'], ['OauthExpires-1', '1000'], ['AccessToken-1', 'enc-a'], ['IdToken-1', 'enc-i']]),
    names: ['OauthHMAC-1', 'OauthExpires-1', 'AccessToken-1', 'IdToken-1'],
  };

  test('a login session is sent as Envoy set it', () => {
    expect(sessionCookie('login', session)).toBe('OauthHMAC-1=sig; OauthExpires-1=1000; AccessToken-1=enc-a; IdToken-1=enc-i');
  });

  test('a forged session has every one of Envoy\'s names, none of its values, and an expiry an hour on', () => {
    const forged = new Map(sessionCookie('forged', session).split('; ').map((c) => c.split(/=(.*)/s).slice(0, 2) as [string, string]));
    expect([...forged.keys()]).toStrictEqual(session.names);
    for (const name of session.names) expect(forged.get(name)).not.toBe(session.cookies.get(name));
    expect(Number(forged.get('OauthExpires-1'))).toBeGreaterThan(Date.now() / 1000 + 3500);
  });

  test('a tampered session is the real one with its expiry a day on', () => {
    expect(sessionCookie('tampered', session)).toBe('OauthHMAC-1=sig; OauthExpires-1=87400; AccessToken-1=enc-a; IdToken-1=enc-i');
  });
});

describe('login', () => {
  const settings = oidcProviderSettings(policy());
  const provider = new OidcProvider({ ...settings, clientSecret: 's', subject: 'alice', key: generateSigningKey('k') });
  const state = Buffer.from(JSON.stringify({ url: 'https://chat.example.com/v1/models' })).toString('base64url');
  const toProvider: EnvoyAnswer = { status: 302, body: '', location: `https://127.0.0.1:18443/authorize?client_id=chat-ui&state=${state}`, setCookie: ['OauthNonce-1=n; Secure; HttpOnly'] };
  const back: EnvoyAnswer = { status: 302, body: '', location: `https://chat.example.com/oauth2/callback?code=c&state=${state}` };
  const signedIn: EnvoyAnswer = {
    status: 302,
    body: '',
    location: 'https://chat.example.com/v1/models',
    setCookie: ['OauthHMAC-1=sig; Secure; HttpOnly', 'OauthExpires-1=9; Secure; HttpOnly', 'AccessToken-1=a; Secure; HttpOnly', 'OauthNonce-1=; Max-Age=0'],
  };

  test('follows Envoy and the provider as a browser does and returns the cookies Envoy set', async () => {
    const sent: Array<[string, Record<string, string>]> = [];
    const envoy = async (p: string, h: Record<string, string>) => { sent.push([p, h]); return sent.length === 1 ? toProvider : signedIn; };
    const s = await login(envoy, async () => back, provider, settings, 'chat.example.com', '/v1/models');
    expect(sent).toStrictEqual([['/v1/models', {}], [`/oauth2/callback?code=c&state=${state}`, { cookie: 'OauthNonce-1=n' }]]);
    expect(s.names).toStrictEqual(['OauthHMAC-1', 'OauthExpires-1', 'AccessToken-1']);
    expect([...s.cookies.keys()]).toStrictEqual(['OauthHMAC-1', 'OauthExpires-1', 'AccessToken-1']);
  });

  test('says which step failed', async () => {
    const envoy = (answers: EnvoyAnswer[]) => { let i = 0; return async () => answers[i++]; };
    await expect(login(envoy([{ status: 200, body: '' }]), async () => back, provider, settings, 'chat.example.com', '/v1/models'))
      .rejects.toThrow('login: a request without a session got 200, expected a redirect to https://127.0.0.1:18443/authorize');
    await expect(login(envoy([toProvider]), async () => back, provider, settings, 'chat.example.com', '/other'))
      .rejects.toThrow('login: the redirect\'s state carries the URL https://chat.example.com/v1/models, expected https://chat.example.com/other');
    await expect(login(envoy([{ ...toProvider, location: 'https://127.0.0.1:18443/authorize?state=opaque' }]), async () => back, provider, settings, 'chat.example.com', '/v1/models'))
      .rejects.toThrow('login: the redirect\'s state "opaque" carries no URL, expected https://chat.example.com/v1/models');
    await expect(login(envoy([toProvider]), async () => ({ status: 400, body: 'unknown client' }), provider, settings, 'chat.example.com', '/v1/models'))
      .rejects.toThrow('login: the provider\'s authorization endpoint answered 400 (unknown client), expected a redirect to https://chat.example.com/oauth2/callback');
    await expect(login(envoy([toProvider, { status: 401, body: 'OAuth flow failed.' }]), async () => back, provider, settings, 'chat.example.com', '/v1/models'))
      .rejects.toThrow('login: Envoy answered the callback /oauth2/callback with 401 (OAuth flow failed.), expected a redirect; the provider\'s token endpoint was not called');
    await expect(login(envoy([toProvider, { ...signedIn, setCookie: ['OauthHMAC-1=sig; HttpOnly', 'OauthExpires-1=9; Secure; HttpOnly'] }]), async () => back, provider, settings, 'chat.example.com', '/v1/models'))
      .rejects.toThrow('login: Envoy set OauthHMAC-1 without Secure and HttpOnly');
    await expect(login(envoy([toProvider, { ...signedIn, setCookie: [] }]), async () => back, provider, settings, 'chat.example.com', '/v1/models'))
      .rejects.toThrow('login: after the callback Envoy set the cookies (none), expected its session cookies (OauthHMAC, OauthExpires, tokens)');
  });
});
