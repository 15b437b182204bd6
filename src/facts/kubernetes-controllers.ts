/**
 * The identities Kubernetes' own controllers act as (kube-controller-manager, kube-scheduler,
 * kubelets), for admission policies that must never stand in their way.
 */

/**
 * kube-controller-manager's controllers that create, update or delete pods, workloads,
 * endpoints and owned objects, as they authenticate with per-controller credentials
 * (`--use-service-account-credentials`, the default of kubeadm and managed clusters): the
 * ServiceAccounts of `kube-system`.
 */
export const CONTROLLER_SERVICE_ACCOUNTS = [
  'replicaset-controller',
  'replication-controller',
  'deployment-controller',
  'statefulset-controller',
  'daemon-set-controller',
  'job-controller',
  'cronjob-controller',
  'ttl-after-finished-controller',
  'endpoint-controller',
  'endpointslice-controller',
  'endpointslicemirroring-controller',
  'disruption-controller',
  'generic-garbage-collector',
  'pod-garbage-collector',
  'namespace-controller',
  'node-controller',
].map((sa) => `system:serviceaccount:kube-system:${sa}`);

/** kube-controller-manager's own user, when it runs without per-controller credentials. */
export const CONTROLLER_MANAGER_USER = 'system:kube-controller-manager';

/** kube-scheduler's user: it deletes pods it preempts. */
export const SCHEDULER_USER = 'system:kube-scheduler';

/** Prefix of kubelets' users (`system:node:<node>`): a kubelet deletes the pods it terminated. */
export const NODE_USER_PREFIX = 'system:node:';

/**
 * The identities that delete objects on the cluster's own behalf: namespace deletion (the
 * namespace controller) and the garbage collector (owned objects whose owner is gone), with
 * per-controller credentials or as kube-controller-manager itself.
 */
export const SYSTEM_DELETERS = [
  ...['namespace-controller', 'generic-garbage-collector'].map((sa) => `system:serviceaccount:kube-system:${sa}`),
  CONTROLLER_MANAGER_USER,
];

/** The group of the cluster's own administrators (the API server authorizes it without RBAC). */
export const CLUSTER_ADMIN_GROUP = 'system:masters';

/** The legacy ServiceAccount token cleaner (kube-controller-manager): it labels and removes unused token Secrets. */
export const TOKEN_CLEANER_USER = 'system:serviceaccount:kube-system:legacy-service-account-token-cleaner';
