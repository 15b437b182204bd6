import { PodSecurityLevel } from '../../src';

describe('PodSecurityLevel', () => {
  test('restricted and baseline parse; privileged needs the named opt-out with a reason', () => {
    expect(PodSecurityLevel.of('restricted')).toBe(PodSecurityLevel.RESTRICTED);
    expect(PodSecurityLevel.of('baseline')).toBe(PodSecurityLevel.BASELINE);
    const p = PodSecurityLevel.privilegedInsecure('  GPU driver installer  ');
    expect([p.level, p.insecureReason]).toStrictEqual(['privileged', 'GPU driver installer']);
    expect(() => PodSecurityLevel.privilegedInsecure('because')).toThrow(/at least 10 characters/);
  });
});
