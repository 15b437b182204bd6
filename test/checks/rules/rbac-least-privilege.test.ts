import { rbacLeastPrivilege } from '../../../src/checks/rules/rbac-least-privilege';
import { ruleFindings } from '../../support/rule-findings';

test('fails on wildcards and privilege verbs, passes explicit rules', () => {
  const role = (rules: any[]) => ({ kind: 'Role', metadata: { name: 'r', namespace: 'n' }, rules });
  const out = rbacLeastPrivilege.evaluate([
    role([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]),
    role([{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['bind'] }]),
    role([{ apiGroups: ['*'], resources: ['pods'], verbs: ['get'] }]),
    { kind: 'ConfigMap', metadata: { name: 'x' } },
  ]);
  expect(out.map((o) => o.status)).toStrictEqual(['pass', 'fail', 'fail']);
});

describe('SAI-RBAC-1 judges the rules, not annotations', () => {
  const wildcard = { kind: 'ClusterRole', metadata: { name: 'w', annotations: { 'secure-ai.cdk8s.io/weakened-controls': 'allowPodExec: true' } }, rules: [{ apiGroups: [''], resources: ['*'], verbs: ['get'] }] };

  test('mutant: a ClusterRole with a wildcard fails, whatever options its annotations record', () => {
    expect(rbacLeastPrivilege.evaluate([wildcard]).map((o) => o.status)).toStrictEqual(['fail']);
  });

  test('a suppression accepts the failure until it expires; then it fails again', () => {
    expect(ruleFindings('SAI-RBAC-1', [wildcard], { object: 'ClusterRole/w', expires: '2027-01-15' })[0]).toMatch(/^suppressed ClusterRole\/w: grants/);
    expect(ruleFindings('SAI-RBAC-1', [wildcard], { object: 'ClusterRole/w', expires: '2027-01-14' })[0]).toMatch(/^fail ClusterRole\/w: .*suppression expired on 2027-01-14/);
  });
});
