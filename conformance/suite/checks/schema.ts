import * as fs from 'fs';
import * as path from 'path';
import { ExampleContext } from '../context';
import { run } from '../kubectl';
import { CheckResult, newResult } from '../report';
import { scanFiles } from '../scan-input';

/**
 * kubectl-validate, offline, against the OpenAPI schemas of the target Kubernetes version (dumped
 * from the API server the suite built; they take precedence over the tool's embedded ones) and the
 * CRD files of the CRD directory: every API object must validate.
 */
export function checkSchema(ctx: ExampleContext): CheckResult {
  const r = newResult('schema');
  const files = scanFiles(ctx);
  if (files.length === 0) return r;
  const args = ['--version', ctx.validatorBuiltinVersion, '--local-schemas', ctx.schemaDir, '--output', 'json'];
  if (ctx.crdDir && fs.existsSync(ctx.crdDir)) {args.push('--local-crds', ctx.crdDir);} else if (ctx.intent.needsCrds) {
    r.error = `the example needs CRDs but the CRD directory ${ctx.crdDir ?? '(unset)'} does not exist`;
    return r;
  }
  const res = run('kubectl-validate', [...files, ...args]);
  let parsed: Record<string, any>;
  try {
    parsed = JSON.parse(res.stdout);
  } catch {
    r.error = `kubectl-validate gave no JSON (exit ${res.code}): ${(res.stderr || res.stdout).trim().slice(0, 600)}`;
    return r;
  }
  for (const [file, result] of Object.entries(parsed)) {
    const docs: any[] = Array.isArray(result) ? result : [result];
    docs.forEach((d, i) => {
      if (d?.status === 'Success' || d?.status === undefined && !d?.message) { r.passed++; return; }
      const causes = (d?.details?.causes ?? []).map((c: any) => `${c.field ?? ''} ${c.message ?? ''}`.trim()).join('; ');
      r.failures.push(`${path.basename(file)} document ${i + 1}: ${d?.message ?? JSON.stringify(d)}${causes ? ` [${causes}]` : ''}`);
    });
  }
  return r;
}
