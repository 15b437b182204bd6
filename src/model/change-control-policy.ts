import { AdmissionPolicyModel, celList } from './admission-policy-model';
import { guardedResources } from './endpoint-personas';
import { ResourceGroup } from './exposure-targets';
import { SubjectModel } from './rbac-model';

/**
 * Kubernetes controllers that must delete objects when their namespace or owner goes away.
 * @internal
 */
export const SYSTEM_DELETERS = [
  'system:serviceaccount:kube-system:namespace-controller',
  'system:serviceaccount:kube-system:generic-garbage-collector',
];

/**
 * A ValidatingAdmissionPolicy that rejects changes to the endpoint's objects from anyone but
 * the deployers: RBAC alone does not stop another namespace admin.
 * @internal
 */
export function changeControlPolicy(
  input: { name: string; namespace: string; deployers: SubjectModel[]; targetResources: ResourceGroup[] }): AdmissionPolicyModel {
  const users = input.deployers.filter((s) => s.kind !== 'Group')
    .map((s) => s.kind === 'ServiceAccount' ? `system:serviceaccount:${s.namespace}:${s.name}` : s.name);
  const groups = input.deployers.filter((s) => s.kind === 'Group').map((s) => s.name);
  const policyName = `secure-ai-${input.namespace}-${input.name}-change-control`;
  return {
    name: policyName,
    description: `Only ${[...users, ...groups.map((g) => `group ${g}`)].join(', ')} may change the endpoint's routes, Services, NetworkPolicies, certificates, policies and workload.`,
    namespace: input.namespace,
    validationActions: ['Deny', 'Audit'],
    resourceRules: guardedResources(input.targetResources).map((r) => ({
      apiGroups: r.apiGroups,
      apiVersions: ['*'],
      resources: r.resources,
      operations: ['CREATE', 'UPDATE', 'DELETE'],
    })),
    variables: [
      { name: 'deployerUsers', expression: celList(users) },
      { name: 'deployerGroups', expression: celList(groups) },
      { name: 'systemDeleters', expression: celList(SYSTEM_DELETERS) },
    ],
    validations: [{
      expression: 'request.userInfo.username in variables.deployerUsers'
        + ' || (has(request.userInfo.groups) && request.userInfo.groups.exists(g, g in variables.deployerGroups))'
        + " || (request.operation == 'DELETE' && request.userInfo.username in variables.systemDeleters)",
      message: `only the endpoint's deployers may change it [policy ${policyName}]`,
      messageExpression: `'user ' + request.userInfo.username + ' may not ' + request.operation.lowerAscii() + ' ' + request.resource.resource + ': only the endpoint deployers may [policy ${policyName}]'`,
      reason: 'Forbidden',
    }],
  };
}
