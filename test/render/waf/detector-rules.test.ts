import { candidateOperator } from '../../../src/render/waf/detector-rules';

describe('candidateOperator', () => {
  test('@pm prefilters merge into one word list', () => {
    expect(candidateOperator(['@pm akia asia', '@pm hf_ akia'])).toBe('@pm akia asia hf_');
  });

  test('a regex prefilter turns the union into one case-insensitive alternation', () => {
    expect(candidateOperator(['@rx [0-9]{4}', '@pm ssn'])).toBe('@rx (?i)(?:[0-9]{4}|(?:ssn))');
    expect(candidateOperator(['@rx [0-9]{4}'])).toBe('@rx (?:[0-9]{4})');
  });
});
