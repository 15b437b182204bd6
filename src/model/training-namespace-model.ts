import { AdmissionPolicyModel } from './admission-policy-model';
import { AuditRuleModel, namespaceAuditRules } from './audit-policy-model';
import { Labels, NetworkPolicyModel } from './network-policy-model';
import { PersonaModel } from './rbac-model';
import { isReservedNamespace } from '../facts/reserved-namespaces';
import { trainingNamespaceMetadata } from './training/namespace-metadata';
import { trainingAdmission } from './training/training-admission';
import { trainingIdentities } from './training/training-identities';
import { trainingNetworkPolicies } from './training/training-network';
import { ContainerDefaultsModel, trainingQuota } from './training/training-quota';
import { WeakenedControl } from './weakening';
import { AITrainingNamespaceProps } from '../options/ai-training-namespace-props';
import { dnsLabel } from '../options/validate';
import { ValidationError } from '../options/validation-error';

export { POD_SECURITY_VERSION } from './training/namespace-metadata';

/**
 * Everything an AI training namespace is, as plain data: the single place that knows the intent.
 * @internal
 */
export interface TrainingNamespaceModel {
  readonly name: string;
  readonly labels: Labels;
  readonly annotations: Labels;
  readonly networkPolicies: NetworkPolicyModel[];
  readonly personas: PersonaModel[];
  readonly trainingServiceAccount: string;
  readonly ciDeployerServiceAccount?: string;
  readonly quotaHard: { [resource: string]: string };
  readonly containerDefaults: ContainerDefaultsModel;
  readonly admissionPolicies: AdmissionPolicyModel[];
  readonly auditRules: AuditRuleModel[];
  readonly weakenings: WeakenedControl[];
}

/** The training namespace's options, validated and normalised, weakenings recorded in the order the options are read. */
export function buildTrainingNamespaceModel(props: AITrainingNamespaceProps): TrainingNamespaceModel {
  if (!props) throw new ValidationError('props', props, 'Pass the AITrainingNamespace options.');
  const name = dnsLabel('name', props.name);
  if (isReservedNamespace(name)) {
    throw new ValidationError('name', name, 'This namespace belongs to the cluster or its platform (kube-*, default, the controllers\', cert-manager\'s); a training namespace locks it down, so choose a name of your own.');
  }
  if (!props.dataClassification) {
    throw new ValidationError('dataClassification', props.dataClassification,
      'Choose DataClassification.PUBLIC, INTERNAL, CONFIDENTIAL or RESTRICTED.');
  }
  const weakenings: WeakenedControl[] = [];
  const { labels, annotations } = trainingNamespaceMetadata(props, weakenings);
  const networkPolicies = trainingNetworkPolicies(props, weakenings);
  const identities = trainingIdentities(name, props, weakenings);
  const { quotaHard, containerDefaults } = trainingQuota(props.quota, props.containerDefaults);
  const admissionPolicies = trainingAdmission(name, props, identities.ciDeployerServiceAccount, weakenings);
  return {
    name,
    labels,
    annotations,
    networkPolicies,
    ...identities,
    quotaHard,
    containerDefaults,
    admissionPolicies,
    auditRules: namespaceAuditRules(name),
    weakenings,
  };
}
