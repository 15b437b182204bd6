import { ManifestRule, RuleOutcome } from '../manifest-rule';
import { RuleSeverity } from '../rule-severity';

const PRIVILEGE_VERBS = ['*', 'escalate', 'bind', 'impersonate'];

/** Roles grant no wildcard and never escalate, bind or impersonate. @internal */
export const rbacLeastPrivilege: ManifestRule = {
  id: 'SAI-RBAC-1',
  description: 'Roles grant no wildcard verb, resource or group, and never escalate, bind or impersonate',
  severity: RuleSeverity.ERROR,
  explanation: 'A wildcard verb, resource or API group grants every current and future permission; escalate, bind and impersonate let a subject grant itself anything.',
  fix: 'Name each API group, resource and verb the subject needs; never grant *, escalate, bind or impersonate.',
  evaluate(objects) {
    return objects.filter((o) => o.kind === 'Role' || o.kind === 'ClusterRole').map((role): RuleOutcome => {
      const bad = (role.rules ?? []).filter((r: any) =>
        (r.verbs ?? []).some((v: string) => PRIVILEGE_VERBS.includes(v))
        || (r.resources ?? []).includes('*') || (r.apiGroups ?? []).includes('*'));
      return bad.length > 0
        ? { object: role, status: 'fail', detail: `grants ${JSON.stringify(bad)}` }
        : { object: role, status: 'pass', detail: `${(role.rules ?? []).length} explicit rules` };
    });
  },
};
