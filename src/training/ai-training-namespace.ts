import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { WEAKENED_CONTROLS_ANNOTATION } from '../facts/label-keys';
import { buildTrainingNamespaceModel, TrainingNamespaceModel } from '../model/training-namespace-model';
import { WeakenedControl } from '../model/weakening';
import { AITrainingNamespaceProps } from '../options/ai-training-namespace-props';
import { SecureAiPlatform } from '../platform/secure-ai-platform';
import { renderAdmissionPolicies } from '../render/admission-policy';
import { renderNamespace } from '../render/namespace';
import { renderNetworkPolicies } from '../render/network-policy';
import { renderLimitRange, renderResourceQuota } from '../render/quota';
import { renderPersonas, renderServiceAccount } from '../render/rbac';

/**
 * A locked-down namespace for AI training, from typed options with secure defaults:
 * Pod Security Admission (`restricted`), default-deny NetworkPolicies with declared egress
 * and the cloud metadata endpoints carved out, RBAC personas, a ResourceQuota with GPUs and a
 * LimitRange, ValidatingAdmissionPolicies for images, host isolation and data controls, and an
 * API-server audit policy written to its own file.
 *
 * Its audit rules join the app's one audit policy (`SecureAiPlatform`), a file of its own for
 * the API server's `--audit-policy-file`, not applied to the cluster.
 */
export class AITrainingNamespace extends Construct {
  /** The namespace's name. */
  public readonly namespaceName: string;
  /** The ServiceAccount training jobs run as (its token is not mounted). */
  public readonly trainingServiceAccountName: string;
  /**
   * The CI deployer ServiceAccount's name.
   * @default - none when `ciDeployer` is false
   */
  public readonly ciDeployerServiceAccountName?: string;
  /** The Namespace object (escape hatch). */
  public readonly namespace: ApiObject;
  /** The NetworkPolicies, default deny first (escape hatches). */
  public readonly networkPolicies: ApiObject[];
  /** The persona Roles (escape hatches). */
  public readonly roles: ApiObject[];
  /** The ResourceQuota (escape hatch). */
  public readonly resourceQuota: ApiObject;
  /** The LimitRange (escape hatch). */
  public readonly limitRange: ApiObject;
  /** The ValidatingAdmissionPolicies (escape hatches). */
  public readonly admissionPolicies: ApiObject[];
  /** The chart of the app's audit policy (shared by every training namespace of the app); it synthesises to a file of its own. */
  public readonly auditPolicyChart: Chart;
  /** Options that weaken a secure default, for the security report. */
  public readonly weakenedControls: WeakenedControl[];

  constructor(scope: Construct, id: string, props: AITrainingNamespaceProps) {
    super(scope, id);
    const model: TrainingNamespaceModel = buildTrainingNamespaceModel(props);
    const ns = model.name;
    const common = { 'app.kubernetes.io/managed-by': 'cdk8s-secure-ai', 'secure-ai.cdk8s.io/training-namespace': ns };

    const annotations = { ...model.annotations };
    if (model.weakenings.length > 0) {
      annotations[WEAKENED_CONTROLS_ANNOTATION] = model.weakenings.map((w) => w.option).join('; ');
    }
    this.namespaceName = ns;
    this.namespace = renderNamespace(this, 'namespace', ns, model.labels, annotations);
    this.networkPolicies = renderNetworkPolicies(this, ns, model.networkPolicies, common);
    const sa = renderServiceAccount(this, 'training-sa', ns, model.trainingServiceAccount, common);
    this.trainingServiceAccountName = model.trainingServiceAccount;
    const children: ApiObject[] = [sa, ...this.networkPolicies];
    if (model.ciDeployerServiceAccount) {
      children.push(renderServiceAccount(this, 'ci-deployer-sa', ns, model.ciDeployerServiceAccount, common));
      this.ciDeployerServiceAccountName = model.ciDeployerServiceAccount;
    }
    const personas = renderPersonas(this, ns, model.personas, common);
    this.roles = personas.map((p) => p.role);
    personas.forEach((p) => children.push(p.role, p.binding));
    this.resourceQuota = renderResourceQuota(this, ns, model.quotaHard, common);
    this.limitRange = renderLimitRange(this, ns, model.containerDefaults, common);
    children.push(this.resourceQuota, this.limitRange);
    const admission = renderAdmissionPolicies(this, model.admissionPolicies, common);
    this.admissionPolicies = admission.map((a) => a.policy);
    for (const a of admission) {
      // A binding must not exist before its policy, and both only once the namespace does.
      a.policy.addDependency(this.namespace);
      a.binding.addDependency(a.policy);
    }
    for (const c of children) c.addDependency(this.namespace);

    const platform = SecureAiPlatform.of(this);
    platform._claimNamespace(ns, this.node.path, { createsNamespace: true, sharable: false });
    this.auditPolicyChart = platform._addAuditRules(ns, model.auditRules);
    this.weakenedControls = model.weakenings.map((w) => ({ ...w }));
  }
}
