import {
  checkCorazaRe2CrsDifferences, checkModSecurityCrsDifferences, CORAZA_RE2_CRS_DIFFERENCES, MODSECURITY_CRS_DIFFERENCES, modSecurityCrsDifference,
} from '../../../conformance/waf/crs-engine-differences';

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

describe('CRS regression tests that differ between Coraza on RE2 (coraza-wasilibs) and on Go\'s regexp', () => {
  const listed = CORAZA_RE2_CRS_DIFFERENCES.flatMap((d) => d.tests);

  test('are the four tests of rule 941310 whose raw bytes RE2 misses, with the reason', () => {
    expect(listed).toStrictEqual(['941310-1', '941310-3', '941310-12', '941310-13']);
    expect(CORAZA_RE2_CRS_DIFFERENCES[0].reason).toMatch(/braced escapes/);
  });

  test('pass the check when every RE2-only failure is listed, failures shared with Coraza\'s own operators being ignored', () => {
    expect(checkCorazaRe2CrsDifferences([...listed, '932140-158'], ['932140-158'])).toStrictEqual({ failures: [], explained: 4 });
  });

  test('fail on an unlisted failure on either side, and on a listed test that no longer fails on RE2 alone', () => {
    const r = checkCorazaRe2CrsDifferences([...listed.slice(1), '942100-1'], ['932140-158', '941310-3']);
    expect(r.explained).toBe(2);
    expect(r.failures).toStrictEqual([
      '[coraza-re2] CRS regression test 942100-1 fails with CRS alone on RE2 (coraza-wasilibs) but not on Go\'s regexp, and is not in CORAZA_RE2_CRS_DIFFERENCES',
      '[coraza-re2] CRS regression test 932140-158 fails with CRS alone on Go\'s regexp but not on RE2 (coraza-wasilibs): explain it in CORAZA_RE2_CRS_DIFFERENCES',
      '[coraza-re2] CRS regression test 941310-1 is listed in CORAZA_RE2_CRS_DIFFERENCES but no longer fails on RE2 alone: remove it',
      '[coraza-re2] CRS regression test 941310-3 is listed in CORAZA_RE2_CRS_DIFFERENCES but no longer fails on RE2 alone: remove it',
    ]);
  });
});
