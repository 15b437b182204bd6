import * as path from 'path';
import { ExampleContext } from '../context';
import { run } from '../kubectl';
import { CheckResult, newResult } from '../report';
import { refFor, scanFiles } from '../scan-input';

/** Checkov's kubernetes framework over every manifest file: no failing check unless suppressed. */
export function checkCheckov(ctx: ExampleContext): CheckResult {
  const r = newResult('checkov');
  const files = scanFiles(ctx);
  if (files.length === 0) return r;
  const res = run('checkov', ['--framework', 'kubernetes', '--quiet', '--compact', '-o', 'json', '--skip-download',
    ...files.flatMap(f => ['-f', f])], { env: { ...process.env, BC_SKIP_MAPPING: 'TRUE', LOG_LEVEL: 'WARNING' } });
  let parsed: any;
  try {
    parsed = JSON.parse(res.stdout);
  } catch {
    r.error = `checkov gave no JSON (exit ${res.code}): ${res.stderr.trim().slice(0, 400)}`;
    return r;
  }
  const reports: any[] = Array.isArray(parsed) ? parsed : [parsed];
  for (const rep of reports) {
    r.passed += rep.summary?.passed ?? rep.results?.passed_checks?.length ?? 0;
    for (const f of rep.results?.failed_checks ?? []) {
      const [kind, ns, ...rest] = String(f.resource).split('.');
      const ref = refFor(ctx, kind, ns, rest.join('.'));
      const s = ctx.suppressions.find('checkov', f.check_id, ref, ctx.intent.example);
      const line = `${ref} (${path.basename(f.file_path ?? '')}): ${f.check_id} ${f.check_name}`;
      if (s) r.suppressed.push(`${line} — suppressed: ${s.reason}`);
      else r.failures.push(line);
    }
  }
  return r;
}
