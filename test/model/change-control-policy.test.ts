import { changeControlPolicy, SYSTEM_DELETERS } from '../../src/model/change-control-policy';

test('lists deployer users (service accounts by their full user name) and groups; only system controllers may delete besides them', () => {
  const p = changeControlPolicy({
    name: 'llm',
    namespace: 'ns',
    targetResources: [],
    deployers: [
      { kind: 'ServiceAccount', name: 'ci', namespace: 'build' }, { kind: 'Group', name: 'release-managers' }, { kind: 'User', name: 'alice' },
    ],
  });
  expect(p.name).toBe('secure-ai-ns-llm-change-control');
  expect(p.variables).toStrictEqual([
    { name: 'deployerUsers', expression: "['system:serviceaccount:build:ci', 'alice']" },
    { name: 'deployerGroups', expression: "['release-managers']" },
    { name: 'systemDeleters', expression: `[${SYSTEM_DELETERS.map((s) => `'${s}'`).join(', ')}]` },
  ]);
  expect(p.validations[0].expression).toContain("request.operation == 'DELETE'");
  expect(p.resourceRules.every((r) => r.operations.join() === 'CREATE,UPDATE,DELETE')).toBe(true);
});
