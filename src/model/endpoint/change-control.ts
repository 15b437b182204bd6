import { ChangeControlOptions } from '../../options/secure-inference-endpoint-props';
import { ValidationError } from '../../options/validation-error';
import { AdmissionPolicyModel } from '../admission-policy-model';
import { changeControlPolicy } from '../change-control-policy';
import { endpointAuditorRules, endpointDeployerRules } from '../endpoint-personas';
import { ResourceGroup } from '../exposure-targets';
import { assertLeastPrivilege, PersonaModel, SubjectModel, subjectModel } from '../rbac-model';

/** Who may change the endpoint, and the policy that holds them to it. @internal */
export interface ChangeControlModel {
  readonly personas: PersonaModel[];
  readonly deployerServiceAccount?: string;
  readonly admissionPolicies: AdmissionPolicyModel[];
}

/** The deployer (and auditor) personas and the change-control admission policy. @internal */
export function changeControlModel(name: string, namespace: string, cc: ChangeControlOptions = {},
  targetResources: ResourceGroup[]): ChangeControlModel {
  let deployerServiceAccount: string | undefined;
  let deployers: SubjectModel[];
  if (cc.deployers === undefined) {
    deployerServiceAccount = `${name}-deployer`;
    deployers = [{ kind: 'ServiceAccount', name: deployerServiceAccount, namespace }];
  } else {
    if (!Array.isArray(cc.deployers) || cc.deployers.length === 0) {
      throw new ValidationError('changeControl.deployers', cc.deployers, 'Give at least one deployer (Subject.serviceAccount(...) or Subject.group(...)), or omit it to create a deployer ServiceAccount.');
    }
    deployers = cc.deployers.map((s) => subjectModel(s, namespace));
  }
  const personas: PersonaModel[] = [{
    name: `${name}-deployer`,
    description: 'The only identity that may change the endpoint: routes, Services, NetworkPolicies, certificates, policies, workload.',
    rules: endpointDeployerRules(targetResources),
    subjects: deployers,
  }];
  if (cc.auditors !== undefined) {
    if (!Array.isArray(cc.auditors) || cc.auditors.length === 0) {
      throw new ValidationError('changeControl.auditors', cc.auditors, 'Give at least one auditor, or omit changeControl.auditors.');
    }
    personas.push({ name: `${name}-auditor`, description: 'Reads the endpoint\'s objects; never Secrets.', rules: endpointAuditorRules(targetResources), subjects: cc.auditors.map((s) => subjectModel(s, namespace)) });
  }
  personas.forEach(assertLeastPrivilege);
  return { personas, deployerServiceAccount, admissionPolicies: [changeControlPolicy({ name, namespace, deployers, targetResources })] };
}
