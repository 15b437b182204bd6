/**
 * The file, beside the synthesised manifests, that records the construct path of every object of
 * a cdk8s app keyed by the object's identity (apiVersion, kind, namespace, name). cdk8s' own
 * `construct-metadata.json` is keyed by `metadata.name` only, so objects that share a name (the
 * Service, Deployment and Ingress of an endpoint) cannot be told apart there; this file can.
 * Written at synthesis by the app's `SecureAiPlatform` when the app records construct metadata;
 * read by `cdk8s-secure-ai check` and `report`.
 */
export const CONSTRUCT_PATHS_FILE = 'secure-ai-construct-paths.json';

/** The format of `CONSTRUCT_PATHS_FILE` this library writes and reads. */
export const CONSTRUCT_PATHS_FORMAT = 'secure-ai.cdk8s.io/construct-paths/v1';

/** One object of `CONSTRUCT_PATHS_FILE`: its identity as synthesised and the path of the construct that synthesised it. */
export interface ConstructPathEntry {
  readonly apiVersion: string;
  readonly kind: string;
  /**
   * `metadata.namespace` as synthesised.
   * @default - none: a cluster-scoped object, or one written without a namespace
   */
  readonly namespace?: string;
  readonly name: string;
  /** The construct path (`node.path`), e.g. `serving/chat/service`. */
  readonly path: string;
}

/**
 * The identity an entry and a manifest's object are matched by: apiVersion, kind, namespace (as
 * written, empty when absent) and name, exactly as synthesised.
 */
export function constructPathKey(apiVersion: unknown, kind: unknown, namespace: unknown, name: unknown): string {
  return JSON.stringify([String(apiVersion ?? ''), String(kind ?? ''), String(namespace ?? ''), String(name ?? '')]);
}
