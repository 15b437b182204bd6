import { namedResource, rbacStatements, resourceName, subjectText } from '../../../src/cli/policy/rbac-statements';

test('names of resources and subjects', () => {
  expect(resourceName('', 'pods/exec')).toBe('pods/exec');
  expect(resourceName('apps', 'deployments')).toBe('deployments.apps');
  expect(resourceName('*', '*')).toBe('*');
  expect(subjectText({ kind: 'ServiceAccount', name: 'sa' }, 'ns')).toBe('serviceaccount ns/sa');
  expect(subjectText({ kind: 'Group', name: 'g' }, 'ns')).toBe('group g');
});

test('a subresource of a grouped resource is named resource.group/subresource, as the API server reads it', () => {
  expect(resourceName('apps', 'deployments/scale')).toBe('deployments.apps/scale');
  expect(resourceName('batch', 'jobs/status')).toBe('jobs.batch/status');
  const role = { kind: 'Role', metadata: { name: 'r', namespace: 'n' }, rules: [{ apiGroups: ['apps'], resources: ['statefulsets/scale'], verbs: ['get'] }] };
  expect(rbacStatements([role]).map((s) => s.text)).toStrictEqual(['Role r grants get on statefulsets.apps/scale']);
});

test('a binding to a ClusterRole neither in the tree nor built in: rights unknown, said so', () => {
  const b = { kind: 'RoleBinding', metadata: { name: 'b', namespace: 'n' }, roleRef: { kind: 'ClusterRole', name: 'vendor-role' }, subjects: [{ kind: 'User', name: 'u' }] };
  expect(rbacStatements([b]).map((s) => s.text)).toStrictEqual(['user u is bound to ClusterRole vendor-role, which is not in the tree: its rights are unknown here']);
});

test('non-resource URLs are grants too', () => {
  const cr = { kind: 'ClusterRole', metadata: { name: 'metrics' }, rules: [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }] };
  expect(rbacStatements([cr]).map((s) => s.text)).toStrictEqual(['ClusterRole metrics grants get on url /metrics']);
});

test('a binding to the built-in edit grants what the bootstrap policy gives it: ServiceAccount tokens, Pod eviction', () => {
  const b = { kind: 'RoleBinding', metadata: { name: 'b', namespace: 'n' }, roleRef: { kind: 'ClusterRole', name: 'edit' }, subjects: [{ kind: 'User', name: 'u' }] };
  const texts = rbacStatements([b]).map((s) => s.text);
  expect(texts).toContain('user u can create serviceaccounts/token in n (RoleBinding b → ClusterRole edit)');
  expect(texts).toContain('user u can create pods/eviction in n (RoleBinding b → ClusterRole edit)');
  expect(texts.some((t) => t.includes('rolebindings'))).toBe(false);
});

test('a binding to the built-in admin takes a tree ClusterRole labelled aggregate-to-view, through view and edit', () => {
  const b = { kind: 'RoleBinding', metadata: { name: 'b', namespace: 'n' }, roleRef: { kind: 'ClusterRole', name: 'admin' }, subjects: [{ kind: 'User', name: 'u' }] };
  const cr = {
    kind: 'ClusterRole',
    metadata: { name: 'models-view', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
    rules: [{ apiGroups: ['serving.example.com'], resources: ['models'], verbs: ['get'] }],
  };
  expect(rbacStatements([b, cr]).map((s) => s.text)).toContain('user u can get models.serving.example.com in n (RoleBinding b → ClusterRole admin)');
});

test('a binding to a system ClusterRole of the bootstrap policy is known, not unknown', () => {
  const b = { kind: 'ClusterRoleBinding', metadata: { name: 'b' }, roleRef: { kind: 'ClusterRole', name: 'system:discovery' }, subjects: [{ kind: 'Group', name: 'g' }] };
  const texts = rbacStatements([b]).map((s) => s.text);
  expect(texts.some((t) => t.includes('unknown'))).toBe(false);
  expect(texts.some((t) => t.startsWith('group g can get url /api '))).toBe(true);
});

test('a rule limited by resourceNames grants those objects only, said as such; verbs on every object are not repeated', () => {
  const role = {
    kind: 'Role',
    metadata: { name: 'r', namespace: 'n' },
    rules: [
      { apiGroups: [''], resources: ['configmaps'], resourceNames: ['b', 'a'], verbs: ['get', 'update'] },
      { apiGroups: [''], resources: ['configmaps'], resourceNames: ['c'], verbs: ['get'] },
      { apiGroups: [''], resources: ['configmaps'], verbs: ['list'] },
      { apiGroups: [''], resources: ['secrets'], resourceNames: [], verbs: ['get'] },
    ],
  };
  const b = { kind: 'RoleBinding', metadata: { name: 'b', namespace: 'n' }, roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'User', name: 'u' }] };
  const texts = rbacStatements([role, b]).map((s) => s.text);
  expect(texts).toStrictEqual([
    'user u can list configmaps in n (RoleBinding b → Role r)',
    'user u can get secrets in n (RoleBinding b → Role r)',
    'user u can get, update configmaps named a, b in n (RoleBinding b → Role r)',
    'user u can get configmaps named c in n (RoleBinding b → Role r)',
    'Role r grants list on configmaps',
    'Role r grants get on secrets',
    'Role r grants get, update on configmaps named a, b',
    'Role r grants get on configmaps named c',
  ]);
  const wide = { ...role, rules: [...role.rules, { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] };
  expect(rbacStatements([wide]).map((s) => s.text)).toContain('Role r grants update on configmaps named a, b');
  expect(rbacStatements([wide]).some((s) => s.text.includes('named c'))).toBe(false);
});

test('the named rules of a system ClusterRole: the scheduler may update its own Lease only', () => {
  const b = { kind: 'RoleBinding', metadata: { name: 'b', namespace: 'kube-system' }, roleRef: { kind: 'ClusterRole', name: 'system:kube-scheduler' }, subjects: [{ kind: 'User', name: 's' }] };
  const grants = rbacStatements([b]).filter((s) => s.subject.includes('leases'));
  expect(grants.map((s) => [s.subject, s.values])).toStrictEqual([
    ['user s|leases.coordination.k8s.io', ['create']],
    ['user s|leases.coordination.k8s.io named kube-scheduler', ['get', 'list', 'update', 'watch']],
  ]);
  expect(namedResource('signers.certificates.k8s.io named kubernetes.io/a, kubernetes.io/b'))
    .toStrictEqual({ resource: 'signers.certificates.k8s.io', names: ['kubernetes.io/a', 'kubernetes.io/b'] });
  expect(namedResource('leases.coordination.k8s.io')).toStrictEqual({ resource: 'leases.coordination.k8s.io' });
});
