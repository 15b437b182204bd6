import { Authentication, OidcAuthOptions, OidcCookieSameSite } from '../../../src';
import { oidcModel } from '../../../src/model/endpoint/oidc';
import { buildEndpointModel } from '../../../src/model/endpoint-model';
import { MINIMAL_ENDPOINT, MINIMAL_ENVOY_GATEWAY_ENDPOINT, MINIMAL_F5_ENDPOINT } from '../../support/endpoint-fixtures';

const OIDC: OidcAuthOptions = { issuer: 'https://127.0.0.1:9443', clientId: 'chat-ui', clientSecretName: 'chat-ui-oidc' };
const model = (options: Partial<OidcAuthOptions> = {}, base = MINIMAL_ENVOY_GATEWAY_ENDPOINT) =>
  buildEndpointModel('llm', { ...base, authentication: Authentication.oidc({ ...OIDC, ...options }) });

describe('OIDC login', () => {
  test('secure defaults: openid asked for, Lax cookies, the default callback and logout paths, the access token kept at the gateway', () => {
    const m = model();
    expect(m.auth.oidc).toStrictEqual({
      issuer: 'https://127.0.0.1:9443',
      clientId: 'chat-ui',
      clientSecretName: 'chat-ui-oidc',
      authorizationEndpoint: undefined,
      tokenEndpoint: undefined,
      redirectUrl: undefined,
      callbackPath: '/oauth2/callback',
      logoutPath: '/logout',
      scopes: ['openid'],
      cookieSameSite: OidcCookieSameSite.LAX,
      forwardAccessToken: false,
    });
    expect(m.weakenings.map((w) => w.option)).not.toContain('authentication.forwardAccessTokenInsecure: true');
  });

  test('openid is always asked for, first and once', () => {
    expect(model({ scopes: ['profile', 'openid', 'email', 'profile'] }).auth.oidc!.scopes).toStrictEqual(['openid', 'profile', 'email']);
  });

  test('the callback path is the redirect URL\'s', () => {
    expect(model({ redirectUrl: 'https://llm.example.com/login/done' }).auth.oidc!.callbackPath).toBe('/login/done');
  });

  test('forwarding the access token is a weakened control', () => {
    const m = model({ forwardAccessTokenInsecure: true });
    expect(m.auth.oidc!.forwardAccessToken).toBe(true);
    expect(m.weakenings).toContainEqual({
      option: 'authentication.forwardAccessTokenInsecure: true',
      effect: 'The user\'s OIDC access token is forwarded to the model server, which (and anything reading its requests or logs) can act as the user wherever the token is accepted.',
    });
  });

  test.each([
    ['issuer', 'http://idp.example.com', /^Invalid authentication\.issuer: "http:\/\/idp\.example\.com"\. Use an https:\/\/ URL/],
    ['issuer', 'idp.example.com', /^Invalid authentication\.issuer: "idp\.example\.com"\. Give an absolute https:\/\/ URL/],
    ['authorizationEndpoint', 'http://10.0.0.1/auth', /^Invalid authentication\.authorizationEndpoint: "http:\/\/10\.0\.0\.1\/auth"\. Use an https:\/\/ URL/],
    ['tokenEndpoint', 'https://user:pw@idp.example.com/token', /^Invalid authentication\.tokenEndpoint: .*without whitespace, quotes, backslashes, braces, credentials or a #fragment\.$/],
    ['tokenEndpoint', 'https://127.0.0.1:9443/token', /^Invalid authentication\.tokenEndpoint: "https:\/\/127\.0\.0\.1:9443\/token"\. Envoy Gateway calls the token endpoint by DNS name and refuses an IP address/],
    ['tokenEndpoint', 'https://[::1]:9443/token', /^Invalid authentication\.tokenEndpoint: "https:\/\/\[::1\]:9443\/token"\. Envoy Gateway calls the token endpoint by DNS name/],
    ['redirectUrl', 'http://llm.example.com/oauth2/callback', /^Invalid authentication\.redirectUrl: "http:\/\/llm\.example\.com\/oauth2\/callback"\. Use an https:\/\/ URL/],
    ['redirectUrl', 'https://llm.example.com/cb#x', /^Invalid authentication\.redirectUrl: .*#fragment\.$/],
    ['clientId', 'chat ui', /^Invalid authentication\.clientId: "chat ui"\. Give the client ID registered with the provider: 1 to 256 visible ASCII characters, no spaces\.$/],
    ['clientSecretName', 'Chat_UI', /^Invalid authentication\.clientSecretName: "Chat_UI"\. Use a DNS-1123 subdomain/],
    ['logoutPath', 'logout', /^Invalid authentication\.logoutPath: "logout"\. Use an absolute path/],
    ['logoutPath', '/oauth2/callback', /^Invalid authentication\.logoutPath: "\/oauth2\/callback"\. Use a path other than the login callback \(\/oauth2\/callback\)/],
    ['scopes', ['profile email'], /^Invalid authentication\.scopes\[0\]: "profile email"\. Give one scope per entry, without spaces/],
    ['scopes', 'profile', /^Invalid authentication\.scopes: "profile"\. Give a list of scopes/],
    ['forwardAccessTokenInsecure', 'yes', /^Invalid authentication\.forwardAccessTokenInsecure: "yes"\. Use true or false\.$/],
    ['cookieSameSite', 'None', /^Invalid authentication\.cookieSameSite: "None"\. Use OidcCookieSameSite\.LAX or OidcCookieSameSite\.STRICT\.$/],
  ])('%s %j fails, naming the field, the value and the fix', (field, value, message) => {
    expect(() => model({ [field]: value })).toThrow(message);
  });

  test('plain http only on a loopback address (local tests of the login flow)', () => {
    expect(model({ issuer: 'http://127.0.0.1:9080', tokenEndpoint: 'http://localhost:9080/token' }).auth.oidc!.issuer).toBe('http://127.0.0.1:9080');
  });

  test('without options it fails naming what to give', () => {
    expect(() => oidcModel(undefined as any, [])).toThrow(/^Invalid authentication\.oidc: undefined\. Give the provider's issuer, the clientId and clientSecretName\.$/);
  });

  test('ingress-nginx fails, pointing to an external auth service such as oauth2-proxy', () => {
    expect(() => model({}, MINIMAL_ENDPOINT)).toThrow(/^Invalid authentication: "oidc"\. ingress-nginx cannot honour this option\. ingress-nginx has no OIDC login of its own; use Authentication\.external with an auth service such as oauth2-proxy/);
  });

  test('F5 NGINX fails, naming NGINX Plus and the alternative', () => {
    expect(() => model({}, MINIMAL_F5_ENDPOINT)).toThrow(/^Invalid authentication: "oidc"\. f5-nginx cannot honour this option\. The F5 oidc Policy is an NGINX Plus feature/);
  });
});
