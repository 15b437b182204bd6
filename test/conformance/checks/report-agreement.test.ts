import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cliReportJson, reportStatements, reportSubjectIdentity, reviewOf } from '../../../conformance/suite/checks/report-agreement';

test('report subjects as the identities the API server reviews', () => {
  expect(reportSubjectIdentity('user alice')).toStrictEqual({ user: 'alice', groups: ['system:authenticated'] });
  expect(reportSubjectIdentity('group ml')).toStrictEqual({ user: 'conformance:member-of:ml', groups: ['ml', 'system:authenticated'] });
  expect(reportSubjectIdentity('serviceaccount ns/ci')).toStrictEqual({
    user: 'system:serviceaccount:ns:ci', groups: ['system:serviceaccounts', 'system:serviceaccounts:ns', 'system:authenticated'],
  });
  expect(reportSubjectIdentity('role x')).toBeUndefined();
});

test('a review of a grouped subresource, of a wildcard and of a URL', () => {
  expect(reviewOf({ subject: 'user a', scope: 'ns', verb: 'get', resource: 'deployments.apps/scale', claimed: true }).spec.resourceAttributes)
    .toStrictEqual({ namespace: 'ns', verb: 'get', group: 'apps', resource: 'deployments', subresource: 'scale' });
  expect(reviewOf({ subject: 'user a', scope: '', verb: '*', resource: '*.*', claimed: false }).spec.resourceAttributes)
    .toStrictEqual({ namespace: '', verb: '*', group: '*', resource: '*', subresource: '' });
  expect(reviewOf({ subject: 'user a', scope: '', verb: 'get', resource: 'url /metrics', claimed: true }).spec.nonResourceAttributes)
    .toStrictEqual({ path: '/metrics', verb: 'get' });
});

test('the CLI report read in process, statements with their namespace', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-agreement-'));
  fs.writeFileSync(path.join(dir, 'a.yaml'), [
    'apiVersion: rbac.authorization.k8s.io/v1', 'kind: Role', 'metadata: {name: r, namespace: n}',
    'rules: [{apiGroups: [apps], resources: [deployments/scale], verbs: [get]}]', '---',
    'apiVersion: rbac.authorization.k8s.io/v1', 'kind: RoleBinding', 'metadata: {name: b, namespace: n}',
    'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}', 'subjects: [{kind: User, name: u}]', '',
  ].join('\n'));
  const grants = reportStatements(cliReportJson(dir)).filter((s) => s.topic === 'grant');
  expect(grants.map((g) => [g.namespace, g.subject, g.values])).toStrictEqual([['n', 'user u|deployments.apps/scale', ['get']]]);
  fs.rmSync(dir, { recursive: true, force: true });
});
