import * as fs from 'fs';
import * as path from 'path';
import { BOOTSTRAP_POLICY_KUBERNETES_VERSION } from '../../src/facts/kubernetes-bootstrap-cluster-roles.generated';
import { BUILT_IN_CLUSTER_ROLES } from '../../src/facts/kubernetes-cluster-roles';

const grants = (name: string, group: string, resource: string, verb: string) => BUILT_IN_CLUSTER_ROLES.find((r) => r.name === name)!.rules
  .some((r) => (r.apiGroups ?? []).some((g) => g === group || g === '*') && (r.resources ?? []).some((x) => x === resource || x === '*') && r.verbs.some((v) => v === verb || v === '*'));

test('cluster-admin grants everything; view reads but never Secrets; edit writes and reads Secrets; admin adds RBAC in the namespace', () => {
  expect(grants('cluster-admin', 'anything', 'anything', 'escalate')).toBe(true);
  expect(grants('view', '', 'pods', 'list')).toBe(true);
  expect(grants('view', '', 'secrets', 'get')).toBe(false);
  expect(grants('edit', '', 'secrets', 'get')).toBe(true);
  expect(grants('edit', '', 'pods/exec', 'create')).toBe(true);
  expect(grants('edit', 'rbac.authorization.k8s.io', 'rolebindings', 'create')).toBe(false);
  expect(grants('admin', 'rbac.authorization.k8s.io', 'rolebindings', 'create')).toBe(true);
});

test('the bootstrap policy grants what a hand summary missed: edit mints ServiceAccount tokens and evicts Pods; view reads EndpointSlices and HPAs', () => {
  expect(grants('edit', '', 'serviceaccounts/token', 'create')).toBe(true);
  expect(grants('edit', '', 'pods/eviction', 'create')).toBe(true);
  expect(grants('admin', '', 'serviceaccounts/token', 'create')).toBe(true);
  expect(grants('view', 'discovery.k8s.io', 'endpointslices', 'list')).toBe(true);
  expect(grants('view', 'autoscaling', 'horizontalpodautoscalers', 'get')).toBe(true);
  expect(grants('view', '', 'serviceaccounts/token', 'create')).toBe(false);
});

test('admin, edit and view are aggregated, transitively: admin takes what is labelled for edit and view too', () => {
  const labels = (name: string) => BUILT_IN_CLUSTER_ROLES.find((r) => r.name === name)!.aggregateLabels;
  expect(BUILT_IN_CLUSTER_ROLES.filter((r) => r.aggregateLabels).map((r) => r.name)).toStrictEqual(['admin', 'edit', 'view']);
  expect(labels('admin')).toStrictEqual([
    'rbac.authorization.k8s.io/aggregate-to-admin=true',
    'rbac.authorization.k8s.io/aggregate-to-edit=true',
    'rbac.authorization.k8s.io/aggregate-to-view=true',
  ]);
  expect(labels('edit')).toStrictEqual(['rbac.authorization.k8s.io/aggregate-to-edit=true', 'rbac.authorization.k8s.io/aggregate-to-view=true']);
  expect(labels('view')).toStrictEqual(['rbac.authorization.k8s.io/aggregate-to-view=true']);
});

test('the system ClusterRoles are there too', () => {
  expect(grants('system:discovery', 'x', 'y', 'get')).toBe(false);
  expect(BUILT_IN_CLUSTER_ROLES.find((r) => r.name === 'system:discovery')!.rules.some((r) => (r.nonResourceURLs ?? []).includes('/api'))).toBe(true);
  expect(BUILT_IN_CLUSTER_ROLES.map((r) => r.name)).toContain('system:controller:deployment-controller');
});

test('the bootstrap policy is the one of the Kubernetes release the conformance API server runs (K8S_VERSION)', () => {
  const env = fs.readFileSync(path.join(__dirname, '../../conformance/versions.env'), 'utf8');
  const version = /^K8S_VERSION=(\S+)$/m.exec(env)?.[1];
  expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  expect(BOOTSTRAP_POLICY_KUBERNETES_VERSION).toBe(version);
});
