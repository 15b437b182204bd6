/**
 * The user-facing ClusterRoles every Kubernetes cluster has, as (verbs, resources) a subject
 * bound to them is granted, summarised from the RBAC bootstrap policy (Kubernetes 1.30):
 * `cluster-admin` grants everything; `admin`, `edit` and `view` are aggregated, so the
 * ClusterRoles labelled `rbac.authorization.k8s.io/aggregate-to-<name>: "true"` add to them.
 */
export interface BuiltInClusterRole {
  /** The ClusterRole's name. */
  readonly name: string;
  /** Its rules, as RBAC writes them. */
  readonly rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[];
  /** The label selecting the ClusterRoles aggregated into it, if it is aggregated. */
  readonly aggregateLabel?: string;
}

const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const READ = ['get', 'list', 'watch'];
const WORKLOADS = ['pods', 'replicationcontrollers', 'services', 'endpoints', 'persistentvolumeclaims', 'configmaps', 'serviceaccounts'];
const APPS = ['deployments', 'statefulsets', 'daemonsets', 'replicasets'];

const view = [
  { apiGroups: [''], resources: [...WORKLOADS, 'pods/log', 'pods/status', 'events', 'limitranges', 'resourcequotas', 'namespaces'], verbs: READ },
  { apiGroups: ['apps'], resources: APPS, verbs: READ },
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: READ },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'], verbs: READ },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: READ },
];
const edit = [
  ...view,
  { apiGroups: [''], resources: [...WORKLOADS, 'secrets', 'pods/exec', 'pods/attach', 'pods/portforward', 'pods/proxy', 'services/proxy'], verbs: WRITE },
  { apiGroups: [''], resources: ['secrets'], verbs: READ },
  { apiGroups: [''], resources: ['pods/exec', 'pods/attach', 'pods/portforward'], verbs: ['get'] },
  { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['impersonate'] },
  { apiGroups: ['apps'], resources: APPS, verbs: WRITE },
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: WRITE },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'], verbs: WRITE },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: WRITE },
];
const admin = [
  ...edit,
  { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: [...READ, ...WRITE] },
  { apiGroups: ['authorization.k8s.io'], resources: ['localsubjectaccessreviews'], verbs: ['create'] },
];

/** `cluster-admin`, `admin`, `edit`, `view`. */
export const BUILT_IN_CLUSTER_ROLES: readonly BuiltInClusterRole[] = [
  { name: 'cluster-admin', rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] },
  { name: 'admin', rules: admin, aggregateLabel: 'rbac.authorization.k8s.io/aggregate-to-admin' },
  { name: 'edit', rules: edit, aggregateLabel: 'rbac.authorization.k8s.io/aggregate-to-edit' },
  { name: 'view', rules: view, aggregateLabel: 'rbac.authorization.k8s.io/aggregate-to-view' },
];
