import { Authentication } from '../../../src';
import { synthEndpoint } from '../../support/endpoint-fixtures';

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
