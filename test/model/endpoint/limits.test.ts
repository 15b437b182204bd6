import { Authentication } from '../../../src';
import { limitsModel } from '../../../src/model/endpoint/limits';
import { buildEndpointModel } from '../../../src/model/endpoint-model';
import { TargetFeature, TargetRequest } from '../../../src/model/exposure-targets';
import { LimitScope } from '../../../src/options/limit-scope';
import { TokenCostType } from '../../../src/options/token-cost-type';
import { MINIMAL_ENDPOINT, MINIMAL_ENVOY_GATEWAY_ENDPOINT, MINIMAL_F5_ENDPOINT } from '../../support/endpoint-fixtures';

const forwardingSub = Authentication.jwt({
  jwksUri: 'https://127.0.0.1:8443/jwks.json', issuer: 'https://127.0.0.1:8443', audiences: ['chat'], claimToHeaders: [{ claim: 'sub', header: 'x-user-id' }],
});
const identityModel = (perIdentity: object | undefined, overrides: object = {}) =>
  buildEndpointModel('llm', { ...MINIMAL_ENVOY_GATEWAY_ENDPOINT, authentication: forwardingSub, limits: { perIdentity: perIdentity as any }, ...overrides });

describe('limits per identity', () => {
  test('none: limits per client address only', () => {
    expect(identityModel(undefined).identityLimits).toBeUndefined();
  });

  test('keyed by a forwarded claim header (any case), with its claim', () => {
    expect(identityModel({ header: 'X-User-Id', requestsPerSecond: 2, requestsPerMinute: 30, requestsPerHour: 600 }).identityLimits)
      .toStrictEqual({ header: 'x-user-id', claim: 'sub', requestsPerSecond: 2, requestsPerMinute: 30, requestsPerHour: 600 });
    expect(identityModel({ header: 'x-user-id', requestsPerHour: 30 }).identityLimits)
      .toStrictEqual({ header: 'x-user-id', claim: 'sub', requestsPerSecond: undefined, requestsPerMinute: undefined, requestsPerHour: 30 });
  });

  test('fails on a header the gateway does not write from the token: a client could choose its own budget', () => {
    expect(() => identityModel({ header: 'x-client-id', requestsPerSecond: 2 }))
      .toThrow('Invalid limits.perIdentity.header: "x-client-id". Name a header of authentication.claimToHeaders (x-user-id): only those are written by the gateway from the verified token.');
    const noClaims = { authentication: Authentication.jwt({ jwksUri: 'https://127.0.0.1:8443/jwks.json', issuer: 'https://127.0.0.1:8443', audiences: ['chat'] }) };
    expect(() => identityModel({ header: 'x-user-id', requestsPerSecond: 2 }, noClaims))
      .toThrow(/^Invalid limits\.perIdentity\.header: "x-user-id"\. Limits per identity are keyed by a claim the gateway forwards: add it to Authentication\.jwt\(\{ claimToHeaders/);
  });

  test('fails without a rate, or with a rate out of range, naming the field', () => {
    expect(() => identityModel({ header: 'x-user-id' })).toThrow(/^Invalid limits\.perIdentity: \{ header: "x-user-id" \}\. Give one or more of requestsPerSecond, requestsPerMinute and requestsPerHour\.$/);
    expect(() => identityModel({ header: 'x-user-id', requestsPerSecond: 0 })).toThrow(/^Invalid limits\.perIdentity\.requestsPerSecond: 0\. Use a whole number from 1 to 100000\.$/);
    expect(() => identityModel({ header: 'x-user-id', requestsPerMinute: 1.5 })).toThrow(/^Invalid limits\.perIdentity\.requestsPerMinute: 1\.5\. Use a whole number/);
    expect(() => identityModel({ header: 'x-user-id', requestsPerHour: -1 })).toThrow(/^Invalid limits\.perIdentity\.requestsPerHour: -1\. Use a whole number from 1 to 360000000\.$/);
  });

  test('the Ingress targets fail, saying the controller cannot and what to use', () => {
    expect(() => buildEndpointModel('llm', { ...MINIMAL_ENDPOINT, limits: { perIdentity: { header: 'x-user-id', requestsPerSecond: 2 } } }))
      .toThrow(/^Invalid limits\.perIdentity: .*ingress-nginx cannot honour this option\. ingress-nginx limits requests per client address only \(limit-rps, limit-rpm\); remove limits\.perIdentity, or use EdgeController\.envoyGateway\(\)\.$/);
    expect(() => buildEndpointModel('llm', { ...MINIMAL_F5_ENDPOINT, limits: { perIdentity: { header: 'x-user-id', requestsPerSecond: 2 } } }))
      .toThrow(/^Invalid limits\.perIdentity: .*f5-nginx cannot honour this option\. This release renders F5 rate limits per client address only; remove limits\.perIdentity, or use EdgeController\.envoyGateway\(\)\.$/);
  });
});

const asked = (l: Parameters<typeof limitsModel>[0]) => {
  const requests: TargetRequest[] = [];
  const model = limitsModel(l, (r) => requests.push(r));
  return { model, features: requests.map((r) => r.feature) };
};

describe('the limits model', () => {
  test('limits are counted per replica by default, and ask nothing of the target for it', () => {
    const { model, features } = asked({});
    expect(model.scope).toBe(LimitScope.PER_REPLICA);
    expect(model.tokenBudget).toBeUndefined();
    expect(features).toStrictEqual([]);
  });

  test('shared limits and a token budget are put to the target; the budget is spent by total tokens under llm_total_token by default', () => {
    const { model, features } = asked({ scope: LimitScope.SHARED, tokenBudget: { tokensPerMinute: 2000, tokensPerHour: 50000 } });
    expect(model.scope).toBe(LimitScope.SHARED);
    expect(model.tokenBudget).toStrictEqual({ tokensPerMinute: 2000, tokensPerHour: 50000, costType: TokenCostType.TOTAL_TOKEN, costMetadataKey: 'llm_total_token' });
    expect(features).toStrictEqual([TargetFeature.SHARED_LIMITS, TargetFeature.TOKEN_BUDGET]);
    expect(asked({ scope: LimitScope.SHARED, tokenBudget: { tokensPerHour: 100, costMetadataKey: 'tenant_tokens' } }).model.tokenBudget)
      .toStrictEqual({ tokensPerMinute: undefined, tokensPerHour: 100, costType: TokenCostType.TOTAL_TOKEN, costMetadataKey: 'tenant_tokens' });
  });

  test('a cost type chooses the token count and, unless a key is given, the metadata key', () => {
    expect(asked({ scope: LimitScope.SHARED, tokenBudget: { tokensPerHour: 100, costType: TokenCostType.OUTPUT_TOKEN } }).model.tokenBudget)
      .toStrictEqual({ tokensPerMinute: undefined, tokensPerHour: 100, costType: TokenCostType.OUTPUT_TOKEN, costMetadataKey: 'llm_output_token' });
    expect(asked({ scope: LimitScope.SHARED, tokenBudget: { tokensPerHour: 100, costType: TokenCostType.INPUT_TOKEN, costMetadataKey: 'prompt' } }).model.tokenBudget?.costMetadataKey)
      .toBe('prompt');
  });

  test('fails on a cost type that is not one of TokenCostType\'s', () => {
    expect(() => asked({ scope: LimitScope.SHARED, tokenBudget: { tokensPerHour: 100, costType: { value: 'CEL' } as unknown as TokenCostType } }))
      .toThrow(/Invalid limits\.tokenBudget\.costType: "CEL"\. Use TokenCostType\.TOTAL_TOKEN, TokenCostType\.INPUT_TOKEN or TokenCostType\.OUTPUT_TOKEN/);
  });

  test('fails on a token budget counted per replica, naming the field and the scope to set', () => {
    expect(() => asked({ tokenBudget: { tokensPerMinute: 2000 } }))
      .toThrow(/Invalid limits\.tokenBudget: \{ tokensPerMinute: 2000 \}\..*set limits\.scope to LimitScope\.SHARED/s);
    expect(() => asked({ scope: LimitScope.PER_REPLICA, tokenBudget: { tokensPerMinute: 2000 } })).toThrow(/limits\.scope to LimitScope\.SHARED/);
  });

  test('fails on a token budget without a budget, with a budget out of range, or with a malformed metadata key', () => {
    expect(() => asked({ scope: LimitScope.SHARED, tokenBudget: {} })).toThrow(/Invalid limits\.tokenBudget: \{ *\}\. Give the budget: tokensPerMinute, tokensPerHour or both/);
    expect(() => asked({ scope: LimitScope.SHARED, tokenBudget: { tokensPerMinute: 0 } })).toThrow(/Invalid limits\.tokenBudget\.tokensPerMinute: 0/);
    expect(() => asked({ scope: LimitScope.SHARED, tokenBudget: { tokensPerHour: 1.5 } })).toThrow(/Invalid limits\.tokenBudget\.tokensPerHour: 1\.5/);
    expect(() => asked({ scope: LimitScope.SHARED, tokenBudget: { tokensPerMinute: 10, costMetadataKey: 'io.envoy.ai_gateway:llm total' } }))
      .toThrow(/Invalid limits\.tokenBudget\.costMetadataKey: "io\.envoy\.ai_gateway:llm total"\. Give a dynamic-metadata key for the token count/);
  });

  test('fails on a scope that is not one of LimitScope\'s', () => {
    expect(() => asked({ scope: { value: 'cluster' } as unknown as LimitScope })).toThrow(/Invalid limits\.scope: "cluster"\. Use LimitScope\.PER_REPLICA or LimitScope\.SHARED/);
  });
});
