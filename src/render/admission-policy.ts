import { Construct } from 'constructs';
import { DESCRIPTION_ANNOTATION } from '../facts/label-keys';
import { KubeValidatingAdmissionPolicy, KubeValidatingAdmissionPolicyBinding } from '../imports/k8s';
import { AdmissionPolicyModel } from '../model/admission-policy-model';

/** A policy and the binding that scopes it to its namespace. @internal */
export interface RenderedAdmissionPolicy {
  readonly policy: KubeValidatingAdmissionPolicy;
  readonly binding: KubeValidatingAdmissionPolicyBinding;
}

/** Renders ValidatingAdmissionPolicies (admissionregistration.k8s.io/v1) with namespace-scoped bindings. @internal */
export function renderAdmissionPolicies(scope: Construct, policies: AdmissionPolicyModel[],
  labels: { [k: string]: string } = {}): RenderedAdmissionPolicy[] {
  return policies.map((p) => {
    const policy = new KubeValidatingAdmissionPolicy(scope, `${p.name}-policy`, {
      metadata: { name: p.name, labels, annotations: { [DESCRIPTION_ANNOTATION]: p.description } },
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: {
          resourceRules: p.resourceRules.map((r) => ({ ...r, scope: 'Namespaced' })),
        },
        ...(p.matchConditions && p.matchConditions.length > 0 ? { matchConditions: p.matchConditions } : {}),
        ...(p.variables.length > 0 ? { variables: p.variables } : {}),
        validations: p.validations.map((v) => ({
          expression: v.expression,
          message: v.message,
          ...(v.messageExpression ? { messageExpression: v.messageExpression } : {}),
          ...(v.reason ? { reason: v.reason } : {}),
        })),
      },
    });
    const binding = new KubeValidatingAdmissionPolicyBinding(scope, `${p.name}-binding`, {
      metadata: { name: p.name, labels },
      spec: {
        policyName: p.name,
        validationActions: p.validationActions,
        matchResources: {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': p.namespace } },
          ...(p.objectLabels ? { objectSelector: { matchLabels: p.objectLabels } } : {}),
        },
      },
    });
    return { policy, binding };
  });
}
