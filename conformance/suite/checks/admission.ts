import { ExampleContext } from '../context';
import { toYaml } from '../manifests';
import { subjectIdentity } from '../rbac-matrix';
import { CheckResult, newResult } from '../report';

function oneLine(s: string): string {
  return s.trim().replace(/\s*\n\s*/g, ' | ');
}

/**
 * Every bad object is rejected with the expected reason; every good object is admitted, as the
 * persona or identity named. The intent's `setup` objects are created first, as the admin.
 */
export function checkAdmission(ctx: ExampleContext): CheckResult {
  const r = newResult('admission');
  for (const o of ctx.intent.setup) {
    const res = ctx.kubectl.run(['apply', '--server-side', '--field-manager=conformance-setup', '-o', 'name', '-f', '-'], toYaml(o));
    if (res.code !== 0) r.failures.push(`setup ${o.kind}/${o.metadata?.name}: ${oneLine(res.stderr)}`);
  }
  for (const c of ctx.intent.admission) {
    const persona = typeof c.as === 'string' ? ctx.intent.rbac!.personas.find(p => p.name === c.as)! : undefined;
    const as = persona ? subjectIdentity(persona.subject) : (typeof c.as === 'object' ? c.as : undefined);
    const who = persona ? `as ${persona.name}` : (as ? `as ${as.user} (${as.groups.join(', ')})` : 'as admin');
    const args = c.action === 'apply'
      ? ['apply', '--server-side', '--force-conflicts', '--field-manager=conformance', '-o', 'name', '-f', '-']
      : c.action === 'delete' ? ['delete', '-o', 'name', '-f', '-'] : ['create', '-o', 'name', '-f', '-'];
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
