import { Testing } from 'cdk8s';
import { renderPersonas, renderServiceAccount } from '../../src/render/rbac';

test('renders a Role and a RoleBinding per persona, and token-less ServiceAccounts', () => {
  const chart = Testing.chart();
  renderPersonas(chart, 'ns', [{
    name: 'viewer',
    description: 'reads',
    rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'], resourceNames: ['a'] }],
    subjects: [{ kind: 'Group', name: 'g' }, { kind: 'ServiceAccount', name: 's', namespace: 'other' }],
  }]);
  renderServiceAccount(chart, 'sa', 'ns', 'job');
  const [role, binding, sa] = Testing.synth(chart);
  expect(role.rules).toStrictEqual([{ apiGroups: [''], resources: ['pods'], verbs: ['get'], resourceNames: ['a'] }]);
  expect(binding.roleRef).toStrictEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'viewer' });
  expect(binding.subjects).toStrictEqual([
    { kind: 'Group', name: 'g', apiGroup: 'rbac.authorization.k8s.io' },
    { kind: 'ServiceAccount', name: 's', namespace: 'other' },
  ]);
  expect(sa.automountServiceAccountToken).toBe(false);
});
