import * as pulumi from '@pulumi/pulumi';
import { Yaml } from 'cdk8s';
import { KubernetesObjectResource, nameOutput, registerConstructResources } from './construct-resources';
import { SecureAiComponentOptions, withoutPlatform } from './secure-ai-platform';
import * as secureAi from 'cdk8s-secure-ai';

/**
 * A locked-down namespace for AI training, as a Pulumi component: the `AITrainingNamespace`
 * cdk8s construct, same options, with each Kubernetes object (Namespace, NetworkPolicies,
 * ServiceAccounts, Roles and RoleBindings, ResourceQuota, LimitRange, ValidatingAdmissionPolicies
 * and their bindings) registered as its own child resource. The cdk8s construct writes all of them
 * into the app's platform-owned chart (`platformObjects`), for a cluster administrator: the stack's
 * Kubernetes provider needs those rights.
 *
 * The API-server audit policy is not a cluster object: it is the `auditPolicyYaml` output, for
 * the platform team to give to the API server's `--audit-policy-file`.
 */
export class AITrainingNamespace extends pulumi.ComponentResource {
  /** The component's Pulumi type token. */
  public static readonly TYPE = 'cdk8s-secure-ai:index:AITrainingNamespace';

  /** The namespace's name, known once the Namespace exists: wire workloads to it. */
  public readonly namespaceName: pulumi.Output<string>;
  /** The ServiceAccount training jobs run as. */
  public readonly trainingServiceAccountName: pulumi.Output<string>;
  /** The CI deployer's ServiceAccount, when `ciDeployer` is on. */
  public readonly ciDeployerServiceAccountName: pulumi.Output<string | undefined>;
  /** The `audit.k8s.io/v1` Policy for the API server, as YAML. */
  public readonly auditPolicyYaml: pulumi.Output<string>;
  /** Options that weaken a secure default, for review. */
  public readonly weakenedControls: pulumi.Output<secureAi.WeakenedControl[]>;
  /** Every Kubernetes object, in dependency order (escape hatches, `dependsOn` targets). */
  public readonly resources: KubernetesObjectResource[];

  constructor(name: string, props: secureAi.AITrainingNamespaceProps, opts?: SecureAiComponentOptions) {
    super(AITrainingNamespace.TYPE, name, {}, withoutPlatform(opts));
    const built = registerConstructResources(this, name, (scope, id) => new secureAi.AITrainingNamespace(scope, id, props), opts,
      { include: (namespace) => namespace.platformObjects });
    const construct = built.construct;
    const find = (kind: string, objectName: string) =>
      built.resources.find((r) => r.manifest.kind === kind && r.manifest.metadata.name === objectName)!;

    this.resources = built.resources;
    this.namespaceName = nameOutput(find('Namespace', construct.namespaceName));
    this.trainingServiceAccountName = nameOutput(find('ServiceAccount', construct.trainingServiceAccountName));
    this.ciDeployerServiceAccountName = construct.ciDeployerServiceAccountName === undefined
      ? pulumi.output(undefined)
      : nameOutput(find('ServiceAccount', construct.ciDeployerServiceAccountName));
    // With a platform, composed from every component of the program; on its own, this one's.
    this.auditPolicyYaml = opts?.platform ? opts.platform.auditPolicyYaml : pulumi.output(Yaml.stringify(...built.documents));
    this.weakenedControls = pulumi.output(construct.weakenedControls.map((w) => ({ ...w })));

    this.registerOutputs({
      namespaceName: this.namespaceName,
      trainingServiceAccountName: this.trainingServiceAccountName,
      ciDeployerServiceAccountName: this.ciDeployerServiceAccountName,
      auditPolicyYaml: this.auditPolicyYaml,
      weakenedControls: this.weakenedControls,
    });
  }
}
