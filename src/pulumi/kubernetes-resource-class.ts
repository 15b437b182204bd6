import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { apiGroup } from './synthesize-construct';

/** A resource class of `@pulumi/kubernetes`: `new (name, args, opts)`. */
export type KubernetesResourceClass = new (
  name: string,
  args: any,
  opts?: pulumi.CustomResourceOptions,
) => pulumi.CustomResource;

/** API groups whose `@pulumi/kubernetes` module name is not the group's first label. */
const MODULE_OF_GROUP: { readonly [group: string]: string } = {
  '': 'core',
  'internal.apiserver.k8s.io': 'apiserverinternal',
};

/**
 * The Pulumi type token of a Kubernetes kind, as `@pulumi/kubernetes` spells it
 * (`kubernetes:core/v1:Namespace`, `kubernetes:networking.k8s.io/v1:NetworkPolicy`).
 */
export function kubernetesTypeToken(apiVersion: string, kind: string): string {
  return `kubernetes:${apiVersion.includes('/') ? apiVersion : `core/${apiVersion}`}:${kind}`;
}

/**
 * The typed `@pulumi/kubernetes` class for a kind (`k8s.rbac.v1.Role` for
 * `rbac.authorization.k8s.io/v1` `Role`), or `undefined` when the SDK has none: custom resources
 * such as cert-manager's `Certificate`, whose resource is a `k8s.apiextensions.CustomResource`.
 * A class is returned only when its own type token is the kind's token, so a group that merely
 * shares a module name with a built-in one (`policy.networking.k8s.io`) is never mistaken for it.
 */
export function kubernetesResourceClass(apiVersion: string, kind: string): KubernetesResourceClass | undefined {
  const group = apiGroup(apiVersion);
  const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
  const moduleName = MODULE_OF_GROUP[group] ?? group.replace(/\.k8s\.io$/, '').split('.')[0];
  const sdk = k8s as unknown as { [module: string]: { [version: string]: { [kind: string]: any } | undefined } | undefined };
  if (!Object.prototype.hasOwnProperty.call(sdk, moduleName)) return undefined;
  const versions = sdk[moduleName];
  const kinds = versions && Object.prototype.hasOwnProperty.call(versions, version) ? versions[version] : undefined;
  const cls = kinds && Object.prototype.hasOwnProperty.call(kinds, kind) ? kinds[kind] : undefined;
  if (typeof cls !== 'function' || cls.__pulumiType !== kubernetesTypeToken(apiVersion, kind)) return undefined;
  return cls as KubernetesResourceClass;
}
