import { CrsFamily } from '../../../src/options/waf/crs-family';

describe('CrsFamily', () => {
  test('defaults are the injection families', () => {
    expect(CrsFamily.defaults().map((f) => f.number)).toStrictEqual([921, 930, 931, 932, 941, 942, 944]);
  });
  test('all families have distinct numbers', () => {
    const n = CrsFamily.all().map((f) => f.number);
    expect(new Set(n).size).toBe(n.length);
  });
});
