/**
 * A budget of LLM tokens per client address: the tokens each response used (as counted by the
 * Envoy AI Gateway's external processor) are taken from the client's budget, and once it is spent
 * the client's requests are refused (429) until the period ends. The budget is counted in Envoy
 * Gateway's global rate limit (shared by every proxy replica).
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
   * The key under which the platform's Envoy AI Gateway writes each response's token count into
   * Envoy's dynamic metadata (namespace `io.envoy.ai_gateway`): a `metadataKey` of its
   * `llmRequestCosts` (AIGatewayRoute, or GatewayConfig `globalLLMRequestCosts`).
   * @default "llm_total_token" (input and output tokens together)
   */
  readonly costMetadataKey?: string;
}
