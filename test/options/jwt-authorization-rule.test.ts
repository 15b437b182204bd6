import { JwtClaimRequirement, JwtClaimValueType } from '../../src';

describe('JwtClaimRequirement', () => {
  test('listContains compares a list claim (Envoy Gateway\'s StringArray)', () => {
    const r = JwtClaimRequirement.listContains('groups', ['ml-team']);
    expect([r.claim, r.values, r.valueType]).toStrictEqual(['groups', ['ml-team'], JwtClaimValueType.STRING_ARRAY]);
    expect(r.valueType.value).toBe('StringArray');
  });

  test('stringEquals compares a string claim (Envoy Gateway\'s String)', () => {
    const r = JwtClaimRequirement.stringEquals('tenant', ['acme', 'globex']);
    expect([r.claim, r.values, r.valueType]).toStrictEqual(['tenant', ['acme', 'globex'], JwtClaimValueType.STRING]);
    expect(r.valueType.value).toBe('String');
  });
});
