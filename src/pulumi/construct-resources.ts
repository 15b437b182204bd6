import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { Construct } from 'constructs';
import { kubernetesResourceClass } from './kubernetes-resource-class';
import type { SecureAiComponentOptions } from './secure-ai-platform';
import { Manifest, synthesizeConstruct, SynthesizeOptions } from './synthesize-construct';

/** A Kubernetes object registered as a child resource of a component. */
export interface KubernetesObjectResource {
  /** The manifest it was registered with, as cdk8s synthesised it. */
  readonly manifest: Manifest;
  /** The resource: a typed `@pulumi/kubernetes` class, or a `CustomResource` for CRD-backed kinds. */
  readonly resource: pulumi.CustomResource;
}

/** A cdk8s construct, synthesised and registered under a component. */
export interface ConstructResources<T> {
  /** The cdk8s construct (its public properties are the source of the component's outputs). */
  readonly construct: T;
  /** Every cluster object, in dependency order. */
  readonly resources: KubernetesObjectResource[];
  /** Documents that are not applied (the audit policy, objects under separated scopes): never registered. */
  readonly documents: Manifest[];
}

/**
 * Builds a cdk8s construct with `factory` and registers each Kubernetes object it synthesises as
 * its own child resource of `component`: `{ parent: component }`, the component's Kubernetes
 * provider, and `dependsOn` the objects it needs first (its Namespace, its CRD, the dependencies
 * declared in cdk8s) plus whatever the component itself was made to depend on.
 *
 * An error from the construct (an invalid option) becomes a `pulumi.ResourceError` on `component`.
 *
 * @param component the component the objects belong to
 * @param name the component's name: the construct id and the prefix of every child's name
 * @param factory adds the construct to the given scope, with `name` as its id
 * @param opts the component's options
 * @param synthesizeOptions which scopes of the construct to keep out of the cluster objects
 */
export function registerConstructResources<T>(
  component: pulumi.ComponentResource,
  name: string,
  factory: (scope: Construct, id: string) => T,
  opts: pulumi.ComponentResourceOptions = {},
  synthesizeOptions: SynthesizeOptions<T> = {},
): ConstructResources<T> {
  const { platform, skipAwait } = opts as SecureAiComponentOptions;
  if (skipAwait !== undefined && typeof skipAwait !== 'boolean'
    && (!Array.isArray(skipAwait) || skipAwait.some((k) => typeof k !== 'string' || !/^[A-Z][A-Za-z0-9]*$/.test(k)))) {
    throw new pulumi.ResourceError(`Invalid skipAwait: ${JSON.stringify(skipAwait)}. Give true, false or a list of kinds such as ["Ingress", "Service"].`, component, true);
  }
  let synthesis;
  try {
    const app = platform?._appFor(component);
    synthesis = synthesizeConstruct(name, (scope) => factory(scope, name), { ...synthesizeOptions, app });
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    // An invalid option (ValidationError) is the user's to fix: its stack trace is noise.
    throw new pulumi.ResourceError(error.message, component, error.name === 'ValidationError');
  }

  const names = childNames(name, synthesis.objects.map((o) => o.manifest));
  const provider = component.getProvider('kubernetes::');
  const resources: KubernetesObjectResource[] = [];
  synthesis.objects.forEach((object, i) => {
    const { manifest } = object;
    const dependsOn: pulumi.Input<pulumi.Resource>[] = object.dependsOn.map((j) => resources[j].resource);
    if (opts.dependsOn !== undefined) dependsOn.unshift(opts.dependsOn as pulumi.Input<pulumi.Resource>);
    // A namespace another component of the platform created (endpoints sharing a namespace).
    const sharedNamespace = manifest.metadata.namespace === undefined ? undefined : platform?._namespaces.get(manifest.metadata.namespace);
    if (sharedNamespace) dependsOn.push(sharedNamespace);
    const childOpts: pulumi.CustomResourceOptions = {
      parent: component, provider, dependsOn, ...(opts.customTimeouts !== undefined ? { customTimeouts: opts.customTimeouts } : {}),
    };
    const inputs = skipsAwait(skipAwait, manifest) ? withSkipAwait(manifest) : manifest;
    const typed = kubernetesResourceClass(manifest.apiVersion, manifest.kind);
    const resource = typed
      ? new typed(names[i], inputs, childOpts)
      : new k8s.apiextensions.CustomResource(names[i], inputs as k8s.apiextensions.CustomResourceArgs, childOpts);
    resources.push({ manifest, resource });
    if (platform && manifest.apiVersion === 'v1' && manifest.kind === 'Namespace') platform._namespaces.set(manifest.metadata.name, resource);
  });
  return { construct: synthesis.construct, resources, documents: synthesis.documents };
}

/** The annotation that turns off Pulumi's await logic for one object. */
const SKIP_AWAIT = 'pulumi.com/skipAwait';

function skipsAwait(skipAwait: boolean | string[] | undefined, manifest: Manifest): boolean {
  return skipAwait === true || (Array.isArray(skipAwait) && skipAwait.includes(manifest.kind));
}

/** The manifest with `pulumi.com/skipAwait: "true"`; the synthesised manifest is left as it is. */
function withSkipAwait(manifest: Manifest): Manifest {
  return { ...manifest, metadata: { ...manifest.metadata, annotations: { ...(manifest.metadata.annotations as { [key: string]: string } | undefined), [SKIP_AWAIT]: 'true' } } };
}

/**
 * Child resource names: `<component>-<object name>`, or `<component>-<namespace>-<object name>`
 * where two objects of the same kind would share a name. A URN holds the parent's type but not its
 * name, so the component's name keeps two components' children apart.
 */
function childNames(prefix: string, manifests: Manifest[]): string[] {
  const short = manifests.map((m) => `${prefix}-${m.metadata.name}`);
  const count = new Map<string, number>();
  manifests.forEach((m, i) => {
    const key = `${m.apiVersion}/${m.kind}/${short[i]}`;
    count.set(key, (count.get(key) ?? 0) + 1);
  });
  return manifests.map((m, i) => {
    const shared = count.get(`${m.apiVersion}/${m.kind}/${short[i]}`)! > 1;
    return shared && m.metadata.namespace ? `${prefix}-${m.metadata.namespace}-${m.metadata.name}` : short[i];
  });
}

/** A child's `metadata.name` as an output: it resolves once the object is registered. */
export function nameOutput(object: KubernetesObjectResource): pulumi.Output<string> {
  const resource = object.resource as unknown as { metadata: pulumi.Output<{ name: string }> };
  return resource.metadata.apply((m) => m.name);
}

/**
 * `value` as an output that resolves once `resource` is registered, so that what is wired to it
 * waits for the resource (e.g. a Secret name that exists once its Certificate does).
 */
export function outputAfter<T>(resource: pulumi.Resource, value: T): pulumi.Output<T> {
  return resource.urn.apply(() => value);
}
