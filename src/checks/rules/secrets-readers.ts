import { ManifestRule } from '../manifest-rule';
import { RuleSeverity } from '../rule-severity';

/** Lists the Roles that can read Secrets: allowed only where an option said so. @internal */
export const secretsReaders: ManifestRule = {
  id: 'SAI-RBAC-2',
  description: 'Secrets are readable only by personas an option names',
  severity: RuleSeverity.WARNING,
  explanation: 'A subject that can read Secrets can read every credential of the namespace (registry, model store, TLS keys).',
  fix: 'Drop get, list and watch on secrets unless a persona needs them (secretReaders), and name it.',
  evaluate(objects) {
    return objects.filter((o) => o.kind === 'Role').map((role) => {
      const reads = (role.rules ?? []).some((r: any) => (r.resources ?? []).includes('secrets')
        && (r.verbs ?? []).some((v: string) => ['get', 'list', 'watch'].includes(v)));
      return reads
        ? { object: role, status: 'weakened' as const, detail: 'may read Secrets (secretReaders)' }
        : { object: role, status: 'pass' as const, detail: 'cannot read Secrets' };
    });
  },
};
