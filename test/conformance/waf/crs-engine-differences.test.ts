import { checkModSecurityCrsDifferences, MODSECURITY_CRS_DIFFERENCES, modSecurityCrsDifference } from '../../../conformance/waf/crs-engine-differences';

describe('CRS regression tests that fail only on libmodsecurity', () => {
  const listed = MODSECURITY_CRS_DIFFERENCES.flatMap((d) => d.tests);

  test('are each listed once, with a reason', () => {
    expect(new Set(listed).size).toBe(listed.length);
    for (const d of MODSECURITY_CRS_DIFFERENCES) {
      expect(d.reason.length).toBeGreaterThan(40);
      expect(d.tests.length).toBeGreaterThan(0);
      for (const id of d.tests) expect(id).toMatch(/^9[0-9]{5}-[0-9]+$/);
    }
    expect(modSecurityCrsDifference('944140-3')).toMatch(/underscore/);
    expect(modSecurityCrsDifference('942100-1')).toBeUndefined();
  });

  test('pass the check when every ModSecurity-only failure is listed, failures shared with Coraza being ignored', () => {
    const r = checkModSecurityCrsDifferences('modsecurity-3.0.14', [...listed, '944120-6'], ['944120-6', '932140-158']);
    expect(r).toStrictEqual({ failures: [], explained: listed.length });
  });

  test('fail on a ModSecurity-only failure that is not listed, and on a listed test that passes', () => {
    const r = checkModSecurityCrsDifferences('modsecurity', [...listed.slice(1), '942100-1'], []);
    expect(r.explained).toBe(listed.length - 1);
    expect(r.failures).toStrictEqual([
      '[modsecurity] CRS regression test 942100-1 fails with CRS alone on libmodsecurity but not on Coraza, and is not in MODSECURITY_CRS_DIFFERENCES',
      `[modsecurity] CRS regression test ${listed[0]} is listed in MODSECURITY_CRS_DIFFERENCES but passes: remove it`,
    ]);
  });
});
