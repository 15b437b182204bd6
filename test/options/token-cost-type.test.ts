import { TokenCostType } from '../../src/options/token-cost-type';

describe('TokenCostType', () => {
  test('total, input and output tokens: the llmRequestCosts type and the key each is written under by default', () => {
    const types = [TokenCostType.TOTAL_TOKEN, TokenCostType.INPUT_TOKEN, TokenCostType.OUTPUT_TOKEN];
    expect(types.map((t) => [t.value, t.defaultMetadataKey])).toStrictEqual([
      ['TotalToken', 'llm_total_token'],
      ['InputToken', 'llm_input_token'],
      ['OutputToken', 'llm_output_token'],
    ]);
  });
});
