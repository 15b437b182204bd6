import * as pulumi from '@pulumi/pulumi';
import { Yaml } from 'cdk8s';
import { KubernetesObjectResource, nameOutput, outputAfter, registerConstructResources } from './construct-resources';
import { SecureAiComponentOptions, withoutPlatform } from './secure-ai-platform';
import * as secureAi from 'cdk8s-secure-ai';

/**
 * A model server exposed safely, as a Pulumi component: the `SecureInferenceEndpoint` cdk8s
 * construct, same options, with each Kubernetes object (Namespace, Deployment and Service,
 * cert-manager Certificate, Ingress or VirtualServer and F5 Policies, NetworkPolicies, RBAC,
 * change-control admission policy) registered as its own child resource.
 *
 * What the construct writes into the app's platform-owned chart (`platformObjects`: the
 * Namespace, the deployer ServiceAccount, the Roles and RoleBindings, the change-control policy
 * and its binding) is registered as children of this component too, so the stack's Kubernetes
 * provider needs a cluster administrator's rights. An endpoint sharing its namespace with an
 * earlier one of the same `platform` creates no Namespace and waits for that one's.
 *
 * The controller settings (`controllerHardeningChart` of the construct: the controller's ConfigMap)
 * belong to the team that runs the controller, so they are not applied: they are the
 * `controllerHardeningYaml` output.
 */
export class SecureInferenceEndpoint extends pulumi.ComponentResource {
  /** The component's Pulumi type token. */
  public static readonly TYPE = 'cdk8s-secure-ai:index:SecureInferenceEndpoint';

  /** The endpoint's namespace (known once the Namespace exists, when the endpoint creates it). */
  public readonly namespaceName: pulumi.Output<string>;
  /** The Service requests go to (known once it exists, when the endpoint creates the workload). */
  public readonly serviceName: pulumi.Output<string>;
  /** The hosts the endpoint answers, once its routes exist. */
  public readonly hostnames: pulumi.Output<string[]>;
  /** The Secret cert-manager writes the certificate to, once the Certificate exists; undefined when the listener's certificate is the platform's (Envoy Gateway). */
  public readonly certificateSecretName: pulumi.Output<string | undefined>;
  /** The deployer ServiceAccount the endpoint created, if any. */
  public readonly deployerServiceAccountName: pulumi.Output<string | undefined>;
  /** The controller settings the endpoint relies on, as YAML, for the controller's owners. */
  public readonly controllerHardeningYaml: pulumi.Output<string>;
  /** Options that weaken a secure default, for review. */
  public readonly weakenedControls: pulumi.Output<secureAi.WeakenedControl[]>;
  /** Every Kubernetes object, in dependency order (escape hatches, `dependsOn` targets). */
  public readonly resources: KubernetesObjectResource[];

  constructor(name: string, props: secureAi.SecureInferenceEndpointProps, opts?: SecureAiComponentOptions) {
    super(SecureInferenceEndpoint.TYPE, name, {}, withoutPlatform(opts));
    const built = registerConstructResources(this, name, (scope, id) => new secureAi.SecureInferenceEndpoint(scope, id, props), opts,
      { separate: (endpoint) => [endpoint.controllerHardeningChart], include: (endpoint) => endpoint.platformObjects });
    const construct = built.construct;
    const find = (kind: string, objectName: string, namespace?: string) => built.resources.find((r) =>
      r.manifest.kind === kind && r.manifest.metadata.name === objectName && r.manifest.metadata.namespace === namespace);

    this.resources = built.resources;
    const namespace = find('Namespace', construct.namespaceName);
    this.namespaceName = namespace ? nameOutput(namespace) : pulumi.output(construct.namespaceName);
    const service = find('Service', construct.serviceName, construct.namespaceName);
    this.serviceName = service ? nameOutput(service) : pulumi.output(construct.serviceName);
    const routes = construct.routes.map((route) => find(route.kind, route.name, construct.namespaceName)!);
    this.hostnames = pulumi.all(routes.map((r) => r.resource.urn)).apply(() => [...construct.hosts]);
    const certificateResource = construct.certificate ? find('Certificate', construct.certificate.name, construct.namespaceName) : undefined;
    this.certificateSecretName = certificateResource
      ? outputAfter(certificateResource.resource, construct.certificateSecretName!) : pulumi.output(undefined);
    const deployer = construct.deployerServiceAccountName === undefined
      ? undefined : find('ServiceAccount', construct.deployerServiceAccountName, construct.namespaceName);
    this.deployerServiceAccountName = deployer ? nameOutput(deployer) : pulumi.output(undefined);
    // With a platform, composed from every component of the program; on its own, this one's.
    this.controllerHardeningYaml = opts?.platform ? opts.platform.controllerSettingsYaml : pulumi.output(Yaml.stringify(...built.documents));
    this.weakenedControls = pulumi.output(construct.weakenedControls.map((w) => ({ ...w })));

    this.registerOutputs({
      namespaceName: this.namespaceName,
      serviceName: this.serviceName,
      hostnames: this.hostnames,
      certificateSecretName: this.certificateSecretName,
      deployerServiceAccountName: this.deployerServiceAccountName,
      controllerHardeningYaml: this.controllerHardeningYaml,
      weakenedControls: this.weakenedControls,
    });
  }
}
