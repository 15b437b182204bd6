import { ApiClient } from '../api-client';
import { ExampleContext } from '../context';
import { accessReview, allowedCells, Cell, cellKey, matrixCells } from '../rbac-matrix';
import { CheckResult, newResult } from '../report';

/**
 * For every persona, a SubjectAccessReview per matrix cell (verbs × resources × namespaces and
 * cluster scope): the allowed set must equal the declared one exactly.
 */
export async function checkRbac(ctx: ExampleContext): Promise<CheckResult> {
  const r = newResult('rbac');
  const rbac = ctx.intent.rbac;
  if (!rbac) return r;
  const base = matrixCells(rbac.matrix, ctx.namespaces);
  for (const persona of rbac.personas) {
    const allowed = allowedCells(rbac.matrix, persona.allow);
    const expected = new Set(allowed.map(cellKey));
    const cells = new Map<string, Cell>();
    for (const c of [...base, ...allowed]) cells.set(cellKey(c), c);
    const list = [...cells.values()];
    const answers = await ApiClient.mapLimit(list, 8, async c => {
      const res = await ctx.api.request('POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', accessReview(persona, c));
      if (res.status !== 201 && res.status !== 200) throw new Error(`SubjectAccessReview failed (${res.status}): ${JSON.stringify(res.body)}`);
      return res.body.status?.allowed === true;
    });
    list.forEach((c, i) => {
      const key = cellKey(c);
      const want = expected.has(key);
      if (answers[i] === want) r.passed++;
      else if (answers[i]) r.failures.push(`persona ${persona.name}: EXTRA permission: may ${key} (not declared in the intent)`);
      else r.failures.push(`persona ${persona.name}: MISSING permission: may not ${key} (declared in the intent)`);
    });
  }
  return r;
}
