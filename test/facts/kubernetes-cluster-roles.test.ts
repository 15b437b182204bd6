import { BUILT_IN_CLUSTER_ROLES } from '../../src/facts/kubernetes-cluster-roles';

test('cluster-admin grants everything; view reads but never Secrets; edit writes and reads Secrets; admin adds RBAC in the namespace', () => {
  const grants = (name: string, group: string, resource: string, verb: string) => BUILT_IN_CLUSTER_ROLES.find((r) => r.name === name)!.rules
    .some((r) => (r.apiGroups.includes(group) || r.apiGroups.includes('*')) && (r.resources.includes(resource) || r.resources.includes('*')) && (r.verbs.includes(verb) || r.verbs.includes('*')));
  expect(grants('cluster-admin', 'anything', 'anything', 'escalate')).toBe(true);
  expect(grants('view', '', 'pods', 'list')).toBe(true);
  expect(grants('view', '', 'secrets', 'get')).toBe(false);
  expect(grants('edit', '', 'secrets', 'get')).toBe(true);
  expect(grants('edit', '', 'pods/exec', 'create')).toBe(true);
  expect(grants('edit', 'rbac.authorization.k8s.io', 'rolebindings', 'create')).toBe(false);
  expect(grants('admin', 'rbac.authorization.k8s.io', 'rolebindings', 'create')).toBe(true);
  expect(BUILT_IN_CLUSTER_ROLES.filter((r) => r.aggregateLabel).map((r) => r.name)).toStrictEqual(['admin', 'edit', 'view']);
});
