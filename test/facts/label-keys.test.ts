import * as keys from '../../src/facts/label-keys';

test('every label and annotation key is under secure-ai.cdk8s.io/ and they are distinct', () => {
  const values = Object.entries(keys).filter(([name]) => name !== 'MANAGED_BY').map(([, v]) => v);
  expect(values.length).toBeGreaterThan(10);
  expect(values.every((v) => /^secure-ai\.cdk8s\.io\/[a-z-]+$/.test(v))).toBe(true);
  expect(new Set(values).size).toBe(values.length);
});
