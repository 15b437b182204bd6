import { AdmissionAction } from '../../options/admission-action';
import { AITrainingNamespaceProps } from '../../options/ai-training-namespace-props';
import { registryPrefix } from '../../options/registry-pattern';
import { dnsSubdomain, unique } from '../../options/validate';
import { ValidationError } from '../../options/validation-error';
import { AdmissionPolicyModel } from '../admission-policy-model';
import { trainingAdmissionPolicies } from '../training-admission-policies';
import { WeakenedControl } from '../weakening';
import { isSensitive } from './training-network';

/** The admission options, validated, as the namespace's ValidatingAdmissionPolicies. @internal */
export function trainingAdmission(name: string, props: AITrainingNamespaceProps, ciDeployerServiceAccount: string | undefined,
  weakenings: WeakenedControl[]): AdmissionPolicyModel[] {
  const admission = props.admission;
  if (!admission || !Array.isArray(admission.allowedRegistries) || admission.allowedRegistries.length === 0) {
    throw new ValidationError('admission.allowedRegistries', admission?.allowedRegistries,
      'List at least one registry pods may pull from, e.g. ["registry.example.com/ml"].');
  }
  const registries = unique('admission.allowedRegistries',
    admission.allowedRegistries.map((r, i) => registryPrefix(`admission.allowedRegistries[${i}]`, r)));
  if (isSensitive(props.dataClassification)) {
    registries.forEach((r, i) => {
      // A host without a path allows every repository on it: on a shared registry (docker.io,
      // ghcr.io, nvcr.io) every publisher's images, on a company registry every team's.
      if (r.split('/').filter((p) => p !== '').length === 1) {
        weakenings.push({
          option: `admission.allowedRegistries[${i}]: ${r.replace(/\/$/, '')}`,
          effect: `Pods of a ${props.dataClassification.value} namespace may run any image on ${r.replace(/\/$/, '')}, not only one organisation's; add the organisation's path (e.g. "${r}my-org").`,
        });
      }
    });
  }
  const requireDigest = admission.requireImageDigest ?? true;
  if (!requireDigest) {
    weakenings.push({ option: 'admission.requireImageDigest: false', effect: 'Images may be referenced by mutable tags; what runs may differ from what was reviewed.' });
  }
  const action = admission.action ?? AdmissionAction.DENY;
  if (!action.enforces) {
    weakenings.push({ option: `admission.action: ${action.validationActions.join('+')}`, effect: 'Admission policy violations are reported but not rejected.' });
  }
  return trainingAdmissionPolicies({
    namespace: name,
    registries,
    requireDigest,
    classification: props.dataClassification.value,
    forbiddenServiceAccounts: ciDeployerServiceAccount ? [ciDeployerServiceAccount] : [],
    validationActions: action.validationActions,
    workloadSecrets: unique('workloadSecrets', (props.workloadSecrets ?? []).map((n, i) => dnsSubdomain(`workloadSecrets[${i}]`, n))),
  });
}
