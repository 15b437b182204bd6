import { secretsReaders } from '../../../src/checks/rules/secrets-readers';
import { recording, ruleFindings } from '../../support/rule-findings';

const role = (verbs: string[], kind = 'Role', resources = ['secrets'], apiGroups = ['']) => ({
  kind, metadata: { name: 'r', ...(kind === 'Role' ? { namespace: 'n' } : {}) }, rules: [{ apiGroups, resources, verbs }],
});
const statuses = (objects: any[]) => secretsReaders.evaluate(objects).map((o) => `${o.status} ${o.detail}`);

describe('SAI-RBAC-2 secrets readers', () => {
  test('a Role that cannot read Secrets passes: create-only, or secrets of another API group', () => {
    expect(statuses([role(['create']), role(['get'], 'Role', ['secrets'], ['example.com'])])).toStrictEqual(['pass cannot read Secrets', 'pass cannot read Secrets']);
  });

  test('a Role that reads Secrets where the namespace records secretReaders is weakened, naming the option', () => {
    expect(statuses([role(['get']), recording('n', 'secretReaders: ml-engineer')])).toStrictEqual(['weakened may read Secrets (secretReaders: ml-engineer)']);
  });

  test('mutant: a Role or ClusterRole that reads Secrets, with a wildcard verb or group too, with no option recorded fails', () => {
    expect(statuses([role(['list']), role(['*'], 'Role', ['secrets'], ['*']), role(['watch'], 'ClusterRole'), recording('other', 'secretReaders: ml-engineer')]))
      .toStrictEqual(Array(3).fill('fail may read Secrets: no option records that this was chosen'));
  });

  test('a suppression accepts the failure until it expires; then it fails again', () => {
    expect(ruleFindings('SAI-RBAC-2', [role(['get'])], { object: 'Role/n/r', expires: '2027-01-31' })[0]).toMatch(/^suppressed Role\/n\/r: may read Secrets: no option/);
    expect(ruleFindings('SAI-RBAC-2', [role(['get'])], { object: 'Role/n/r', expires: '2027-01-14' })[0]).toMatch(/^fail Role\/n\/r: .*suppression expired on 2027-01-14/);
  });
});
