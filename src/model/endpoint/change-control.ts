import { ChangeControlOptions } from '../../options/secure-inference-endpoint-props';
import { singleLine } from '../../options/validate';
import { ValidationError } from '../../options/validation-error';
import { AdmissionPolicyModel } from '../admission-policy-model';
import { changeControlPolicy } from '../change-control-policy';
import { endpointAuditorRules, endpointDeployerRules } from '../endpoint-personas';
import { ResourceGroup } from '../exposure-targets';
import { assertLeastPrivilege, PersonaModel, SubjectModel, subjectModel } from '../rbac-model';
import { WeakenedControl } from '../weakening';
import { BackendModel } from './backend';
import { ChallengeModel } from './tls';
import { ENDPOINT_LABEL, MANAGED_BY } from '../../facts/label-keys';

/** What change control protects: the model's Services and pods, the hosts and the certificate. @internal */
export interface ProtectedModel {
  readonly backends: BackendModel[];
  readonly hosts: string[];
  readonly tlsSecretName: string;
  /**
   * The Secrets of the model servers' own certificates (backendTls).
   * @default - none
   */
  readonly serverTlsSecretNames?: string[];
  /** The names of the endpoint's route objects (policies attaching to them are the deployers'). */
  readonly routes: string[];
  /**
   * Users that generate the endpoint's HTTPRoute from its route object (the Envoy AI Gateway
   * controller, from an AIGatewayRoute of the same name).
   * @default - none
   */
  readonly routeGenerators?: string[];
  /**
   * The endpoint pickers of its InferencePools: a picker is an ext_proc server that sees every
   * prompt and chooses the model pod, so its Service and pods are guarded as the model's are.
   * @default - none
   */
  readonly endpointPickers?: { readonly serviceName: string; readonly podLabels: { [k: string]: string } }[];
  readonly challenge: ChallengeModel;
  /** The NodeLocal DNSCache address of the namespace's allow-dns. */
  readonly dnsAddresses: string[];
}

/** The labels the pods of a backend carry: the construct's workloads add the endpoint's own. @internal */
export function modelPodLabels(name: string, b: BackendModel): { [k: string]: string } {
  return b.workload ? { 'app.kubernetes.io/managed-by': MANAGED_BY, [ENDPOINT_LABEL]: name, ...b.podLabels } : { ...b.podLabels };
}

/** Who may change the endpoint, and the policy that holds them to it. @internal */
export interface ChangeControlModel {
  readonly personas: PersonaModel[];
  readonly deployerServiceAccount?: string;
  readonly admissionPolicies: AdmissionPolicyModel[];
}

/** The deployer (and auditor) personas and the change-control admission policy. @internal */
export function changeControlModel(name: string, namespace: string, cc: ChangeControlOptions = {},
  targetResources: ResourceGroup[], protect: ProtectedModel, weakenings: WeakenedControl[], targetGuards: ResourceGroup[] = [],
  endpointCertificate = true): ChangeControlModel {
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
    description: 'The only identity that may change the endpoint: its workload, Services, PodDisruptionBudget, routes, NetworkPolicies, certificate and policies.',
    rules: endpointDeployerRules(targetResources, endpointCertificate),
    subjects: deployers,
  }];
  if (cc.auditors !== undefined) {
    if (!Array.isArray(cc.auditors) || cc.auditors.length === 0) {
      throw new ValidationError('changeControl.auditors', cc.auditors, 'Give at least one auditor, or omit changeControl.auditors.');
    }
    personas.push({ name: `${name}-auditor`, description: 'Reads the endpoint\'s objects; never Secrets.', rules: endpointAuditorRules(targetResources, endpointCertificate), subjects: cc.auditors.map((s) => subjectModel(s, namespace)) });
  }
  personas.forEach(assertLeastPrivilege);
  let breakGlassGroup: string | undefined;
  if (cc.breakGlassGroup !== undefined) {
    breakGlassGroup = singleLine('changeControl.breakGlassGroup', cc.breakGlassGroup, 253);
    if (breakGlassGroup.startsWith('system:')) {
      throw new ValidationError('changeControl.breakGlassGroup', breakGlassGroup, 'Name a group of your own for break-glass (e.g. "platform-oncall"), not a system group such as system:masters or system:authenticated.');
    }
    weakenings.push({
      option: `changeControl.breakGlassGroup: ${breakGlassGroup}`,
      effect: `Members of group ${breakGlassGroup} may change the endpoint and what reaches its model outside change control; audit its use.`,
    });
  }
  const pickers = protect.endpointPickers ?? [];
  const policy = changeControlPolicy({
    name,
    namespace,
    deployers,
    breakGlassGroup,
    certManagerUser: protect.challenge.certManagerUser,
    modelServices: [...protect.backends.map((b) => b.serviceName), ...pickers.map((p) => p.serviceName)],
    modelSelectors: [...protect.backends.map((b) => ({ ...b.podLabels })), ...pickers.map((p) => ({ ...p.podLabels }))],
    modelPodLabels: [...protect.backends.map((b) => modelPodLabels(name, b)), ...pickers.map((p) => ({ ...p.podLabels }))],
    hosts: protect.hosts,
    tlsSecretName: protect.tlsSecretName,
    serverTlsSecretNames: protect.serverTlsSecretNames,
    routes: protect.routes,
    routeGenerators: protect.routeGenerators,
    targetResources: [...targetResources, ...targetGuards],
    dnsAddresses: protect.dnsAddresses,
  });
  return { personas, deployerServiceAccount, admissionPolicies: [policy] };
}
