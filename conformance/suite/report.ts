/** Outcome of one check (schema, apply, rbac, ...) on one example. */
export interface CheckResult {
  readonly check: string;
  /** Number of assertions that held. */
  passed: number;
  /** One line per assertion that did not hold: which object, rule, persona or connection. */
  readonly failures: string[];
  /** Findings suppressed by conformance/suppressions.yaml, with their reason. */
  readonly suppressed: string[];
  /** Set when the check could not run at all (counts as a failure). */
  error?: string;
}

export function newResult(check: string): CheckResult {
  return { check, passed: 0, failures: [], suppressed: [] };
}

export function isFailed(r: CheckResult): boolean {
  return r.failures.length > 0 || r.error !== undefined;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/** The summary table: one row per example × check with pass/fail and counts. */
export function summaryTable(results: Map<string, CheckResult[]>): string {
  const rows: string[][] = [['example', 'check', 'result', 'passed', 'failed', 'suppressed']];
  for (const [example, checks] of results) {
    for (const r of checks) {
      rows.push([
        example, r.check, isFailed(r) ? (r.error ? 'ERROR' : 'FAIL') : 'pass',
        String(r.passed), String(r.failures.length + (r.error ? 1 : 0)), String(r.suppressed.length),
      ]);
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)));
  const line = (r: string[]) => '| ' + r.map((c, i) => pad(c, widths[i])).join(' | ') + ' |';
  const sep = '|' + widths.map(w => '-'.repeat(w + 2)).join('|') + '|';
  return [line(rows[0]), sep, ...rows.slice(1).map(line)].join('\n');
}
