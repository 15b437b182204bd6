import { AITrainingNamespaceProps } from '../../options/ai-training-namespace-props';
import { Persona } from '../../options/persona';
import { Subject, SubjectKind } from '../../options/subject';
import { dnsLabel, unique } from '../../options/validate';
import { ValidationError } from '../../options/validation-error';
import { assertLeastPrivilege, PersonaModel, subjectModel } from '../rbac-model';
import { ciDeployerRules, mlEngineerRules, namespaceAdminRules, viewerRules } from '../training-personas';
import { WeakenedControl } from '../weakening';

/** The training namespace's identities and personas. @internal */
export interface TrainingIdentitiesModel {
  readonly trainingServiceAccount: string;
  readonly ciDeployerServiceAccount?: string;
  readonly personas: PersonaModel[];
}

/** The training and CI ServiceAccounts and the persona Roles, least privilege checked. @internal */
export function trainingIdentities(name: string, props: AITrainingNamespaceProps, weakenings: WeakenedControl[]): TrainingIdentitiesModel {
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
  return { trainingServiceAccount, ciDeployerServiceAccount, personas };
}
