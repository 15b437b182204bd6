import { BOOTSTRAP_CLUSTER_ROLES } from './kubernetes-bootstrap-cluster-roles.generated';

/** A rule of a built-in ClusterRole, as RBAC writes it. */
export interface BuiltInClusterRoleRule {
  /** API groups (`''` is the core group). @default none (a non-resource rule) */
  readonly apiGroups?: string[];
  /** Resources and subresources. @default none (a non-resource rule) */
  readonly resources?: string[];
  /** The only object names the rule applies to. @default every name */
  readonly resourceNames?: string[];
  /** Non-resource URLs (`/healthz`, `/api/*`). @default none (a resource rule) */
  readonly nonResourceURLs?: string[];
  /** Verbs. */
  readonly verbs: string[];
}

/**
 * A ClusterRole every Kubernetes API server creates at start-up (the RBAC bootstrap policy), with the
 * rules a subject bound to it is granted. `admin`, `edit` and `view` are aggregated: their rules are
 * the union the clusterrole-aggregation controller builds from the bootstrap ClusterRoles, and any
 * ClusterRole carrying one of `aggregateLabels` adds to them.
 */
export interface BuiltInClusterRole {
  /** The ClusterRole's name. */
  readonly name: string;
  /** Its rules; an aggregated ClusterRole's include those aggregated into it at start-up. */
  readonly rules: BuiltInClusterRoleRule[];
  /**
   * The `key=value` labels that aggregate a ClusterRole into it, directly or through another
   * aggregated ClusterRole (`admin` aggregates `edit`, which aggregates `view`).
   * @default none (not aggregated)
   */
  readonly aggregateLabels?: string[];
}

/**
 * Every bootstrap ClusterRole (`cluster-admin`, `admin`, `edit`, `view`, `system:*`), generated from
 * Kubernetes' own bootstrap policy by `npm run generate:bootstrap-roles`, at the release the
 * conformance API server runs (`K8S_VERSION` in conformance/versions.env).
 */
export const BUILT_IN_CLUSTER_ROLES: readonly BuiltInClusterRole[] = BOOTSTRAP_CLUSTER_ROLES;
