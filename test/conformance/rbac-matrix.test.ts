import { DEFAULT_MATRIX } from '../../conformance/suite/intent';
import { accessReview, allowedCells, cellKey, matrixCells, parseResource, subjectIdentity } from '../../conformance/suite/rbac-matrix';

describe('parseResource', () => {
  test('group, resource and subresource', () => {
    expect(parseResource('pods/exec')).toStrictEqual({ group: '', resource: 'pods', subresource: 'exec' });
    expect(parseResource('roles.rbac.authorization.k8s.io')).toStrictEqual({ group: 'rbac.authorization.k8s.io', resource: 'roles', subresource: '' });
  });
});

describe('matrixCells', () => {
  const cells = matrixCells(DEFAULT_MATRIX, ['ml']).map(cellKey);
  test('namespaced resources in each namespace, the foreign one and cluster scope', () => {
    expect(cells).toContain('create pods/exec in namespace ml');
    expect(cells).toContain('get secrets in namespace conformance-foreign');
    expect(cells).toContain('list secrets in cluster scope');
  });
  test('special verbs: escalate, bind, impersonate', () => {
    expect(cells).toContain('escalate roles.rbac.authorization.k8s.io in namespace ml');
    expect(cells).toContain('bind clusterroles.rbac.authorization.k8s.io in cluster scope');
    expect(cells).toContain('impersonate users in cluster scope');
    expect(cells).not.toContain('get users in cluster scope');
  });
});

describe('allowedCells', () => {
  test('a * verb expands to the matrix verbs of the resource', () => {
    const keys = allowedCells(DEFAULT_MATRIX, [{ scopes: ['ml'], resources: ['roles.rbac.authorization.k8s.io'], verbs: ['*'] }]).map(cellKey);
    expect(keys).toContain('bind roles.rbac.authorization.k8s.io in namespace ml');
    expect(keys).toContain('deletecollection roles.rbac.authorization.k8s.io in namespace ml');
  });
});

describe('subjectIdentity', () => {
  test('a service account carries its groups', () => {
    expect(subjectIdentity({ kind: 'ServiceAccount', name: 'trainer', namespace: 'ml' })).toStrictEqual({
      user: 'system:serviceaccount:ml:trainer',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:ml', 'system:authenticated'],
    });
  });
  test('a group persona is a member user', () => {
    expect(subjectIdentity({ kind: 'Group', name: 'ml-admins' }).groups).toStrictEqual(['ml-admins', 'system:authenticated']);
  });
});

describe('accessReview', () => {
  test('cluster scope asks with an empty namespace', () => {
    const sar = accessReview({ name: 'p', subject: { kind: 'User', name: 'alice' }, allow: [] }, { scope: 'cluster', verb: 'list', resource: 'jobs.batch' });
    expect(sar.spec.resourceAttributes).toStrictEqual({ namespace: '', verb: 'list', group: 'batch', resource: 'jobs', subresource: '' });
  });
});
