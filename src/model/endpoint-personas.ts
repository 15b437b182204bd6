import { ResourceGroup } from './exposure-targets';
import { READ, RoleRuleModel, WRITE } from './rbac-model';

/**
 * The endpoint's change-control personas: the deployer changes everything the endpoint is
 * made of; the auditor reads it. Secrets are never read.
 * @internal
 */

function endpointResources(targetResources: ResourceGroup[]): ResourceGroup[] {
  return [
    { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'] },
    { apiGroups: [''], resources: ['services'] },
    { apiGroups: ['apps'], resources: ['deployments'] },
    { apiGroups: ['cert-manager.io'], resources: ['certificates'] },
    ...targetResources,
  ];
}

export function endpointDeployerRules(targetResources: ResourceGroup[]): RoleRuleModel[] {
  return [
    ...endpointResources(targetResources).map((r) => ({ ...r, verbs: WRITE })),
    { apiGroups: [''], resources: ['pods', 'events'], verbs: READ },
    { apiGroups: [''], resources: ['secrets'], verbs: ['create'] },
  ];
}

export function endpointAuditorRules(targetResources: ResourceGroup[]): RoleRuleModel[] {
  return [
    ...endpointResources(targetResources).map((r) => ({ ...r, verbs: READ })),
    { apiGroups: [''], resources: ['pods', 'events'], verbs: READ },
  ];
}

/** The resources the change-control policy guards (namespaced). @internal */
export function guardedResources(targetResources: ResourceGroup[]): ResourceGroup[] {
  return endpointResources(targetResources);
}
