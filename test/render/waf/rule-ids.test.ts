import { RuleIds } from '../../../src/render/waf/rule-ids';

describe('RuleIds', () => {
  test('hands out the ids of its block in order', () => {
    const ids = new RuleIds(73010, 73011);
    expect([ids.take(), ids.take()]).toStrictEqual([73010, 73011]);
  });

  test('fails when the block is exhausted', () => {
    const ids = new RuleIds(73900, 73900);
    ids.take();
    expect(() => ids.take()).toThrow(/rule id block 73900-73900 is exhausted/);
  });
});
