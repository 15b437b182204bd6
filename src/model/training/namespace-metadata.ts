import { DATA_CLASSIFICATION_LABEL, DATA_SOURCES_ANNOTATION, MANAGED_BY, OWNER_LABEL, PURPOSE_ANNOTATION, TEAM_LABEL } from '../../facts/label-keys';
import { AITrainingNamespaceProps } from '../../options/ai-training-namespace-props';
import { PodSecurityLevel } from '../../options/pod-security-level';
import { labelValue, singleLine } from '../../options/validate';
import { ValidationError } from '../../options/validation-error';
import { Labels } from '../network-policy-model';
import { WeakenedControl } from '../weakening';

/** A Pod Security Admission version: a Kubernetes minor or `latest`. @internal */
export const POD_SECURITY_VERSION = /^(v1\.[0-9]{2}|latest)$/;

/** The namespace's labels (Pod Security, classification, owner) and annotations. @internal */
export function trainingNamespaceMetadata(props: AITrainingNamespaceProps, weakenings: WeakenedControl[]): { labels: Labels; annotations: Labels } {
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
    [OWNER_LABEL]: labelValue('owner', props.owner),
    ...(props.team !== undefined ? { [TEAM_LABEL]: labelValue('team', props.team) } : {}),
    'app.kubernetes.io/managed-by': MANAGED_BY,
  };
  if (!props.owner) throw new ValidationError('owner', props.owner, 'Name the owner (a team or cost centre).');
  const dataSources = (props.dataSources ?? []).map((s, i) => singleLine(`dataSources[${i}]`, s));
  const annotations: Labels = {
    [PURPOSE_ANNOTATION]: singleLine('purpose', props.purpose),
    ...(dataSources.length > 0 ? { [DATA_SOURCES_ANNOTATION]: dataSources.join(', ') } : {}),
  };
  return { labels, annotations };
}
