import { AdmissionPolicyModel, celList, celString, POD_BEARING_RULES, POD_SPEC_VARIABLES } from './admission-policy-model';
import { CLUSTER_ADMIN_GROUP, CONTROLLER_MANAGER_USER, SYSTEM_DELETERS, TOKEN_CLEANER_USER } from '../facts/kubernetes-controllers';
import { DATA_CLASSIFICATION_LABEL, MODEL_CONFIG_LABEL } from '../facts/label-keys';

/**
 * The admission policies of an AI training namespace.
 * @internal
 */


export interface TrainingAdmissionInput {
  readonly namespace: string;
  readonly registries: string[];
  readonly requireDigest: boolean;
  readonly classification: string;
  readonly forbiddenServiceAccounts: string[];
  readonly validationActions: string[];
  readonly workloadSecrets: string[];
}

const SERVICE_ACCOUNT_TOKEN_TYPE = 'kubernetes.io/service-account-token';

export function trainingAdmissionPolicies(input: TrainingAdmissionInput): AdmissionPolicyModel[] {
  const base = { namespace: input.namespace, validationActions: input.validationActions };
  const prefix = `secure-ai-${input.namespace}`;
  const images: AdmissionPolicyModel = {
    ...base,
    name: `${prefix}-images`,
    description: 'Containers run only images from the allowed registries'
      + (input.requireDigest ? ', pinned by digest.' : '.'),
    resourceRules: POD_BEARING_RULES,
    variables: [
      ...POD_SPEC_VARIABLES,
      { name: 'registries', expression: celList(input.registries) },
    ],
    validations: [
      {
        expression: 'variables.containers.all(c, variables.registries.exists(r, c.image.startsWith(r)))',
        message: `images must come from an allowed registry: ${input.registries.join(', ')} [policy ${prefix}-images]`,
        messageExpression: "'image ' + variables.containers.filter(c, !variables.registries.exists(r, c.image.startsWith(r))).map(c, c.image).join(', ')"
          + ` + ' is not from an allowed registry (${input.registries.join(', ')}) [policy ${prefix}-images]'`,
        reason: 'Forbidden',
      },
      ...(input.requireDigest ? [{
        expression: "variables.containers.all(c, c.image.matches('@sha256:[a-f0-9]{64}$'))",
        message: `images must be pinned by digest (@sha256:...) [policy ${prefix}-images]`,
        messageExpression: "'image ' + variables.containers.filter(c, !c.image.matches('@sha256:[a-f0-9]{64}$')).map(c, c.image).join(', ')"
          + ` + ' is not pinned by digest; use <image>@sha256:<digest> [policy ${prefix}-images]'`,
        reason: 'Forbidden',
      }] : []),
    ],
  };
  const hostIsolation: AdmissionPolicyModel = {
    ...base,
    name: `${prefix}-host-isolation`,
    description: 'No host namespaces, hostPath volumes or privileged containers (defence in depth beside Pod Security);'
      + ' no default ServiceAccount token in pods'
      + (input.forbiddenServiceAccounts.length > 0 ? '; pods never run as the deployer identity.' : '.'),
    resourceRules: POD_BEARING_RULES,
    variables: [
      ...POD_SPEC_VARIABLES,
      // serviceAccount is the deprecated alias of serviceAccountName; neither set means `default`.
      {
        name: 'serviceAccount',
        expression: "has(variables.podSpec.serviceAccountName) && variables.podSpec.serviceAccountName != '' ? variables.podSpec.serviceAccountName"
          + " : (has(variables.podSpec.serviceAccount) && variables.podSpec.serviceAccount != '' ? variables.podSpec.serviceAccount : 'default')",
      },
    ],
    validations: [
      ...['hostNetwork', 'hostPID', 'hostIPC'].map((f) => ({
        expression: `!has(variables.podSpec.${f}) || variables.podSpec.${f} == false`,
        message: `${f} is not allowed [policy ${prefix}-host-isolation]`,
        reason: 'Forbidden',
      })),
      {
        expression: '!has(variables.podSpec.volumes) || variables.podSpec.volumes.all(v, !has(v.hostPath))',
        message: `hostPath volumes are not allowed [policy ${prefix}-host-isolation]`,
        reason: 'Forbidden',
      },
      {
        expression: 'variables.containers.all(c, !has(c.securityContext) || !has(c.securityContext.privileged) || c.securityContext.privileged == false)',
        message: `privileged containers are not allowed [policy ${prefix}-host-isolation]`,
        reason: 'Forbidden',
      },
      // The ServiceAccount's own automountServiceAccountToken is not visible to admission, and
      // whoever may update ServiceAccounts may flip it: the pod must opt out itself.
      {
        expression: "variables.serviceAccount != 'default'"
          + ' || (has(variables.podSpec.automountServiceAccountToken) && variables.podSpec.automountServiceAccountToken == false)',
        message: 'pods running as the default ServiceAccount must set automountServiceAccountToken: false (or run as their own ServiceAccount)'
          + ` [policy ${prefix}-host-isolation]`,
        reason: 'Forbidden',
      },
      ...(input.forbiddenServiceAccounts.length > 0 ? [{
        expression: `!(variables.serviceAccount in ${celList(input.forbiddenServiceAccounts)})`,
        message: `pods may not run as ${input.forbiddenServiceAccounts.join(', ')} [policy ${prefix}-host-isolation]`,
        reason: 'Forbidden',
      }] : []),
    ],
  };
  // A workload's pods are created by a controller: an unlabelled template would be admitted and
  // then fail to create any pod, silently. The template is judged when the workload is written.
  const meta = (m: string) => `(has(${m}.metadata) && has(${m}.metadata.labels) ? ${m}.metadata.labels : {})`;
  const classification: AdmissionPolicyModel = {
    ...base,
    name: `${prefix}-data-classification`,
    description: `Pods, the pod templates of workloads and PersistentVolumeClaims carry ${DATA_CLASSIFICATION_LABEL}=${input.classification}.`,
    resourceRules: [
      { apiGroups: [''], apiVersions: ['v1'], resources: ['pods', 'persistentvolumeclaims'], operations: ['CREATE', 'UPDATE'] },
      ...POD_BEARING_RULES.filter((r) => r.apiGroups[0] !== ''),
    ],
    variables: [{
      name: 'labels',
      expression: `object.kind == 'Pod' || object.kind == 'PersistentVolumeClaim' ? ${meta('object')}`
        + ` : (object.kind == 'CronJob' ? ${meta('object.spec.jobTemplate.spec.template')} : ${meta('object.spec.template')})`,
    }],
    validations: [{
      expression: `${celString(DATA_CLASSIFICATION_LABEL)} in variables.labels`
        + ` && variables.labels[${celString(DATA_CLASSIFICATION_LABEL)}] == ${celString(input.classification)}`,
      message: `${DATA_CLASSIFICATION_LABEL} must be "${input.classification}" (on pods, PersistentVolumeClaims and the pod template of workloads)`
        + ` [policy ${prefix}-data-classification]`,
      reason: 'Invalid',
    }],
  };
  // Immutability alone is bypassed by deleting the ConfigMap and creating another of the same
  // name, or by removing the label first (the binding selects by label, on the old or new object).
  const modelLabel = celString(MODEL_CONFIG_LABEL);
  const isModelConfig = (o: string) => `has(${o}.metadata.labels) && ${modelLabel} in ${o}.metadata.labels && ${o}.metadata.labels[${modelLabel}] == 'true'`;
  const modelConfig: AdmissionPolicyModel = {
    ...base,
    name: `${prefix}-immutable-model-config`,
    description: `ConfigMaps labelled ${MODEL_CONFIG_LABEL}=true are immutable, keep the label, and are deleted only by namespace deletion or the garbage collector.`,
    resourceRules: [
      { apiGroups: [''], apiVersions: ['v1'], resources: ['configmaps'], operations: ['CREATE', 'UPDATE', 'DELETE'] },
    ],
    variables: [],
    objectLabels: { [MODEL_CONFIG_LABEL]: 'true' },
    validations: [
      {
        expression: "request.operation == 'DELETE' || (has(object.immutable) && object.immutable == true)",
        message: `model configuration ConfigMaps must set immutable: true [policy ${prefix}-immutable-model-config]`,
        reason: 'Invalid',
      },
      {
        expression: `request.operation != 'UPDATE' || !(${isModelConfig('oldObject')}) || (${isModelConfig('object')})`,
        message: `the ${MODEL_CONFIG_LABEL}=true label may not be removed from a model configuration ConfigMap [policy ${prefix}-immutable-model-config]`,
        reason: 'Forbidden',
      },
      {
        expression: `request.operation != 'DELETE' || request.userInfo.username in ${celList(SYSTEM_DELETERS)}`,
        message: 'model configuration ConfigMaps may not be deleted (deleting and recreating one would change it);'
          + ` only namespace deletion and the garbage collector remove them [policy ${prefix}-immutable-model-config]`,
        reason: 'Forbidden',
      },
    ],
  };
  const secretRefs: AdmissionPolicyModel = {
    ...base,
    name: `${prefix}-secret-references`,
    description: 'Pods reference only the Secrets the namespace lists (anyone who creates a pod can read what it mounts).',
    resourceRules: POD_BEARING_RULES,
    variables: [...POD_SPEC_VARIABLES, { name: 'allowedSecrets', expression: celList(input.workloadSecrets) }],
    validations: [
      {
        expression: '!has(variables.podSpec.volumes) || variables.podSpec.volumes.all(v, '
          + '(!has(v.secret) || (has(v.secret.secretName) && v.secret.secretName in variables.allowedSecrets))'
          + ' && (!has(v.projected) || !has(v.projected.sources) || v.projected.sources.all(p, !has(p.secret) || (has(p.secret.name) && p.secret.name in variables.allowedSecrets))))',
        message: `volumes may mount only the listed Secrets (${input.workloadSecrets.join(', ') || 'none'}) [policy ${prefix}-secret-references]`,
        reason: 'Forbidden',
      },
      {
        expression: 'variables.containers.all(c, '
          + '(!has(c.env) || c.env.all(e, !has(e.valueFrom) || !has(e.valueFrom.secretKeyRef) || e.valueFrom.secretKeyRef.name in variables.allowedSecrets))'
          + ' && (!has(c.envFrom) || c.envFrom.all(f, !has(f.secretRef) || f.secretRef.name in variables.allowedSecrets)))',
        message: `environment variables may come only from the listed Secrets (${input.workloadSecrets.join(', ') || 'none'}) [policy ${prefix}-secret-references]`,
        reason: 'Forbidden',
      },
    ],
  };
  // A Secret of this type makes the API server mint a non-expiring token for the ServiceAccount
  // it names: whoever may create Secrets would hold the deployer's (or any account's) identity.
  // Only the cluster's administrators create them; kube-controller-manager fills them in and the
  // legacy token cleaner labels them.
  const tokenSecrets: AdmissionPolicyModel = {
    ...base,
    name: `${prefix}-service-account-tokens`,
    description: 'Secrets of type kubernetes.io/service-account-token (long-lived ServiceAccount tokens) are created only by the cluster\'s administrators.',
    resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], resources: ['secrets'], operations: ['CREATE', 'UPDATE'] }],
    matchConditions: [{ name: 'service-account-token', expression: `object.type == ${celString(SERVICE_ACCOUNT_TOKEN_TYPE)}` }],
    variables: [],
    validations: [{
      expression: `(has(request.userInfo.groups) && ${celString(CLUSTER_ADMIN_GROUP)} in request.userInfo.groups)`
        + ` || request.userInfo.username in ${celList([CONTROLLER_MANAGER_USER, TOKEN_CLEANER_USER])}`,
      message: `Secrets of type ${SERVICE_ACCOUNT_TOKEN_TYPE} may be created only by the cluster's administrators;`
        + ` request a short-lived token (TokenRequest, kubectl create token) instead [policy ${prefix}-service-account-tokens]`,
      reason: 'Forbidden',
    }],
  };
  return [images, hostIsolation, classification, modelConfig, secretRefs, tokenSecrets];
}
