import { ExampleContext } from '../context';
import { run } from '../kubectl';
import { CheckResult, newResult } from '../report';
import { refFor, scanFiles } from '../scan-input';

const GRADE = { critical: 1, warning: 5 };

/** kube-score over every manifest file: no CRITICAL or WARNING grade unless suppressed. */
export function checkKubeScore(ctx: ExampleContext): CheckResult {
  const r = newResult('kube-score');
  const files = scanFiles(ctx);
  if (files.length === 0) return r;
  const res = run('kube-score', ['score', '--output-format', 'json', ...files]);
  let parsed: any;
  try {
    parsed = JSON.parse(res.stdout);
  } catch {
    r.error = `kube-score gave no JSON (exit ${res.code}): ${res.stderr.trim().slice(0, 400)}`;
    return r;
  }
  for (const obj of parsed ?? []) {
    const ref = refFor(ctx, obj.type_meta?.kind, obj.object_meta?.namespace, obj.object_meta?.name);
    for (const c of obj.checks ?? []) {
      if (c.skipped) continue;
      if (c.grade > GRADE.warning) { r.passed++; continue; }
      const level = c.grade <= GRADE.critical ? 'CRITICAL' : 'WARNING';
      const detail = (c.comments ?? []).map((x: any) => [x.path, x.summary].filter(Boolean).join(': ')).join('; ');
      const line = `${ref}: ${c.check?.id} ${level}${detail ? ` (${detail})` : ''}`;
      const s = ctx.suppressions.find('kube-score', c.check?.id, ref, ctx.intent.example);
      if (s) r.suppressed.push(`${line} — suppressed: ${s.reason}`);
      else r.failures.push(line);
    }
  }
  return r;
}
