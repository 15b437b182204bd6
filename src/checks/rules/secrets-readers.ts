import { ManifestRule, recordedOption, RuleOutcome } from '../manifest-rule';
import { RuleSeverity } from '../rule-severity';

const READ_VERBS = ['get', 'list', 'watch', '*'];

/**
 * Roles and ClusterRoles that can read Secrets (get, list, watch or `*` on `secrets` of the core
 * API group), found by their rules; a wildcard resource already fails SAI-RBAC-1. Reading fails unless an object of the role's
 * namespace records the option that allowed it (`secretReaders: <persona>`): then it is a
 * weakened control.
 * @internal
 */
export const secretsReaders: ManifestRule = {
  id: 'SAI-RBAC-2',
  description: 'Secrets are readable only by personas an option names',
  severity: RuleSeverity.WARNING,
  explanation: 'A subject that can read Secrets can read every credential of the namespace (registry, model store, TLS keys).',
  fix: 'Drop get, list and watch on secrets unless a persona needs them (secretReaders), and name it.',
  evaluate(objects) {
    return objects.filter((o) => o.kind === 'Role' || o.kind === 'ClusterRole').map((role): RuleOutcome => {
      const reads = (role.rules ?? []).some((r: any) => (r.apiGroups ?? ['']).some((g: string) => g === '' || g === '*')
        && (r.resources ?? []).includes('secrets')
        && (r.verbs ?? []).some((v: string) => READ_VERBS.includes(v)));
      if (!reads) return { object: role, status: 'pass', detail: 'cannot read Secrets' };
      // The content decides; a recorded option only turns the failure into a choice made by name.
      const option = recordedOption(objects, role.metadata?.namespace, /^secretReaders: /);
      return option !== undefined
        ? { object: role, status: 'weakened', detail: `may read Secrets (${option})` }
        : { object: role, status: 'fail', detail: 'may read Secrets: no option records that this was chosen' };
    });
  },
};
