/**
 * Which of a response's token counts spends the token budget: the Envoy AI Gateway reads the
 * usage an OpenAI-schema response reports and writes the chosen count into Envoy's dynamic
 * metadata (an `llmRequestCosts` entry of the endpoint's `AIGatewayRoute`).
 */
export class TokenCostType {
  /** Prompt and completion tokens together (`TotalToken`). */
  public static readonly TOTAL_TOKEN = new TokenCostType('TotalToken', 'llm_total_token');

  /** Prompt tokens only (`InputToken`). */
  public static readonly INPUT_TOKEN = new TokenCostType('InputToken', 'llm_input_token');

  /** Completion tokens only (`OutputToken`): what a model server spends most GPU time on. */
  public static readonly OUTPUT_TOKEN = new TokenCostType('OutputToken', 'llm_output_token');

  private constructor(
    /** The `type` of the `llmRequestCosts` entry. */
    public readonly value: string,
    /** The metadata key the endpoint writes this count under unless `costMetadataKey` names another. */
    public readonly defaultMetadataKey: string,
  ) {}
}
