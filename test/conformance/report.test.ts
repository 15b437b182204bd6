import { isFailed, newResult, summaryTable } from '../../conformance/suite/report';

describe('summaryTable', () => {
  test('one row per example and check, with result and counts', () => {
    const ok = newResult('rbac');
    ok.passed = 12;
    const bad = newResult('network');
    bad.failures.push('connection a -> b: EXTRA');
    const broken = newResult('schema');
    broken.error = 'kubectl-validate not found';
    const table = summaryTable(new Map([['ex', [ok, bad, broken]]]));
    expect(table.split('\n')).toStrictEqual([
      '| example | check   | result | passed | failed | suppressed |',
      '|---------|---------|--------|--------|--------|------------|',
      '| ex      | rbac    | pass   | 12     | 0      | 0          |',
      '| ex      | network | FAIL   | 0      | 1      | 0          |',
      '| ex      | schema  | ERROR  | 0      | 1      | 0          |',
    ]);
    expect([ok, bad, broken].map(isFailed)).toStrictEqual([false, true, true]);
  });
});
