import { rbacLeastPrivilege } from '../../../src/checks/rules/rbac-least-privilege';

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
