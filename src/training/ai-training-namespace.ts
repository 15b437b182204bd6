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
 * Who applies what: every object it writes is the platform team's, applied by a cluster
 * administrator, so it goes to the app's platform-owned chart
 * (`SecureAiPlatform.platformOwnedChart`, `secure-ai-platform-owned.k8s.yaml`; listed in
 * `platformObjects`), not to the chart it is added to. The Namespace and the admission policies
 * and bindings are cluster-scoped or guard the namespace; the Roles, RoleBindings and
 * ServiceAccounts let the personas in; the NetworkPolicies, ResourceQuota and LimitRange are
 * controls no persona of the namespace may change (none is granted their writes). A namespace
 * deployer would apply nothing of it, so the construct leaves the chart it is added to empty:
 * that chart is for the workloads the personas apply (Jobs, ConfigMaps, PVCs), after the
 * platform-owned file.
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
  /**
   * The chart of what the platform team applies, shared by every endpoint and training namespace
   * of the app (`SecureAiPlatform.platformOwnedChart`): it holds every object of this namespace.
   */
  public readonly platformOwnedChart: Chart;
  /**
   * Every object the namespace wrote into the platform-owned chart, Namespace first: the
   * NetworkPolicies, ServiceAccounts, Roles and RoleBindings, ResourceQuota, LimitRange, and
   * the ValidatingAdmissionPolicies and their bindings.
   */
  public readonly platformObjects: ApiObject[];
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
    const platform = SecureAiPlatform.of(this);
    platform._claimNamespace(ns, this.node.path, { createsNamespace: true, sharable: false });
    // Everything here is applied by a cluster administrator: the platform-owned chart, under this construct's path.
    this.platformOwnedChart = platform.platformOwnedChart;
    const owned = platform._platformOwnedScope(this);

    this.namespaceName = ns;
    this.namespace = renderNamespace(owned, 'namespace', ns, model.labels, annotations);
    this.networkPolicies = renderNetworkPolicies(owned, ns, model.networkPolicies, common);
    const sa = renderServiceAccount(owned, 'training-sa', ns, model.trainingServiceAccount, common);
    this.trainingServiceAccountName = model.trainingServiceAccount;
    const children: ApiObject[] = [sa, ...this.networkPolicies];
    if (model.ciDeployerServiceAccount) {
      children.push(renderServiceAccount(owned, 'ci-deployer-sa', ns, model.ciDeployerServiceAccount, common));
      this.ciDeployerServiceAccountName = model.ciDeployerServiceAccount;
    }
    const personas = renderPersonas(owned, ns, model.personas, common);
    this.roles = personas.map((p) => p.role);
    personas.forEach((p) => children.push(p.role, p.binding));
    this.resourceQuota = renderResourceQuota(owned, ns, model.quotaHard, common);
    this.limitRange = renderLimitRange(owned, ns, model.containerDefaults, common);
    children.push(this.resourceQuota, this.limitRange);
    const admission = renderAdmissionPolicies(owned, model.admissionPolicies, common);
    this.admissionPolicies = admission.map((a) => a.policy);
    for (const a of admission) {
      // A binding must not exist before its policy, and both only once the namespace does.
      a.binding.addDependency(a.policy);
      children.push(a.policy);
    }
    platform._orderAfterNamespace(ns, children, this.namespace);
    this.platformObjects = [this.namespace, ...children, ...admission.map((a) => a.binding)];

    this.auditPolicyChart = platform._addAuditRules(ns, model.auditRules);
    this.weakenedControls = model.weakenings.map((w) => ({ ...w }));
  }
}
