import { LimitScope } from '../../src/options/limit-scope';

describe('LimitScope', () => {
  test('per replica and shared, one instance each', () => {
    expect(LimitScope.PER_REPLICA.value).toBe('per-replica');
    expect(LimitScope.SHARED.value).toBe('shared');
    expect(LimitScope.PER_REPLICA).not.toBe(LimitScope.SHARED);
  });
});
