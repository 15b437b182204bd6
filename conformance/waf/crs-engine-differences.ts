/**
 * CRS v4 regression tests (go-ftw) that fail with CRS alone on nginx + libmodsecurity (3.0.9 and
 * 3.0.14 alike) but pass on Coraza with the same CRS release, and those that fail on Coraza with
 * coraza-proxy-wasm's operators (`coraza-re2`) but not with Coraza's own, each with its reason.
 * `waf:test` fails on an engine-only failure that is not listed here, and on a listed test that no
 * longer fails (it must leave the list).
 */

/** One reason, and the go-ftw test ids (`<rule id>-<test number>`) it explains. */
export interface CrsEngineDifference {
  readonly reason: string;
  readonly tests: string[];
}

export const MODSECURITY_CRS_DIFFERENCES: CrsEngineDifference[] = [
  {
    reason: 'XML attributes: CRS v4 inspects them through the XPath target XML://@*, which libmodsecurity 3 evaluates to '
      + 'nothing; the tests put the payload in an attribute of an XML body (the "GHSA ... XML attribute injection" tests). '
      + 'They fail with and without ModSecurity\'s XML body processor.',
    tests: [
      '930110-13', '930120-17', '932120-6', '932125-7', '932130-41', '932140-159', '932160-15', '932175-16', '932200-17',
      '932210-8', '932230-61', '932231-2', '932232-6', '932235-55', '932236-106', '932238-11', '932240-22', '932250-18',
      '932260-49', '932271-7', '932330-2', '932331-3', '932370-8', '932371-3', '932380-14', '941100-7', '941120-52', '941130-22',
      '941150-3', '941170-8', '941180-10', '941310-13', '941320-2', '941340-3', '941360-4', '941370-11', '941390-12', '942120-45',
      '942131-8', '942140-18', '942150-20', '942151-73', '942160-27', '942170-5', '942180-9', '942190-47', '942200-21',
      '942210-82', '942230-13', '942240-12', '942251-3', '942260-2', '942270-3', '942280-5', '942290-13', '942300-4', '942310-4',
      '942320-14', '942340-11', '942350-10', '942370-12', '942380-46', '942390-29', '942400-3', '942410-69', '942430-17',
      '942431-10', '942432-10', '942440-27', '942450-8', '942470-12', '942480-13', '942490-23', '942500-6', '942510-3', '942511-3',
      '942520-22', '942521-26', '942522-11', '942530-2', '942540-8', '942560-4',
    ],
  },
  {
    reason: 'XML bodies: libmodsecurity fills XML:/* only after ctl:requestBodyProcessor=XML, which neither the profile nor '
      + 'the control sets (the profile allows JSON bodies by default); with ModSecurity\'s recommended XML rule (200000) '
      + 'these tests pass.',
    tests: [
      '944150-3', '944150-4', '944151-3', '944151-4', '944152-3', '944152-4',
    ],
  },
  {
    reason: 'The payload is in a header named X_Filename: nginx drops header names with an underscore before any module '
      + 'sees them (underscores_in_headers off, as ingress-nginx\'s enable-underscores-in-headers: false), so rule 944140 '
      + 'never reads it. A difference of nginx, not of libmodsecurity.',
    tests: [
      '944140-3', '944140-8',
    ],
  },
  {
    reason: 'Rule 942131 (SQL boolean comparison, paranoia level 2) fires on these negative tests (equal operands such as '
      + '11!=11): its chained check TX:1 !@streq %{TX.2}, meant to drop equal operands, does not hold on libmodsecurity '
      + '(not traced further; the rule captures with multiMatch), so libmodsecurity reports a false positive where Coraza does not.',
    tests: [
      '942131-3', '942131-5', '942131-7',
    ],
  },
];

/** The reason a test is listed with, if it is. */
export function modSecurityCrsDifference(testId: string): string | undefined {
  return MODSECURITY_CRS_DIFFERENCES.find((d) => d.tests.includes(testId))?.reason;
}

/**
 * Checks one ModSecurity engine's control failures against Coraza's: returns the failures to
 * report (unlisted ModSecurity-only failures, listed tests that no longer fail) and how many
 * listed differences were seen.
 */
export function checkModSecurityCrsDifferences(engine: string, modSecurityFailed: string[], corazaFailed: string[]):
{ failures: string[]; explained: number } {
  const coraza = new Set(corazaFailed);
  const failed = new Set(modSecurityFailed);
  const failures: string[] = [];
  let explained = 0;
  for (const id of modSecurityFailed) {
    if (coraza.has(id)) continue;
    if (modSecurityCrsDifference(id)) explained++;
    else failures.push(`[${engine}] CRS regression test ${id} fails with CRS alone on libmodsecurity but not on Coraza, and is not in MODSECURITY_CRS_DIFFERENCES`);
  }
  for (const d of MODSECURITY_CRS_DIFFERENCES) {
    for (const id of d.tests) {
      if (!failed.has(id)) failures.push(`[${engine}] CRS regression test ${id} is listed in MODSECURITY_CRS_DIFFERENCES but passes: remove it`);
    }
  }
  return { failures, explained };
}

/**
 * Tests that fail with CRS alone on Coraza with coraza-wasilibs' operators (`coraza-re2`, the
 * operators of a released coraza-proxy-wasm module) and pass with Coraza's own (`coraza`).
 */
export const CORAZA_RE2_CRS_DIFFERENCES: CrsEngineDifference[] = [
  {
    reason: 'Rule 941310 (US-ASCII malformed encoding XSS) writes its bytes as braced escapes (\\x{bc}, \\x{be}). Coraza 3.8.1 reads a '
      + 'braced escape above 0x7F as one raw byte and matches the pattern byte for byte; coraza-wasilibs v0.2.0 (RE2) recognises '
      + 'only the unbraced form (\\xbc) as a byte, so RE2 compiles the pattern in UTF-8 mode, where \\x{bc} is the character U+00BC '
      + '(bytes C2 BC), and misses the raw bytes BC and BE these tests send (test 2, the UTF-8 form, is still detected). '
      + 'coraza-proxy-wasm\'s own embedded CRS (4.14) writes this rule with unbraced escapes, which RE2 matches byte for byte: '
      + 'a released module has the gap only with CRS 4.25\'s rule file.',
    tests: ['941310-1', '941310-3', '941310-12', '941310-13'],
  },
];

/**
 * Checks `coraza-re2`'s control failures against `coraza`'s: a test failing on one and not the
 * other must be in CORAZA_RE2_CRS_DIFFERENCES (and fail on RE2 only), and a listed test must still
 * fail on RE2 and pass on Coraza's own operators.
 */
export function checkCorazaRe2CrsDifferences(re2Failed: string[], corazaFailed: string[]): { failures: string[]; explained: number } {
  const listed = new Set(CORAZA_RE2_CRS_DIFFERENCES.flatMap((d) => d.tests));
  const re2 = new Set(re2Failed);
  const coraza = new Set(corazaFailed);
  const failures: string[] = [];
  let explained = 0;
  for (const id of re2Failed) {
    if (coraza.has(id)) continue;
    if (listed.has(id)) explained++;
    else failures.push(`[coraza-re2] CRS regression test ${id} fails with CRS alone on RE2 (coraza-wasilibs) but not on Go's regexp, and is not in CORAZA_RE2_CRS_DIFFERENCES`);
  }
  for (const id of corazaFailed) {
    if (!re2.has(id)) failures.push(`[coraza-re2] CRS regression test ${id} fails with CRS alone on Go's regexp but not on RE2 (coraza-wasilibs): explain it in CORAZA_RE2_CRS_DIFFERENCES`);
  }
  for (const id of listed) {
    if (!re2.has(id) || coraza.has(id)) failures.push(`[coraza-re2] CRS regression test ${id} is listed in CORAZA_RE2_CRS_DIFFERENCES but no longer fails on RE2 alone: remove it`);
  }
  return { failures, explained };
}
