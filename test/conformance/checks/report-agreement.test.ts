import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  builtInDeniedSample, builtInRoleBindings, builtInRoleStatements, claimedByReport, cliReportJson, grantQuestions, reportStatements,
  reportSubjectIdentity, reviewOf, UNNAMED_OBJECT,
} from '../../../conformance/suite/checks/report-agreement';

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

test('the built-in role probe: edit bound in a namespace, with an example ClusterRole aggregated into view, asked of the API server', () => {
  expect(builtInRoleBindings('ns').map((b) => `${b.metadata.namespace}/${b.metadata.name} -> ${b.roleRef.name} ${b.subjects[0].name}`)).toStrictEqual([
    'ns/conformance-builtin-admin -> admin conformance:builtin:admin',
    'ns/conformance-builtin-edit -> edit conformance:builtin:edit',
    'ns/conformance-builtin-view -> view conformance:builtin:view',
    'ns/conformance-builtin-system-kube-scheduler -> system:kube-scheduler conformance:builtin:system:kube-scheduler',
    'ns/conformance-builtin-system-controller-legacy-service-account-token-cleaner -> system:controller:legacy-service-account-token-cleaner '
      + 'conformance:builtin:system:controller:legacy-service-account-token-cleaner',
  ]);
  const aggregated = {
    kind: 'ClusterRole',
    metadata: { name: 'models-view', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
    rules: [{ apiGroups: ['serving.example.com'], resources: ['models'], verbs: ['list'] }],
  };
  const other = { kind: 'RoleBinding', metadata: { name: 'x', namespace: 'ns' }, roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'User', name: 'someone' }] };
  const statements = builtInRoleStatements([aggregated, other], 'ns');
  const grant = (subject: string, resource: string) => statements.find((s) => s.subject === `${subject}|${resource}`)?.values;
  expect(grant('user conformance:builtin:edit', 'serviceaccounts/token')).toStrictEqual(['create']);
  expect(grant('user conformance:builtin:view', 'secrets')).toBeUndefined();
  for (const role of ['admin', 'edit', 'view']) expect(grant(`user conformance:builtin:${role}`, 'models.serving.example.com')).toStrictEqual(['list']);
  expect(statements.every((s) => s.namespace === 'ns' && s.subject.startsWith('user conformance:builtin:'))).toBe(true);
});

test('the built-in role probe also asks what the report does not claim, on every resource it names and a few it may miss', () => {
  const sample = builtInDeniedSample([{ namespace: 'ns', topic: 'grant', subject: 'user u|pods' }, { namespace: 'ns', topic: 'grant', subject: 'user u|url /api' }]);
  const text = sample.map((d) => `${d.verb} ${d.resource}`);
  expect(text).toContain('deletecollection pods');
  expect(text).toContain('create serviceaccounts/token');
  expect(text).toContain('escalate nodes');
  expect(text.some((t) => t.includes('url'))).toBe(false);
});

test('a grant limited to named objects is asked of the API server for each of them, and for an object of another name', () => {
  const named = { namespace: 'ns', topic: 'grant', subject: 'user u|leases.coordination.k8s.io named kube-scheduler', values: ['get', 'update'] };
  const whole = { namespace: 'ns', topic: 'grant', subject: 'user u|leases.coordination.k8s.io', values: ['create', 'get'] };
  const questions = grantQuestions([named, whole], named);
  expect(questions.map((q) => `${q.verb} ${q.name} ${q.claimed}`)).toStrictEqual([
    'get kube-scheduler true', `get ${UNNAMED_OBJECT} true`, 'update kube-scheduler true', `update ${UNNAMED_OBJECT} false`,
  ]);
  expect(reviewOf(questions[3]).spec.resourceAttributes)
    .toStrictEqual({ namespace: 'ns', verb: 'update', group: 'coordination.k8s.io', resource: 'leases', subresource: '', name: UNNAMED_OBJECT });
  expect(claimedByReport([named], 'user u', 'ns', 'update', 'leases.coordination.k8s.io')).toBe(false);
  expect(claimedByReport([named], 'user u', 'ns', 'update', 'leases.coordination.k8s.io', 'kube-scheduler')).toBe(true);
  expect(builtInDeniedSample([named]).some((d) => d.resource.includes('named'))).toBe(false);
});

test('the probe of system:kube-scheduler: the report names the Lease it may update', () => {
  const statements = builtInRoleStatements([], 'ns');
  const leases = statements.filter((s) => s.subject.startsWith('user conformance:builtin:system:kube-scheduler|leases'));
  expect(leases.map((s) => [s.subject.split('|')[1], s.values])).toStrictEqual([
    ['leases.coordination.k8s.io', ['create']],
    ['leases.coordination.k8s.io named kube-scheduler', ['get', 'list', 'update', 'watch']],
  ]);
});
