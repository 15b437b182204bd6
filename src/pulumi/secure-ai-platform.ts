import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { App, Yaml } from 'cdk8s';
import { kubernetesResourceClass } from './kubernetes-resource-class';
import type { Manifest } from './synthesize-construct';
import * as secureAi from 'cdk8s-secure-ai';

/** Options of the components that may share a platform. */
export interface SecureAiComponentOptions extends pulumi.ComponentResourceOptions {
  /**
   * The program's platform: components given the same platform are composed as one cdk8s app
   * (one ConfigMap per controller, one audit policy, shared namespaces).
   * @default - the component is synthesised on its own
   */
  readonly platform?: SecureAiPlatform;

  /**
   * Children Pulumi does not wait for: they get the `pulumi.com/skipAwait: "true"` annotation, so
   * `pulumi up` marks them ready once the API server accepts them. `true` for every child, or the
   * kinds to skip, e.g. `['Ingress', 'Service']` when the model server's GPU pods take longer to
   * become ready than the deployment should wait, or when a backend (a canary Service) lives
   * outside the stack.
   * @default - Pulumi's await logic for every child
   */
  readonly skipAwait?: boolean | string[];

  // `customTimeouts` (a Pulumi resource option) is passed on to every child: a component has no
  // create or update of its own to time out.
}

/** The component options Pulumi itself reads (the platform and the children's await settings are ours). @internal */
export function withoutPlatform(opts: SecureAiComponentOptions | undefined): pulumi.ComponentResourceOptions | undefined {
  if (opts === undefined) return undefined;
  const { platform, skipAwait, customTimeouts, ...rest } = opts;
  return rest;
}

/**
 * What a Pulumi program's endpoints and training namespaces share, composed once, as the cdk8s
 * `SecureAiPlatform` composes it for a cdk8s app: give it to each component
 * (`{ platform }` in the component's options). Its outputs are read once the program has
 * created its components (after the program's synchronous part): the controllers' settings
 * composed from every endpoint (for the controllers' owners, not applied) and the one audit
 * policy composed from every training namespace (for the API server's `--audit-policy-file`).
 * A component given the platform after that fails.
 *
 * The objects the constructs write into the cdk8s app's platform-owned chart (Namespaces, RBAC,
 * admission policies) are created by the component whose construct wrote them, each once: a
 * namespace shared by several endpoints is created by the first. What is composed from several
 * components (each serving namespace's ResourceQuota and LimitRange) is complete only once they
 * all exist: the platform creates it, as its own children, after the namespace.
 */
export class SecureAiPlatform extends pulumi.ComponentResource {
  /** The component's Pulumi type token. */
  public static readonly TYPE = 'cdk8s-secure-ai:index:SecureAiPlatform';

  /** Every controller's ConfigMap, composed from every endpoint given this platform, as YAML. */
  public readonly controllerSettingsYaml: pulumi.Output<string>;
  /** The one `audit.k8s.io/v1` Policy, composed from every training namespace given this platform, as YAML. */
  public readonly auditPolicyYaml: pulumi.Output<string>;

  // In memory: no construct metadata is recorded, so no validation writes a file.
  private readonly app = new App({ recordConstructMetadata: false });
  private readonly namespaces = new Map<string, pulumi.Resource>();
  private sealed = false;

  constructor(private readonly platformName: string, opts?: pulumi.ComponentResourceOptions) {
    super(SecureAiPlatform.TYPE, platformName, {}, opts);
    const composed = new Promise<{ controllers: string; audit: string }>((resolve) => setImmediate(() => {
      this.sealed = true;
      const platform = secureAi.SecureAiPlatform.of(this.app);
      this.registerComposedObjects(platform);
      resolve({
        controllers: Yaml.stringify(...platform.controllerChart.toJson()),
        audit: Yaml.stringify(...platform.auditPolicyChart.toJson()),
      });
    }));
    this.controllerSettingsYaml = pulumi.output(composed.then((c) => c.controllers));
    this.auditPolicyYaml = pulumi.output(composed.then((c) => c.audit));
    this.registerOutputs({ controllerSettingsYaml: this.controllerSettingsYaml, auditPolicyYaml: this.auditPolicyYaml });
  }

  /**
   * The objects composed from several components (each serving namespace's ResourceQuota and
   * LimitRange), complete only now: children of the platform, after their namespace.
   */
  private registerComposedObjects(platform: secureAi.SecureAiPlatform): void {
    const provider = this.getProvider('kubernetes::');
    for (const object of platform._composedObjects) {
      const manifest = object.toJson() as Manifest;
      const namespace = manifest.metadata.namespace;
      const dependsOn = namespace === undefined ? [] : [this.namespaces.get(namespace)].filter((r): r is pulumi.Resource => r !== undefined);
      const typed = kubernetesResourceClass(manifest.apiVersion, manifest.kind);
      const name = `${this.platformName}-${namespace ?? 'cluster'}-${manifest.kind.toLowerCase()}-${manifest.metadata.name}`;
      const opts: pulumi.CustomResourceOptions = { parent: this, provider, dependsOn };
      if (typed) new typed(name, manifest, opts);
      else new k8s.apiextensions.CustomResource(name, manifest as k8s.apiextensions.CustomResourceArgs, opts);
    }
  }

  /**
   * The shared cdk8s App, for a component about to add its construct.
   * @internal
   */
  public _appFor(component: pulumi.Resource): App {
    if (this.sealed) {
      throw new pulumi.ResourceError('This SecureAiPlatform has already composed its outputs: create every component that uses it before the program awaits anything.', component, true);
    }
    return this.app;
  }

  /**
   * The Namespaces registered by the components of this platform, by name: a component whose
   * objects live in a namespace another component created waits for it.
   * @internal
   */
  public get _namespaces(): Map<string, pulumi.Resource> {
    return this.namespaces;
  }
}
