import { AuthModel } from './authentication';
import { parseCidr } from '../../options/cidr';
import { LimitScope } from '../../options/limit-scope';
import { TokenBudget } from '../../options/token-budget';
import { TokenCostType } from '../../options/token-cost-type';
import { IdentityRateLimits, SourceRanges, TrafficLimits } from '../../options/traffic-limits';
import { integer } from '../../options/validate';
import { ValidationError } from '../../options/validation-error';
import { LlmWafProfile } from '../../options/waf/llm-waf-profile';
import { TargetFeature, TargetRequest } from '../exposure-targets';
import { bodyLimitKiB } from './body-limit';

/** Client address ranges, canonical. @internal */
export interface SourceRangesModel {
  readonly allow: string[];
  readonly deny: string[];
}

/** A token budget, validated. @internal */
export interface TokenBudgetModel {
  readonly tokensPerMinute?: number;
  readonly tokensPerHour?: number;
  /** Which token count spends the budget. */
  readonly costType: TokenCostType;
  /** The key of the token count in dynamic metadata namespace `io.envoy.ai_gateway`. */
  readonly costMetadataKey: string;
}

/** Rate, size and time limits, with their defaults. @internal */
export interface LimitsModel {
  /** Where the rate limits and the token budget are counted. */
  readonly scope: LimitScope;
  readonly tokenBudget?: TokenBudgetModel;
  readonly requestsPerSecond: number;
  readonly requestsPerMinute?: number;
  readonly burst: number;
  readonly maxConnections: number;
  /** The endpoint's one body limit, in KiB: the controller and the WAF enforce this size. */
  readonly maxBodyKiB: number;
  readonly readTimeoutSeconds: number;
  readonly sendTimeoutSeconds: number;
  readonly connectTimeoutSeconds: number;
  readonly bufferResponses: boolean;
}

/** Limits per caller identity, keyed by a forwarded claim header. @internal */
export interface IdentityLimitsModel {
  /** The forwarded claim header (lower case). */
  readonly header: string;
  /** The claim it carries. */
  readonly claim: string;
  readonly requestsPerSecond?: number;
  readonly requestsPerMinute?: number;
  readonly requestsPerHour?: number;
}

/** Source ranges, validated. @internal */
export function sourceRangesModel(r: SourceRanges | undefined, ask: (r: TargetRequest) => void): SourceRangesModel {
  const cidrs = (field: string, list?: string[]) => (list ?? []).map((c, i) => parseCidr(`${field}[${i}]`, c).text);
  const ranges = { allow: cidrs('sourceRanges.allow', r?.allow), deny: cidrs('sourceRanges.deny', r?.deny) };
  if (ranges.allow.length > 0 && ranges.deny.length > 0) {
    ask({ feature: TargetFeature.SOURCE_RANGES_ALLOW_AND_DENY, field: 'sourceRanges', value: r });
  }
  return ranges;
}

/**
 * Limits, validated; options the target cannot honour are put to it. The body limit is the one
 * of `limits` and the WAF profile (`wafProfile`), which must agree. @internal
 */
export function limitsModel(l: TrafficLimits = {}, ask: (r: TargetRequest) => void, wafProfile?: LlmWafProfile): LimitsModel {
  const positive = (field: string, v: number | undefined, d: number, max: number) => integer(field, v ?? d, 1, max);
  const scope = limitScope(l.scope);
  const limits = {
    scope,
    tokenBudget: l.tokenBudget === undefined ? undefined : tokenBudgetModel(l.tokenBudget, scope),
    requestsPerSecond: positive('limits.requestsPerSecond', l.requestsPerSecond, 10, 100000),
    requestsPerMinute: l.requestsPerMinute === undefined ? undefined : positive('limits.requestsPerMinute', l.requestsPerMinute, 0, 6000000),
    burst: integer('limits.burst', l.burst ?? 20, 0, 100000),
    maxConnections: positive('limits.maxConnections', l.maxConnections, 20, 100000),
    maxBodyKiB: bodyLimitKiB(l, wafProfile),
    readTimeoutSeconds: positive('limits.readTimeoutSeconds', l.readTimeoutSeconds, 600, 86400),
    sendTimeoutSeconds: positive('limits.sendTimeoutSeconds', l.sendTimeoutSeconds, 600, 86400),
    connectTimeoutSeconds: positive('limits.connectTimeoutSeconds', l.connectTimeoutSeconds, 10, 75),
    bufferResponses: l.bufferResponses ?? false,
  };
  if (limits.requestsPerMinute !== undefined) {
    ask({ feature: TargetFeature.REQUESTS_PER_MINUTE, field: 'limits.requestsPerMinute', value: limits.requestsPerMinute });
  }
  if (scope === LimitScope.SHARED) ask({ feature: TargetFeature.SHARED_LIMITS, field: 'limits.scope', value: scope.value });
  if (limits.tokenBudget !== undefined) ask({ feature: TargetFeature.TOKEN_BUDGET, field: 'limits.tokenBudget', value: l.tokenBudget });
  if (l.burst !== undefined) ask({ feature: TargetFeature.BURST, field: 'limits.burst', value: l.burst });
  if (l.maxConnections !== undefined) ask({ feature: TargetFeature.MAX_CONNECTIONS, field: 'limits.maxConnections', value: l.maxConnections });
  return limits;
}

/**
 * Limits per identity, validated against the claims the gateway forwards (`auth`): the key must be
 * a header the gateway writes from the verified token, never one a client could choose. @internal
 */
export function identityLimitsModel(l: IdentityRateLimits | undefined, auth: AuthModel,
  ask: (r: TargetRequest) => void): IdentityLimitsModel | undefined {
  if (l === undefined) return undefined;
  ask({ feature: TargetFeature.PER_IDENTITY_RATE_LIMIT, field: 'limits.perIdentity', value: l });
  const forwarded = auth.claimToHeaders.find((h) => typeof l.header === 'string' && h.header === l.header.toLowerCase());
  if (!forwarded) {
    throw new ValidationError('limits.perIdentity.header', l.header, auth.claimToHeaders.length === 0
      ? 'Limits per identity are keyed by a claim the gateway forwards: add it to Authentication.jwt({ claimToHeaders: [{ claim: "sub", header: "x-user-id" }] }) and name that header here.'
      : `Name a header of authentication.claimToHeaders (${auth.claimToHeaders.map((h) => h.header).join(', ')}): only those are written by the gateway from the verified token.`);
  }
  if (l.requestsPerSecond === undefined && l.requestsPerMinute === undefined && l.requestsPerHour === undefined) {
    throw new ValidationError('limits.perIdentity', l, 'Give one or more of requestsPerSecond, requestsPerMinute and requestsPerHour.');
  }
  return {
    header: forwarded.header,
    claim: forwarded.claim,
    requestsPerSecond: l.requestsPerSecond === undefined ? undefined : integer('limits.perIdentity.requestsPerSecond', l.requestsPerSecond, 1, 100000),
    requestsPerMinute: l.requestsPerMinute === undefined ? undefined : integer('limits.perIdentity.requestsPerMinute', l.requestsPerMinute, 1, 6000000),
    requestsPerHour: l.requestsPerHour === undefined ? undefined : integer('limits.perIdentity.requestsPerHour', l.requestsPerHour, 1, 360000000),
  };
}

function limitScope(scope: LimitScope | undefined): LimitScope {
  if (scope === undefined) return LimitScope.PER_REPLICA;
  if (scope !== LimitScope.PER_REPLICA && scope !== LimitScope.SHARED) {
    throw new ValidationError('limits.scope', (scope as { value?: unknown })?.value ?? scope, 'Use LimitScope.PER_REPLICA or LimitScope.SHARED.');
  }
  return scope;
}

/** Envoy's dynamic-metadata keys as the Envoy AI Gateway writes them (`llm_total_token`, ...). */
const METADATA_KEY = /^[A-Za-z0-9_.-]{1,128}$/;

function tokenBudgetModel(b: TokenBudget, scope: LimitScope): TokenBudgetModel {
  if (scope !== LimitScope.SHARED) {
    throw new ValidationError('limits.tokenBudget', b, 'A token budget is spent by every response, whichever proxy replica served it, so it is counted in the shared store: set limits.scope to LimitScope.SHARED as well (it relies on the platform\'s rate-limit service).');
  }
  const tokensPerMinute = b.tokensPerMinute === undefined ? undefined : integer('limits.tokenBudget.tokensPerMinute', b.tokensPerMinute, 1, 1_000_000_000);
  const tokensPerHour = b.tokensPerHour === undefined ? undefined : integer('limits.tokenBudget.tokensPerHour', b.tokensPerHour, 1, 1_000_000_000_000);
  if (tokensPerMinute === undefined && tokensPerHour === undefined) {
    throw new ValidationError('limits.tokenBudget', b, 'Give the budget: tokensPerMinute, tokensPerHour or both.');
  }
  const costType = b.costType ?? TokenCostType.TOTAL_TOKEN;
  if (![TokenCostType.TOTAL_TOKEN, TokenCostType.INPUT_TOKEN, TokenCostType.OUTPUT_TOKEN].includes(costType)) {
    throw new ValidationError('limits.tokenBudget.costType', (costType as { value?: unknown })?.value ?? costType,
      'Use TokenCostType.TOTAL_TOKEN, TokenCostType.INPUT_TOKEN or TokenCostType.OUTPUT_TOKEN.');
  }
  const costMetadataKey = b.costMetadataKey ?? costType.defaultMetadataKey;
  if (!METADATA_KEY.test(costMetadataKey)) {
    throw new ValidationError('limits.tokenBudget.costMetadataKey', costMetadataKey, 'Give a dynamic-metadata key for the token count: letters, digits, "_", "." or "-", at most 128 characters (e.g. "llm_total_token").');
  }
  return { tokensPerMinute, tokensPerHour, costType, costMetadataKey };
}
