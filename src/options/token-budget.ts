import { TokenCostType } from './token-cost-type';

/**
 * A budget of LLM tokens per client address: the tokens each response used are taken from the
 * client's budget, and once it is spent the client's requests are refused (429) until the period
 * ends. The endpoint routes through an Envoy AI Gateway `AIGatewayRoute` whose external processor
 * counts each response's tokens (`llmRequestCosts`), and the budget is counted in Envoy Gateway's
 * global rate limit (shared by every proxy replica). Needs an OpenAI-compatible model server.
 */
export interface TokenBudget {
  /**
   * Tokens a client address may use per minute.
   * @default - no per-minute budget; then `tokensPerHour` is required
   */
  readonly tokensPerMinute?: number;

  /**
   * Tokens a client address may use per hour.
   * @default - no per-hour budget; then `tokensPerMinute` is required
   */
  readonly tokensPerHour?: number;

  /**
   * Which token count spends the budget.
   * @default TokenCostType.TOTAL_TOKEN
   */
  readonly costType?: TokenCostType;

  /**
   * The key under which the endpoint's `AIGatewayRoute` has the Envoy AI Gateway write each
   * response's token count into Envoy's dynamic metadata (namespace `io.envoy.ai_gateway`), and
   * from which the rate limit reads it. A route-level entry overrides a GatewayConfig
   * `globalLLMRequestCosts` entry of the same key.
   * @default - the cost type's key: "llm_total_token", "llm_input_token" or "llm_output_token"
   */
  readonly costMetadataKey?: string;
}
