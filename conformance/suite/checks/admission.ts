import { ExampleContext } from '../context';
import { toYaml } from '../manifests';
import { subjectIdentity } from '../rbac-matrix';
import { CheckResult, newResult } from '../report';

function oneLine(s: string): string {
  return s.trim().replace(/\s*\n\s*/g, ' | ');
}

/** Every bad object is rejected with the expected reason; every good object is admitted. */
export function checkAdmission(ctx: ExampleContext): CheckResult {
  const r = newResult('admission');
  for (const c of ctx.intent.admission) {
    const persona = c.as ? ctx.intent.rbac!.personas.find(p => p.name === c.as)! : undefined;
    const as = persona ? subjectIdentity(persona.subject) : undefined;
    const who = persona ? `as ${persona.name}` : 'as admin';
    const args = ['create', '-o', 'name', '-f', '-'];
    if (c.dryRun !== false) args.splice(1, 0, '--dry-run=server');
    const res = ctx.kubectl.run(args, toYaml(c.object), as);
    const ref = `${c.object.kind}/${c.object.metadata?.namespace ?? ''}/${c.object.metadata?.name ?? ''}`;
    if (c.expect === 'admit') {
      if (res.code === 0) r.passed++;
      else r.failures.push(`"${c.name}": ${ref} ${who} should be admitted but was rejected: ${oneLine(res.stderr)}`);
    } else if (res.code === 0) {
      r.failures.push(`"${c.name}": ${ref} ${who} should be rejected (${c.messageContains!.join(' + ')}) but was admitted`);
    } else {
      const missing = c.messageContains!.filter(f => !res.stderr.includes(f));
      if (missing.length === 0) r.passed++;
      else r.failures.push(`"${c.name}": ${ref} ${who} rejected, but not for the expected reason (missing "${missing.join('", "')}"): ${oneLine(res.stderr)}`);
    }
  }
  return r;
}
