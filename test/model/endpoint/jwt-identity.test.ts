import { JwtClaimRequirement, JwtClaimValueType } from '../../../src';
import { jwtAuthorizationModel, jwtClaimHeadersModel } from '../../../src/model/endpoint/jwt-identity';

describe('authorisation rules by claims and scopes', () => {
  test('none given: no rule (every valid token may call)', () => {
    expect(jwtAuthorizationModel(undefined)).toStrictEqual([]);
  });

  test('are named allow-<n> unless named, with their claims and scopes', () => {
    expect(jwtAuthorizationModel([
      { claims: [JwtClaimRequirement.listContains('groups', ['ml-team'])] },
      { name: 'invokers', scopes: ['inference:invoke'], claims: [JwtClaimRequirement.stringEquals('realm_access.tenant', ['acme'])] },
    ])).toStrictEqual([
      { name: 'allow-1', claims: [{ claim: 'groups', values: ['ml-team'], valueType: JwtClaimValueType.STRING_ARRAY }], scopes: [] },
      { name: 'invokers', claims: [{ claim: 'realm_access.tenant', values: ['acme'], valueType: JwtClaimValueType.STRING }], scopes: ['inference:invoke'] },
    ]);
  });

  test.each([
    [[], /^Invalid authentication\.authorization: \[\]\. Give at least one rule/],
    [[{}], /^Invalid authentication\.authorization\[0\]: \{\}\. A rule needs claims or scopes to match; a rule without them would let every valid token in/],
    [[{ claims: [], scopes: [] }], /^Invalid authentication\.authorization\[0\]: .*A rule needs claims or scopes/],
    [[{ claims: [{ claim: 'groups', values: ['a'] }] }], /^Invalid authentication\.authorization\[0\]\.claims\[0\]: .*Use JwtClaimRequirement\.listContains\(claim, values\) or JwtClaimRequirement\.stringEquals/],
    [[{ claims: [JwtClaimRequirement.listContains('groups', [])] }], /^Invalid authentication\.authorization\[0\]\.claims\[0\]\.values: \[\]\. Give at least one accepted value/],
    [[{ claims: [JwtClaimRequirement.listContains('groups', ['a\nb'])] }], /^Invalid authentication\.authorization\[0\]\.claims\[0\]\.values\[0\]: "a\\nb"\./],
    [[{ claims: [JwtClaimRequirement.listContains('groups', ['a', 'a'])] }], /^Invalid authentication\.authorization\[0\]\.claims\[0\]\.values: "a"\. Each value may appear only once/],
    [[{ claims: [JwtClaimRequirement.listContains('my groups', ['a'])] }], /^Invalid authentication\.authorization\[0\]\.claims\[0\]\.claim: "my groups"\. Name a claim by letters/],
    [[{ claims: [JwtClaimRequirement.listContains('org..team', ['a'])] }], /^Invalid authentication\.authorization\[0\]\.claims\[0\]\.claim: "org\.\.team"\./],
    [[{ scopes: ['inference invoke'] }], /^Invalid authentication\.authorization\[0\]\.scopes\[0\]: "inference invoke"\. A scope is one word/],
    [[{ scopes: ['a"b'] }], /^Invalid authentication\.authorization\[0\]\.scopes\[0\]: .*A scope is one word/],
    [[{ name: 'Team A', scopes: ['x'] }], /^Invalid authentication\.authorization\[0\]\.name: "Team A"\./],
    [[{ name: 'deny-source-ranges', scopes: ['x'] }], /^Invalid authentication\.authorization\[0\]\.name: "deny-source-ranges"\. The endpoint names its own rules deny-tokens-without-forwarded-claims, deny-source-ranges, allow-source-ranges; choose another name\.$/],
    [[{ name: 'ml', scopes: ['x'] }, { name: 'ml', scopes: ['y'] }], /^Invalid authentication\.authorization \(rule names\): "ml"\. Each value may appear only once/],
  ])('fails on %j, naming the field', (rules, message) => {
    expect(() => jwtAuthorizationModel(rules as any)).toThrow(message);
  });
});

describe('claims forwarded as headers', () => {
  test('none given: none forwarded', () => {
    expect(jwtClaimHeadersModel(undefined)).toStrictEqual([]);
  });

  test('header names in lower case, as Envoy writes them', () => {
    expect(jwtClaimHeadersModel([{ claim: 'sub', header: 'X-User-Id' }, { claim: 'org.tenant', header: 'x-tenant' }]))
      .toStrictEqual([{ claim: 'sub', header: 'x-user-id' }, { claim: 'org.tenant', header: 'x-tenant' }]);
  });

  test.each([
    [[], /^Invalid authentication\.claimToHeaders: \[\]\. Give at least one claim and header/],
    [[{ claim: 'sub', header: 'x user' }], /^Invalid authentication\.claimToHeaders\[0\]\.header: "x user"\. Use an HTTP header name/],
    [[{ claim: 'sub', header: 'Authorization' }], /^Invalid authentication\.claimToHeaders\[0\]\.header: "Authorization"\. This header carries the request's framing, routing, credential or client address/],
    [[{ claim: 'sub', header: 'X-Forwarded-For' }], /^Invalid authentication\.claimToHeaders\[0\]\.header: "X-Forwarded-For"\. This header carries/],
    [[{ claim: 'sub', header: 'x-envoy-original-path' }], /^Invalid authentication\.claimToHeaders\[0\]\.header: "x-envoy-original-path"\. This header carries/],
    [[{ claim: 'sub id', header: 'x-user-id' }], /^Invalid authentication\.claimToHeaders\[0\]\.claim: "sub id"\. Name a claim/],
    [[{ claim: 'sub', header: 'x-user' }, { claim: 'email', header: 'X-User' }], /^Invalid authentication\.claimToHeaders \(headers\): "x-user"\. Each value may appear only once/],
  ])('fails on %j, naming the field', (headers, message) => {
    expect(() => jwtClaimHeadersModel(headers as any)).toThrow(message);
  });
});
