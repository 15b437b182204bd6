import { InferenceBackend } from './inference-backend';
import { LimitScope } from './limit-scope';
import { TokenBudget } from './token-budget';

/**
 * Rate, size and time limits. By default controller limits are enforced by each controller
 * replica separately: with N replicas a client may get up to N times the rate (see `scope`).
 */
export interface TrafficLimits {
  /**
   * Where the rate limits are counted. `LimitScope.SHARED` counts them in one store for every
   * replica of the gateway (Envoy Gateway only; it relies on the platform's rate-limit service).
   * @default LimitScope.PER_REPLICA (needs nothing from the platform; N replicas allow N times the rate)
   */
  readonly scope?: LimitScope;

  /**
   * An LLM token budget per client address, spent by the tokens each response used (Envoy
   * Gateway only, with `scope: LimitScope.SHARED`): the endpoint then routes through an Envoy AI
   * Gateway `AIGatewayRoute`, whose external processor (the platform's) counts the tokens.
   * @default - no token budget
   */
  readonly tokenBudget?: TokenBudget;

  /**
   * Requests per second per client address.
   * @default 10
   */
  readonly requestsPerSecond?: number;

  /**
   * Requests per minute per client address, in addition to the per-second limit.
   * @default - no per-minute limit
   */
  readonly requestsPerMinute?: number;

  /**
   * Requests allowed above the rate in a burst.
   * @default 20
   */
  readonly burst?: number;

  /**
   * Concurrent connections per client address (long streaming responses hold one each).
   * @default 20
   */
  readonly maxConnections?: number;

  /**
   * Largest request body in MiB. Multimodal prompts (images, audio) need tens of MiB. It is the
   * endpoint's one body limit: the controller (`proxy-body-size`, `client-max-body-size`) and the
   * WAF profile (its per-host limit rule and `SecRequestBodyLimit`) enforce this same size.
   * @default - the WAF profile's `maxRequestBodyKiB` when it is set; otherwise 32
   */
  readonly maxBodyMiB?: number;

  /**
   * How long to wait for the model server's response, in seconds. The first token of a long
   * generation can take minutes; streaming (SSE) responses keep the connection open.
   * @default 600
   */
  readonly readTimeoutSeconds?: number;

  /**
   * How long sending the request to the model server may take, in seconds.
   * @default 600
   */
  readonly sendTimeoutSeconds?: number;

  /**
   * How long connecting to the model server may take, in seconds.
   * @default 10
   */
  readonly connectTimeoutSeconds?: number;

  /**
   * Buffer model-server responses in the controller. Off, so that streamed tokens (SSE)
   * reach clients as they are generated.
   * @default false
   */
  readonly bufferResponses?: boolean;

  /**
   * Limits per caller identity (a claim of the verified token), in addition to the limits per
   * client address (Envoy Gateway).
   * @default - limits per client address only
   */
  readonly perIdentity?: IdentityRateLimits;
}

/**
 * Request rates per caller identity: each distinct value of a claim the gateway forwards as a
 * header (`authentication.claimToHeaders`, e.g. `sub` as `x-user-id`) has its own budget, so
 * callers behind one address (a NAT, an office) do not share one, and one caller cannot spend
 * more by spreading over many addresses. Enforced by each gateway replica separately.
 */
export interface IdentityRateLimits {
  /** The forwarded claim header that names the caller (one of `authentication.claimToHeaders`). */
  readonly header: string;

  /**
   * Requests per second per identity.
   * @default - no per-second limit per identity (one of the three rates is required)
   */
  readonly requestsPerSecond?: number;

  /**
   * Requests per minute per identity.
   * @default - no per-minute limit per identity (one of the three rates is required)
   */
  readonly requestsPerMinute?: number;

  /**
   * Requests per hour per identity (a caller's hourly share of the GPUs). Envoy refills the budget
   * continuously, one request every hour / requestsPerHour.
   * @default - no per-hour limit per identity (one of the three rates is required)
   */
  readonly requestsPerHour?: number;
}

/** Client address ranges allowed or denied. */
export interface SourceRanges {
  /**
   * Only these ranges may call the endpoint.
   * @default - every address
   */
  readonly allow?: string[];

  /**
   * These ranges may never call the endpoint.
   * @default - none
   */
  readonly deny?: string[];
}

/** A second model version receiving part of the traffic. */
export interface CanaryOptions {
  /** The canary backend (model version B): an existing Service, usually. */
  readonly backend: InferenceBackend;

  /**
   * Percentage of requests (0 to 100) sent to the canary.
   * @default - none; then `header` is required
   */
  readonly weightPercent?: number;

  /**
   * Requests with this header go to the canary (with `headerValue`: only when it has that value).
   * @default - none; then `weightPercent` is required
   */
  readonly header?: string;

  /**
   * The value `header` must have.
   * @default - header `always` routes to the canary, as ingress-nginx defines
   */
  readonly headerValue?: string;
}
