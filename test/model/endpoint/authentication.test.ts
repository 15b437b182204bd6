import { Authentication } from '../../../src';
import { MINIMAL_ENVOY_GATEWAY_ENDPOINT, MINIMAL_F5_ENDPOINT, synthEndpoint } from '../../support/endpoint-fixtures';

describe('authentication URLs are safe to write into an annotation', () => {
  const external = (url: string, signinUrl?: string) => synthEndpoint({ authentication: Authentication.external({ url, signinUrl }) });

  test('accepts ordinary URLs, including nginx variables in the sign-in URL', () => {
    expect(() => external('http://oauth2-proxy.auth.svc.cluster.local/oauth2/auth',
      'https://auth.example.com/oauth2/start?rd=$escaped_request_uri')).not.toThrow();
  });

  test.each([
    ['a space', 'http://auth.example.com/oauth2/auth x', ' ', '%20'],
    ['a semicolon', 'http://auth.example.com/auth;proxy_pass http://evil', ';', '%3B'],
    ['a double quote', 'http://auth.example.com/"auth', '"', '%22'],
    ['a single quote', 'http://auth.example.com/\'auth', '\'', '%27'],
    ['a backslash', 'http://auth.example.com/\\auth', '\\', '%5C'],
    ['a newline', 'http://auth.example.com/auth\nmore_set_headers "X: y"', '\n', '%0A'],
    ['a tab', 'http://auth.example.com/\tauth', '\t', '%09'],
    ['a brace', 'http://auth.example.com/auth}', '}', '%7D'],
  ])('fails when the auth URL contains %s', (_, url, found, encoded) => {
    expect(() => external(url)).toThrow(`Invalid authentication.url: ${JSON.stringify(url)}. The URL contains ${JSON.stringify(found)}, which is written verbatim into the controller's configuration; percent-encode it (${encoded}) or remove it.`);
  });

  test('fails when the sign-in URL contains a semicolon or a newline', () => {
    expect(() => external('http://oauth2-proxy.auth.svc/oauth2/auth', 'https://auth.example.com/start;x'))
      .toThrow(/^Invalid authentication\.signinUrl: "https:\/\/auth\.example\.com\/start;x"\. The URL contains ";"/);
    expect(() => external('http://oauth2-proxy.auth.svc/oauth2/auth', 'https://auth.example.com/start\r\n'))
      .toThrow(/^Invalid authentication\.signinUrl: .*The URL contains "\\r"/);
  });
});

describe('a JWT\'s issuer and audiences', () => {
  const jwt = (options: object, base = MINIMAL_ENVOY_GATEWAY_ENDPOINT) =>
    synthEndpoint({ authentication: Authentication.jwt({ jwksUri: 'https://127.0.0.1:8443/jwks.json', ...options }) }, base);

  test('are checked where the target can check them (Envoy Gateway)', () => {
    expect(() => jwt({ issuer: 'https://127.0.0.1:8443', audiences: ['chat'] })).not.toThrow();
  });

  test('fails on F5 NGINX, whose JWT Policy checks neither, with the row\'s message', () => {
    expect(() => jwt({ jwksUri: undefined, jwksSecretName: 'jwks', issuer: 'https://issuer.test' }, MINIMAL_F5_ENDPOINT))
      .toThrow(/Invalid authentication\.issuer: "https:\/\/issuer\.test"\. f5-nginx cannot honour this option\. The F5 JWT Policy checks a token's signature and expiry, not its issuer or audiences/);
  });

  test('fails when the audiences are empty, or the issuer is not one line, naming the field', () => {
    expect(() => jwt({ audiences: [] })).toThrow(/Invalid authentication\.audiences: \[\]\. Give at least one audience/);
    expect(() => jwt({ issuer: 'https://a\nb' })).toThrow(/Invalid authentication\.issuer: "https:\/\/a\\nb"\. Use a non-empty single line/);
    expect(() => jwt({ audiences: ['chat', ' '] })).toThrow(/Invalid authentication\.audiences\[1\]: " "\. Use a non-empty single line/);
  });
});
