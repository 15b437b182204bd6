import { bodyLimitKiB, DEFAULT_MAX_BODY_KIB } from '../../../src/model/endpoint/body-limit';
import { LlmWafProfile } from '../../../src/options/waf/llm-waf-profile';

describe('bodyLimitKiB', () => {
  test('32 MiB when neither the limits nor the profile set one', () => {
    expect(DEFAULT_MAX_BODY_KIB).toBe(32768);
    expect(bodyLimitKiB(undefined, undefined)).toBe(32768);
    expect(bodyLimitKiB({}, new LlmWafProfile())).toBe(32768);
  });

  test('limits.maxBodyMiB, whatever the profile leaves unset', () => {
    expect(bodyLimitKiB({ maxBodyMiB: 64 }, undefined)).toBe(65536);
    expect(bodyLimitKiB({ maxBodyMiB: 64 }, new LlmWafProfile())).toBe(65536);
  });

  test('the profile\'s maxRequestBodyKiB when the limits leave it unset, whole MiB or not', () => {
    expect(bodyLimitKiB(undefined, new LlmWafProfile({ maxRequestBodyKiB: 10240 }))).toBe(10240);
    expect(bodyLimitKiB({ requestsPerSecond: 5 }, new LlmWafProfile({ maxRequestBodyKiB: 1500 }))).toBe(1500);
  });

  test('both, when they agree', () => {
    expect(bodyLimitKiB({ maxBodyMiB: 16 }, new LlmWafProfile({ maxRequestBodyKiB: 16384 }))).toBe(16384);
  });

  test('fails when limits.maxBodyMiB and the profile\'s maxRequestBodyKiB disagree, naming both and the fix', () => {
    expect(() => bodyLimitKiB({ maxBodyMiB: 32 }, new LlmWafProfile({ maxRequestBodyKiB: 10240 }))).toThrow(
      'Invalid waf.profile maxRequestBodyKiB: 10240. limits.maxBodyMiB is 32 (32768 KiB): the endpoint has one body limit, enforced by the controller and the WAF alike. '
      + 'Set only limits.maxBodyMiB (the profile then takes it), or make them equal: maxRequestBodyKiB: 32768 or limits.maxBodyMiB: 10.');
    expect(() => bodyLimitKiB({ maxBodyMiB: 1 }, new LlmWafProfile({ maxRequestBodyKiB: 1500 })))
      .toThrow(/^Invalid waf\.profile maxRequestBodyKiB: 1500\. limits\.maxBodyMiB is 1 \(1024 KiB\).*make them equal: maxRequestBodyKiB: 1024\.$/);
  });

  test('fails when limits.maxBodyMiB is not a whole number from 1 to 1024', () => {
    expect(() => bodyLimitKiB({ maxBodyMiB: 0 }, undefined)).toThrow('Invalid limits.maxBodyMiB: 0. Use a whole number from 1 to 1024.');
    expect(() => bodyLimitKiB({ maxBodyMiB: 1.5 }, undefined)).toThrow(/Invalid limits\.maxBodyMiB: 1\.5\./);
    expect(() => bodyLimitKiB({ maxBodyMiB: 2048 }, undefined)).toThrow(/Invalid limits\.maxBodyMiB: 2048\. Use a whole number from 1 to 1024/);
  });
});
