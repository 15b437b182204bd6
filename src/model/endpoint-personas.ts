import { READ, RoleRuleModel, WRITE } from './rbac-model';

/**
 * The endpoint's change-control personas: the deployer changes everything the endpoint is
 * made of; the auditor reads it. Secrets are never read.
 * @internal
 */

function endpointResources(f5: boolean): { apiGroups: string[]; resources: string[] }[] {
  return [
    { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'] },
    { apiGroups: [''], resources: ['services'] },
    { apiGroups: ['apps'], resources: ['deployments'] },
    { apiGroups: ['cert-manager.io'], resources: ['certificates'] },
    ...(f5 ? [{ apiGroups: ['k8s.nginx.org'], resources: ['virtualservers', 'virtualserverroutes', 'policies'] }] : []),
  ];
}

export function endpointDeployerRules(ingressNginx: boolean): RoleRuleModel[] {
  return [
    ...endpointResources(!ingressNginx).map((r) => ({ ...r, verbs: WRITE })),
    { apiGroups: [''], resources: ['pods', 'events'], verbs: READ },
    { apiGroups: [''], resources: ['secrets'], verbs: ['create'] },
  ];
}

export function endpointAuditorRules(ingressNginx: boolean): RoleRuleModel[] {
  return [
    ...endpointResources(!ingressNginx).map((r) => ({ ...r, verbs: READ })),
    { apiGroups: [''], resources: ['pods', 'events'], verbs: READ },
  ];
}

/** The resources the change-control policy guards (namespaced). @internal */
export function guardedResources(f5: boolean): { apiGroups: string[]; resources: string[] }[] {
  return endpointResources(f5);
}
