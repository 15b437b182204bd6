import { limitsModel } from '../../../src/model/endpoint/limits';
import { TargetFeature, TargetRequest } from '../../../src/model/exposure-targets';
import { LimitScope } from '../../../src/options/limit-scope';

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

  test('shared limits and a token budget are put to the target; the budget is spent by llm_total_token by default', () => {
    const { model, features } = asked({ scope: LimitScope.SHARED, tokenBudget: { tokensPerMinute: 2000, tokensPerHour: 50000 } });
    expect(model.scope).toBe(LimitScope.SHARED);
    expect(model.tokenBudget).toStrictEqual({ tokensPerMinute: 2000, tokensPerHour: 50000, costMetadataKey: 'llm_total_token' });
    expect(features).toStrictEqual([TargetFeature.SHARED_LIMITS, TargetFeature.TOKEN_BUDGET]);
    expect(asked({ scope: LimitScope.SHARED, tokenBudget: { tokensPerHour: 100, costMetadataKey: 'llm_output_token' } }).model.tokenBudget)
      .toStrictEqual({ tokensPerMinute: undefined, tokensPerHour: 100, costMetadataKey: 'llm_output_token' });
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
      .toThrow(/Invalid limits\.tokenBudget\.costMetadataKey: "io\.envoy\.ai_gateway:llm total"\. Give the metadataKey of an llmRequestCosts entry/);
  });

  test('fails on a scope that is not one of LimitScope\'s', () => {
    expect(() => asked({ scope: { value: 'cluster' } as unknown as LimitScope })).toThrow(/Invalid limits\.scope: "cluster"\. Use LimitScope\.PER_REPLICA or LimitScope\.SHARED/);
  });
});
