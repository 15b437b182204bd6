import { Authentication, JwtClaimRequirement } from '../../../src';
import { buildEndpointModel } from '../../../src/model/endpoint-model';
import { MINIMAL_ENDPOINT, MINIMAL_ENVOY_GATEWAY_ENDPOINT, MINIMAL_F5_ENDPOINT, synthEndpoint } from '../../support/endpoint-fixtures';

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

describe('a JWT\'s issuer and audiences are required where the target checks them', () => {
  const jwt = (options: object, base = MINIMAL_ENVOY_GATEWAY_ENDPOINT) =>
    buildEndpointModel('llm', { ...base, authentication: Authentication.jwt({ jwksUri: 'https://127.0.0.1:8443/jwks.json', ...options }) });

  test('Envoy Gateway: a provider without an issuer fails, naming the field and the opt-out', () => {
    expect(() => jwt({ audiences: ['chat'] })).toThrow('Invalid authentication.issuer: undefined. Give the issuer tokens must name (iss, e.g. "https://idp.example.com"): '
      + 'without it any issuer\'s token signed by a key of the JWKS is accepted. To accept them knowingly, set anyIssuerOrAudienceInsecure: true (reported).');
  });

  test('Envoy Gateway: a provider without audiences fails, naming the field and the opt-out', () => {
    expect(() => jwt({ issuer: 'https://127.0.0.1:8443' })).toThrow(/^Invalid authentication\.audiences: undefined\. Give the audiences tokens must name one of .*anyIssuerOrAudienceInsecure: true \(reported\)\.$/);
  });

  test('anyIssuerOrAudienceInsecure lets a provider without them through, as a weakened control naming what is accepted', () => {
    expect(jwt({ anyIssuerOrAudienceInsecure: true }).weakenings).toContainEqual({
      option: 'authentication.anyIssuerOrAudienceInsecure: true',
      effect: 'JWTs from any issuer and for any audience are accepted when signed by a key of the JWKS (a key shared with other issuers or services lets their tokens in).',
    });
    expect(jwt({ anyIssuerOrAudienceInsecure: true, issuer: 'https://127.0.0.1:8443' }).weakenings.map((w) => w.effect))
      .toContainEqual(expect.stringMatching(/^JWTs for any audience are accepted/));
  });

  test('anyIssuerOrAudienceInsecure with both given fails: there is nothing to weaken', () => {
    expect(() => jwt({ anyIssuerOrAudienceInsecure: true, issuer: 'https://127.0.0.1:8443', audiences: ['chat'] }))
      .toThrow(/^Invalid authentication\.anyIssuerOrAudienceInsecure: true\. Both issuer and audiences are given.*remove anyIssuerOrAudienceInsecure\.$/);
  });

  test('with both, nothing is weakened', () => {
    expect(jwt({ issuer: 'https://127.0.0.1:8443', audiences: ['chat'] }).weakenings.map((w) => w.option)).not.toContain('authentication.anyIssuerOrAudienceInsecure: true');
  });

  test('F5 NGINX, whose JWT Policy cannot check them, does not require them', () => {
    expect(() => jwt({ jwksUri: undefined, jwksSecretName: 'jwks' }, MINIMAL_F5_ENDPOINT)).not.toThrow();
  });
});

describe('authorisation by claims and claims forwarded as headers', () => {
  const jwt = (options: object, base = MINIMAL_ENVOY_GATEWAY_ENDPOINT) => buildEndpointModel('llm', {
    ...base,
    authentication: Authentication.jwt({ jwksUri: 'https://127.0.0.1:8443/jwks.json', issuer: 'https://127.0.0.1:8443', audiences: ['chat'], ...options }),
  });
  const rule = { claims: [JwtClaimRequirement.listContains('groups', ['ml-team'])] };

  test('Envoy Gateway: read into the model', () => {
    const m = jwt({ authorization: [rule], claimToHeaders: [{ claim: 'sub', header: 'X-User-Id' }] });
    expect(m.auth.authorization.map((r) => r.name)).toStrictEqual(['allow-1']);
    expect(m.auth.claimToHeaders).toStrictEqual([{ claim: 'sub', header: 'x-user-id' }]);
  });

  test('F5 NGINX fails on each, saying the controller cannot and what to use', () => {
    const f5 = { jwksUri: undefined, jwksSecretName: 'jwks', issuer: undefined, audiences: undefined };
    expect(() => jwt({ ...f5, authorization: [rule] }, MINIMAL_F5_ENDPOINT))
      .toThrow(/^Invalid authentication\.authorization: .*f5-nginx cannot honour this option\. The F5 JWT Policy checks a token's signature and expiry, not its claims or scopes; remove authentication\.authorization, or use EdgeController\.envoyGateway\(\)\.$/);
    expect(() => jwt({ ...f5, claimToHeaders: [{ claim: 'sub', header: 'x-user-id' }] }, MINIMAL_F5_ENDPOINT))
      .toThrow(/^Invalid authentication\.claimToHeaders: .*f5-nginx cannot honour this option\. The F5 JWT Policy does not forward claims as headers.*EdgeController\.envoyGateway\(\)\.$/);
  });

  test('ingress-nginx fails first on JWT itself, pointing to an auth service', () => {
    expect(() => jwt({ authorization: [rule] }, MINIMAL_ENDPOINT)).toThrow(/^Invalid authentication: "jwt"\. ingress-nginx cannot honour this option\. ingress-nginx cannot validate JWTs itself/);
  });
});
