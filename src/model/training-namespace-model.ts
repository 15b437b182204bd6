import { AdmissionPolicyModel } from './admission-policy-model';
import { AuditRuleModel, namespaceAuditRules } from './audit-policy-model';
import { egressPolicy } from './egress-policy';
import { defaultDenyPolicy, dnsEgressPolicy, Labels, NetworkPolicyModel } from './network-policy-model';
import { assertLeastPrivilege, PersonaModel, subjectModel } from './rbac-model';
import { DATA_CLASSIFICATION_LABEL, trainingAdmissionPolicies } from './training-admission-policies';
import { ciDeployerRules, mlEngineerRules, namespaceAdminRules, viewerRules } from './training-personas';
import { WeakeningModel } from './weakening';
import { AdmissionAction } from '../options/admission-action';
import { AITrainingNamespaceProps } from '../options/ai-training-namespace-props';
import { Persona } from '../options/persona';
import { PodSecurityLevel } from '../options/pod-security-level';
import { registryPrefix } from '../options/registry-pattern';
import { Subject, SubjectKind } from '../options/subject';
import { dnsLabel, dnsSubdomain, integer, labelValue, port, quantity, quantityValue, singleLine, unique } from '../options/validate';
import { ValidationError } from '../options/validation-error';

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
  readonly containerDefaults: { cpuRequest: string; cpuLimit: string; memoryRequest: string; memoryLimit: string };
  readonly admissionPolicies: AdmissionPolicyModel[];
  readonly auditRules: AuditRuleModel[];
  readonly weakenings: WeakeningModel[];
}

export const POD_SECURITY_VERSION = /^(v1\.[0-9]{2}|latest)$/;

export function buildTrainingNamespaceModel(props: AITrainingNamespaceProps): TrainingNamespaceModel {
  if (!props) throw new ValidationError('props', props, 'Pass the AITrainingNamespace options.');
  const name = dnsLabel('name', props.name);
  if (name.startsWith('kube-') || name === 'default') {
    throw new ValidationError('name', name, 'Reserved namespaces cannot be a training namespace; choose a name of your own.');
  }
  if (!props.dataClassification) {
    throw new ValidationError('dataClassification', props.dataClassification,
      'Choose DataClassification.PUBLIC, INTERNAL, CONFIDENTIAL or RESTRICTED.');
  }
  const weakenings: WeakeningModel[] = [];

  // --- namespace metadata
  const podSecurity = props.podSecurity ?? PodSecurityLevel.RESTRICTED;
  const psaVersion = props.podSecurityVersion ?? 'v1.30';
  if (!POD_SECURITY_VERSION.test(psaVersion)) {
    throw new ValidationError('podSecurityVersion', psaVersion, 'Use a Kubernetes minor such as "v1.30" or "latest".');
  }
  if (podSecurity.level === 'baseline') {
    weakenings.push({ option: 'podSecurity: BASELINE', effect: 'Pod Security enforces baseline, not restricted: pods may run as root and keep default capabilities.' });
  }
  if (podSecurity.level === 'privileged') {
    weakenings.push({ option: 'podSecurity: privilegedInsecure', effect: `Pod Security is not enforced (privileged): ${podSecurity.insecureReason}` });
  }
  const labels: Labels = {
    'pod-security.kubernetes.io/enforce': podSecurity.level,
    'pod-security.kubernetes.io/enforce-version': psaVersion,
    'pod-security.kubernetes.io/audit': 'restricted',
    'pod-security.kubernetes.io/audit-version': psaVersion,
    'pod-security.kubernetes.io/warn': 'restricted',
    'pod-security.kubernetes.io/warn-version': psaVersion,
    [DATA_CLASSIFICATION_LABEL]: props.dataClassification.value,
    'secure-ai.cdk8s.io/owner': labelValue('owner', props.owner),
    ...(props.team !== undefined ? { 'secure-ai.cdk8s.io/team': labelValue('team', props.team) } : {}),
    'app.kubernetes.io/managed-by': 'cdk8s-secure-ai',
  };
  if (!props.owner) throw new ValidationError('owner', props.owner, 'Name the owner (a team or cost centre).');
  const dataSources = (props.dataSources ?? []).map((s, i) => singleLine(`dataSources[${i}]`, s));
  const annotations: Labels = {
    'secure-ai.cdk8s.io/purpose': singleLine('purpose', props.purpose),
    ...(dataSources.length > 0 ? { 'secure-ai.cdk8s.io/data-sources': dataSources.join(', ') } : {}),
  };

  // --- network
  const networkPolicies = trainingNetworkPolicies(props, weakenings);

  // --- identities and personas
  const trainingServiceAccount = dnsLabel('trainingServiceAccountName', props.trainingServiceAccountName ?? 'training-job');
  const ciDeployer = props.ciDeployer ?? true;
  const ciDeployerServiceAccount = ciDeployer ? dnsLabel('ciDeployerName', props.ciDeployerName ?? 'ci-deployer') : undefined;
  if (!ciDeployer && props.ciDeployerName !== undefined) {
    throw new ValidationError('ciDeployerName', props.ciDeployerName, 'ciDeployer is false, so no deployer is created; remove ciDeployerName or set ciDeployer to true.');
  }
  if (ciDeployerServiceAccount === trainingServiceAccount) {
    throw new ValidationError('ciDeployerName', ciDeployerServiceAccount, 'The deployer and the training jobs must not share a ServiceAccount; choose another name.');
  }
  const allowPodExec = props.allowPodExec ?? false;
  if (allowPodExec) {
    weakenings.push({ option: 'allowPodExec: true', effect: 'Namespace admins and ML engineers may exec into, attach to and port-forward to pods, reaching the data they hold.' });
  }
  const secretReaders = props.secretReaders ?? [];
  if (secretReaders.includes(Persona.VIEWER)) {
    throw new ValidationError('secretReaders', 'viewer', 'The viewer persona is read-only without Secrets by design; remove it from secretReaders.');
  }
  unique('secretReaders', secretReaders.map((p) => p.name));
  for (const secret of props.workloadSecrets ?? []) {
    weakenings.push({ option: `workloadSecrets: ${secret}`, effect: `Pods may mount the Secret ${secret}; whoever can create pods can read it.` });
  }
  for (const p of secretReaders) {
    weakenings.push({ option: `secretReaders: ${p.name}`, effect: `The ${p.name} persona may read Secrets.` });
  }
  if (secretReaders.includes(Persona.CI_DEPLOYER) && !ciDeployer) {
    throw new ValidationError('secretReaders', 'ci-deployer', 'ciDeployer is false; remove ci-deployer from secretReaders or create the deployer.');
  }
  const grants = (p: Persona) => ({ allowPodExec, readSecrets: secretReaders.includes(p) });
  const personas: PersonaModel[] = [];
  const persona = (field: string, p: Persona, subjects: Subject[] | undefined, description: string, rules: PersonaModel['rules']) => {
    if (subjects === undefined) return;
    if (!Array.isArray(subjects) || subjects.length === 0) {
      throw new ValidationError(field, subjects, `Give at least one Subject (Subject.group(...), Subject.user(...) or Subject.serviceAccount(...)), or omit ${field} to not create the persona.`);
    }
    personas.push({ name: p.name, description, rules, subjects: subjects.map((s) => subjectModel(s, name)) });
  };
  persona('namespaceAdmins', Persona.NAMESPACE_ADMIN, props.namespaceAdmins,
    'Runs workloads and their configuration; cannot change RBAC, NetworkPolicies, quotas or admission policies.',
    namespaceAdminRules(grants(Persona.NAMESPACE_ADMIN)));
  persona('mlEngineers', Persona.ML_ENGINEER, props.mlEngineers,
    'Creates and deletes training Jobs, pods and volumes; reads logs.', mlEngineerRules(grants(Persona.ML_ENGINEER)));
  persona('viewers', Persona.VIEWER, props.viewers, 'Reads everything but Secrets and logs.', viewerRules());
  if (ciDeployerServiceAccount) {
    personas.push({
      name: Persona.CI_DEPLOYER.name,
      description: 'The CI ServiceAccount: deploys Jobs, workloads and their configuration.',
      rules: ciDeployerRules(grants(Persona.CI_DEPLOYER)),
      subjects: [{ kind: SubjectKind.SERVICE_ACCOUNT.value, name: ciDeployerServiceAccount, namespace: name }],
    });
  }
  personas.forEach(assertLeastPrivilege);

  // --- quota and defaults
  const q = props.quota ?? {};
  const cpu = quantity('quota.cpu', q.cpu ?? '32');
  const memory = quantity('quota.memory', q.memory ?? '256Gi');
  const quotaHard: { [resource: string]: string } = {
    'requests.cpu': cpu,
    'limits.cpu': cpu,
    'requests.memory': memory,
    'limits.memory': memory,
    'pods': String(integer('quota.pods', q.pods ?? 50, 1)),
    'persistentvolumeclaims': String(integer('quota.persistentVolumeClaims', q.persistentVolumeClaims ?? 20, 0)),
    'requests.storage': quantity('quota.storage', q.storage ?? '2Ti'),
    'count/jobs.batch': String(integer('quota.jobs', q.jobs ?? 100, 0)),
    'configmaps': String(integer('quota.configMaps', q.configMaps ?? 100, 1)),
    'secrets': String(integer('quota.secrets', q.secrets ?? 50, 1)),
    'services': String(integer('quota.services', q.services ?? 10, 0)),
    'services.loadbalancers': '0',
    'services.nodeports': '0',
  };
  if (q.gpus !== undefined) {
    integer('quota.gpus', q.gpus, 0, 100000);
    if (!q.gpuResourceName) {
      throw new ValidationError('quota.gpuResourceName', q.gpuResourceName,
        'A GPU quota needs the GPUs\' extended resource name, e.g. gpuResourceName: "nvidia.com/gpu".');
    }
    quotaHard[`requests.${extendedResourceName('quota.gpuResourceName', q.gpuResourceName)}`] = String(q.gpus);
  } else if (q.gpuResourceName !== undefined) {
    throw new ValidationError('quota.gpus', q.gpus, `gpuResourceName is "${q.gpuResourceName}" but gpus is not set; set quota.gpus to the number of GPUs allowed.`);
  }
  const d = props.containerDefaults ?? {};
  const containerDefaults = {
    cpuRequest: quantity('containerDefaults.cpuRequest', d.cpuRequest ?? '500m'),
    cpuLimit: quantity('containerDefaults.cpuLimit', d.cpuLimit ?? '2'),
    memoryRequest: quantity('containerDefaults.memoryRequest', d.memoryRequest ?? '1Gi'),
    memoryLimit: quantity('containerDefaults.memoryLimit', d.memoryLimit ?? '4Gi'),
  };
  if (quantityValue(containerDefaults.cpuRequest) > quantityValue(containerDefaults.cpuLimit)) {
    throw new ValidationError('containerDefaults.cpuRequest', containerDefaults.cpuRequest, `The request must not exceed cpuLimit (${containerDefaults.cpuLimit}).`);
  }
  if (quantityValue(containerDefaults.memoryRequest) > quantityValue(containerDefaults.memoryLimit)) {
    throw new ValidationError('containerDefaults.memoryRequest', containerDefaults.memoryRequest, `The request must not exceed memoryLimit (${containerDefaults.memoryLimit}).`);
  }
  if (quantityValue(containerDefaults.cpuLimit) > quantityValue(cpu)) {
    throw new ValidationError('containerDefaults.cpuLimit', containerDefaults.cpuLimit, `A single container's default limit exceeds the namespace quota (quota.cpu ${cpu}); lower it or raise the quota.`);
  }
  if (quantityValue(containerDefaults.memoryLimit) > quantityValue(memory)) {
    throw new ValidationError('containerDefaults.memoryLimit', containerDefaults.memoryLimit, `A single container's default limit exceeds the namespace quota (quota.memory ${memory}); lower it or raise the quota.`);
  }

  // --- admission
  const admission = props.admission;
  if (!admission || !Array.isArray(admission.allowedRegistries) || admission.allowedRegistries.length === 0) {
    throw new ValidationError('admission.allowedRegistries', admission?.allowedRegistries,
      'List at least one registry pods may pull from, e.g. ["registry.example.com/ml"].');
  }
  const registries = unique('admission.allowedRegistries',
    admission.allowedRegistries.map((r, i) => registryPrefix(`admission.allowedRegistries[${i}]`, r)));
  const requireDigest = admission.requireImageDigest ?? true;
  if (!requireDigest) {
    weakenings.push({ option: 'admission.requireImageDigest: false', effect: 'Images may be referenced by mutable tags; what runs may differ from what was reviewed.' });
  }
  const action = admission.action ?? AdmissionAction.DENY;
  if (!action.enforces) {
    weakenings.push({ option: `admission.action: ${action.validationActions.join('+')}`, effect: 'Admission policy violations are reported but not rejected.' });
  }
  const admissionPolicies = trainingAdmissionPolicies({
    namespace: name,
    registries,
    requireDigest,
    classification: props.dataClassification.value,
    forbiddenServiceAccounts: ciDeployerServiceAccount ? [ciDeployerServiceAccount] : [],
    validationActions: action.validationActions,
    workloadSecrets: unique('workloadSecrets', (props.workloadSecrets ?? []).map((n, i) => dnsSubdomain(`workloadSecrets[${i}]`, n))),
  });

  return {
    name,
    labels,
    annotations,
    networkPolicies,
    personas,
    trainingServiceAccount,
    ciDeployerServiceAccount,
    quotaHard,
    containerDefaults,
    admissionPolicies,
    auditRules: namespaceAuditRules(name),
    weakenings,
  };
}

function trainingNetworkPolicies(props: AITrainingNamespaceProps, weakenings: WeakeningModel[]): NetworkPolicyModel[] {
  const dns = props.clusterDns ?? {};
  const policies: NetworkPolicyModel[] = [
    defaultDenyPolicy(),
    dnsEgressPolicy(dns.namespaceLabels ?? { 'kubernetes.io/metadata.name': 'kube-system' }, dns.podLabels ?? { 'k8s-app': 'kube-dns' }),
  ];
  if (props.allowIntraNamespaceTraffic ?? true) {
    policies.push({
      name: 'allow-intra-namespace',
      description: 'Pods of this namespace may reach each other on any port (distributed training).',
      podLabels: {},
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ peers: [{ podLabels: {} }], ports: [] }],
      egress: [{ peers: [{ podLabels: {} }], ports: [] }],
    });
  }
  const names = new Set<string>();
  (props.egress ?? []).forEach((rule, i) => {
    const field = `egress[${i}]`;
    policies.push(egressPolicy(field, rule, {}, names, weakenings));
  });
  if (props.metricsScrape) {
    const m = props.metricsScrape;
    const ns = dnsLabel('metricsScrape.namespace', m.namespace);
    policies.push({
      name: 'allow-metrics-scrape',
      description: `The monitoring namespace ${ns} may scrape metrics on port ${m.port} only.`,
      podLabels: m.podLabels ?? {},
      policyTypes: ['Ingress'],
      ingress: [{
        peers: [{ namespaceLabels: { 'kubernetes.io/metadata.name': ns }, podLabels: m.scraperPodLabels ?? {} }],
        ports: [{ protocol: 'TCP', port: port('metricsScrape.port', m.port) }],
      }],
    });
  }
  return policies;
}


function extendedResourceName(field: string, value: string): string {
  if (/^(requests|limits)\./.test(value)) {
    throw new ValidationError(field, value, `Give the resource name without the quota prefix. Did you mean "${value.replace(/^(requests|limits)\./, '')}"?`);
  }
  if (!/^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+)\/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(value)) {
    throw new ValidationError(field, value, 'Use an extended resource name with a domain prefix, e.g. "nvidia.com/gpu" (without "requests.").');
  }
  return value;
}
