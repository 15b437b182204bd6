import { READ, RoleRuleModel, WRITE } from './rbac-model';

/**
 * The permissions of each training-namespace persona. One table, read by the
 * renderer and by the documentation; the conformance suite checks it on a real API server.
 * @internal
 */

const CORE = '';
const SECRET_READ = ['get', 'list', 'watch'];
const EXEC: RoleRuleModel = { apiGroups: [CORE], resources: ['pods/exec', 'pods/attach', 'pods/portforward'], verbs: ['create', 'get'] };

export interface PersonaGrants {
  readonly allowPodExec: boolean;
  readonly readSecrets: boolean;
}

export function namespaceAdminRules(g: PersonaGrants): RoleRuleModel[] {
  return [
    { apiGroups: [CORE], resources: ['pods', 'services', 'configmaps', 'persistentvolumeclaims', 'serviceaccounts'], verbs: WRITE },
    { apiGroups: [CORE], resources: ['pods/log'], verbs: ['get'] },
    { apiGroups: [CORE], resources: ['events', 'resourcequotas', 'limitranges'], verbs: READ },
    { apiGroups: [CORE], resources: ['secrets'], verbs: g.readSecrets ? [...SECRET_READ, 'create', 'update', 'patch', 'delete'] : ['create'] },
    { apiGroups: ['apps'], resources: ['deployments', 'statefulsets', 'replicasets'], verbs: WRITE },
    { apiGroups: ['apps'], resources: ['deployments/scale', 'statefulsets/scale'], verbs: ['get', 'update', 'patch'] },
    { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: WRITE },
    { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: READ },
    { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: READ },
    ...(g.allowPodExec ? [EXEC] : []),
  ];
}

export function mlEngineerRules(g: PersonaGrants): RoleRuleModel[] {
  const run = ['get', 'list', 'watch', 'create', 'delete'];
  return [
    // update and patch: suspend and resume (Kueue admits a Job by unsuspending it; engineers
    // suspend and resume their own). A Job's pod template is immutable once created, and the
    // admission policies judge every update.
    { apiGroups: ['batch'], resources: ['jobs'], verbs: [...run, 'update', 'patch'] },
    { apiGroups: ['batch'], resources: ['cronjobs'], verbs: READ },
    { apiGroups: [CORE], resources: ['pods', 'persistentvolumeclaims'], verbs: run },
    { apiGroups: [CORE], resources: ['pods/log'], verbs: ['get'] },
    { apiGroups: [CORE], resources: ['configmaps', 'services', 'events', 'resourcequotas'], verbs: READ },
    ...(g.readSecrets ? [{ apiGroups: [CORE], resources: ['secrets'], verbs: SECRET_READ }] : []),
    ...(g.allowPodExec ? [EXEC] : []),
  ];
}

export function viewerRules(): RoleRuleModel[] {
  return [
    {
      apiGroups: [CORE],
      resources: ['pods', 'services', 'configmaps', 'persistentvolumeclaims', 'events', 'serviceaccounts', 'resourcequotas', 'limitranges'],
      verbs: READ,
    },
    { apiGroups: ['apps'], resources: ['deployments', 'statefulsets', 'replicasets'], verbs: READ },
    { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: READ },
    { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: READ },
    { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: READ },
  ];
}

export function ciDeployerRules(g: PersonaGrants): RoleRuleModel[] {
  return [
    { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: WRITE },
    { apiGroups: ['apps'], resources: ['deployments', 'statefulsets'], verbs: WRITE },
    { apiGroups: [CORE], resources: ['configmaps', 'services', 'persistentvolumeclaims'], verbs: WRITE },
    { apiGroups: [CORE], resources: ['pods', 'events'], verbs: READ },
    { apiGroups: [CORE], resources: ['pods/log'], verbs: ['get'] },
    { apiGroups: [CORE], resources: ['secrets'], verbs: g.readSecrets ? [...SECRET_READ, 'create', 'update', 'patch', 'delete'] : ['create'] },
  ];
}
