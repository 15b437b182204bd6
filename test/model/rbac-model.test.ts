import { assertLeastPrivilege } from '../../src/model/rbac-model';

describe('assertLeastPrivilege', () => {
  const persona = (rule: any) => ({ name: 'p', description: '', subjects: [], rules: [rule] });
  test('refuses wildcards, privilege verbs and RBAC writes', () => {
    expect(() => assertLeastPrivilege(persona({ apiGroups: [''], resources: ['pods'], verbs: ['*'] }))).toThrow(/internal error/);
    expect(() => assertLeastPrivilege(persona({ apiGroups: [''], resources: ['*'], verbs: ['get'] }))).toThrow(/internal error/);
    expect(() => assertLeastPrivilege(persona({ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['bind'] }))).toThrow(/internal error/);
    expect(() => assertLeastPrivilege(persona({ apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings'], verbs: ['create'] }))).toThrow(/change RBAC/);
    expect(() => assertLeastPrivilege(persona({ apiGroups: [''], resources: ['users'], verbs: ['impersonate'] }))).toThrow(/internal error/);
  });
  test('accepts reads of RBAC objects', () => {
    expect(() => assertLeastPrivilege(persona({ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['get', 'list', 'watch'] }))).not.toThrow();
  });
});
