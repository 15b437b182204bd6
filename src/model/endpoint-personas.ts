import { ResourceGroup } from './exposure-targets';
import { READ, RoleRuleModel, WRITE } from './rbac-model';

/**
 * The endpoint's change-control personas: the deployer changes every namespaced object the
 * endpoint is made of; the auditor reads them. Secrets are never read. Cluster-scoped objects
 * (the Namespace, admission policies) and the RBAC and ServiceAccount that let the deployer in
 * are the platform's, applied by a cluster administrator.
 * @internal
 */

/**
 * Every namespaced kind the endpoint emits (the deployer applies them); Certificates only when the
 * endpoint writes its own (`endpointCertificate`, from the target's row). @internal
 */
export function endpointResources(targetResources: ResourceGroup[], endpointCertificate = true): ResourceGroup[] {
  return [
    { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'] },
    { apiGroups: [''], resources: ['services'] },
    { apiGroups: ['apps'], resources: ['deployments'] },
    { apiGroups: ['policy'], resources: ['poddisruptionbudgets'] },
    ...(endpointCertificate ? [{ apiGroups: ['cert-manager.io'], resources: ['certificates'] }] : []),
    ...targetResources,
  ];
}

const rule = (r: ResourceGroup, verbs: string[]): RoleRuleModel => ({ apiGroups: r.apiGroups, resources: r.resources, verbs });

export function endpointDeployerRules(targetResources: ResourceGroup[], endpointCertificate = true): RoleRuleModel[] {
  return [
    ...endpointResources(targetResources, endpointCertificate).map((r) => rule(r, WRITE)),
    { apiGroups: [''], resources: ['pods', 'events'], verbs: READ },
    { apiGroups: [''], resources: ['secrets'], verbs: ['create'] },
  ];
}

export function endpointAuditorRules(targetResources: ResourceGroup[], endpointCertificate = true): RoleRuleModel[] {
  return [
    ...endpointResources(targetResources, endpointCertificate).map((r) => rule(r, READ)),
    { apiGroups: [''], resources: ['pods', 'events'], verbs: READ },
  ];
}
