import { ApiObject, App, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';

/** A Kubernetes manifest as cdk8s synthesises it. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

/** One object to apply to the cluster, with the objects that must exist before it. */
export interface ClusterObject {
  /** The manifest, exactly as `Chart.toJson()` writes it. */
  readonly manifest: Manifest;
  /** The path of the cdk8s construct that renders it. */
  readonly constructPath: string;
  /** Indexes (into `Synthesis.objects`) of the objects it depends on; they come before it. */
  readonly dependsOn: number[];
}

/** What a construct synthesises to, in memory. */
export interface Synthesis<T> {
  /** The construct the factory returned. */
  readonly construct: T;
  /** The objects to apply, ordered so that every object comes after those it depends on. */
  readonly objects: ClusterObject[];
  /**
   * Documents that are not applied: configuration files that are not cluster objects (e.g. an
   * `audit.k8s.io` Policy, read by the API server from a file), and the objects under the scopes
   * the caller kept apart (e.g. settings of a controller another team owns).
   */
  readonly documents: Manifest[];
}

/** Options of `synthesizeConstruct`. */
export interface SynthesizeOptions<T> {
  /**
   * Scopes of the construct whose objects are documents for someone else to apply, not objects
   * to apply with it (e.g. a nested chart of controller settings).
   * @default - none
   */
  readonly separate?: (construct: T) => IConstruct[];

  /**
   * Objects of the construct outside its own chart (e.g. what it wrote into the app's
   * platform-owned chart, `platformObjects`): with a shared App, returned with the chart's
   * objects; on a fresh App they are among the App's objects anyway.
   * @default - none
   */
  readonly include?: (construct: T) => IConstruct[];

  /**
   * The cdk8s App to add the construct to, shared with other constructs of the program (so that
   * what an app composes, controller settings, audit policy, shared namespaces, is composed across
   * them). Only the objects under the construct's own chart, and those of `include`, are returned.
   * @default - a fresh App of its own
   */
  readonly app?: App;
}

/**
 * API groups whose kinds are configuration files of cluster components, not objects of the API:
 * `audit.k8s.io` (audit policy) and every `*.config.k8s.io` group (API server, kubelet, scheduler).
 */
export function isConfigurationDocument(manifest: Manifest): boolean {
  const group = apiGroup(manifest.apiVersion);
  return group === 'audit.k8s.io' || group.endsWith('.config.k8s.io');
}

/** The API group of an `apiVersion` (`''` for the core group). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/**
 * Synthesises the cdk8s construct that `factory` adds to a fresh App/Chart, in memory (nothing is
 * written to disk), and returns every object with the objects it depends on:
 * - the dependencies declared in cdk8s (`addDependency` on the object or on one of its scopes);
 * - a namespaced object depends on its Namespace when the Namespace is synthesised too;
 * - a custom resource depends on its CustomResourceDefinition when that is synthesised too.
 *
 * Constructs are validated as `cdk8s synth` validates them. Errors thrown by the factory propagate.
 */
export function synthesizeConstruct<T>(chartId: string, factory: (scope: Construct) => T, options: SynthesizeOptions<T> = {}): Synthesis<T> {
  // In memory: no construct metadata is recorded, so no validation writes a file (whatever CDK8S_RECORD_CONSTRUCT_METADATA says).
  const app = options.app ?? new App({ recordConstructMetadata: false });
  const chart = new Chart(app, chartId);
  const construct = factory(chart);

  const errors = app.node.findAll().flatMap((c) => c.node.validate().map((e) => `${c.node.path}: ${e}`));
  if (errors.length > 0) {
    throw new Error(`Validation failed:\n${errors.join('\n')}`);
  }

  // In a shared App, the other constructs' objects (and what the app composes) are not this one's.
  const scopes: IConstruct[] = options.app ? [chart, ...(options.include?.(construct) ?? [])] : [app];
  const apiObjects = [...new Set(scopes.flatMap((s) => s.node.findAll()))].filter((c): c is ApiObject => ApiObject.isApiObject(c));
  const separated = new Set<IConstruct>((options.separate?.(construct) ?? []).flatMap((scope) => scope.node.findAll()));
  const rendered = apiObjects.map((o) => ({ apiObject: o, manifest: o.toJson() as Manifest }));
  const applied = (r: { apiObject: ApiObject; manifest: Manifest }) => !isConfigurationDocument(r.manifest) && !separated.has(r.apiObject);
  const documents = rendered.filter((r) => !applied(r)).map((r) => r.manifest);
  const cluster = rendered.filter(applied);

  const indexOf = new Map<ApiObject, number>(cluster.map((r, i) => [r.apiObject, i]));
  const namespaces = new Map<string, number>();
  const crds = new Map<string, number>();
  cluster.forEach((r, i) => {
    const m = r.manifest as any;
    if (m.apiVersion === 'v1' && m.kind === 'Namespace') namespaces.set(m.metadata.name, i);
    if (apiGroup(m.apiVersion) === 'apiextensions.k8s.io' && m.kind === 'CustomResourceDefinition') {
      crds.set(`${m.spec?.group}/${m.spec?.names?.kind}`, i);
    }
  });

  const edges: Set<number>[] = cluster.map((r, i) => {
    const deps = new Set<number>();
    for (const target of declaredDependencies(r.apiObject)) {
      const j = indexOf.get(target);
      if (j !== undefined && j !== i) deps.add(j);
    }
    const ns = r.manifest.metadata.namespace;
    const nsIndex = ns === undefined ? undefined : namespaces.get(ns);
    if (nsIndex !== undefined && nsIndex !== i) deps.add(nsIndex);
    const crdIndex = crds.get(`${apiGroup(r.manifest.apiVersion)}/${r.manifest.kind}`);
    if (crdIndex !== undefined && crdIndex !== i) deps.add(crdIndex);
    return deps;
  });

  const order = topologicalOrder(edges, (i) => cluster[i].apiObject.node.path);
  const position = new Map<number, number>(order.map((i, p) => [i, p]));
  const objects: ClusterObject[] = order.map((i) => ({
    manifest: cluster[i].manifest,
    constructPath: cluster[i].apiObject.node.path,
    dependsOn: [...edges[i]].map((j) => position.get(j)!).sort((a, b) => a - b),
  }));
  return { construct, objects, documents };
}

/** The ApiObjects that `obj`, or one of its scopes, was made to depend on with cdk8s. */
function declaredDependencies(obj: ApiObject): ApiObject[] {
  const targets: ApiObject[] = [];
  for (let scope: IConstruct | undefined = obj; scope !== undefined; scope = scope.node.scope) {
    for (const dependency of scope.node.dependencies) {
      targets.push(...dependency.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c)));
    }
  }
  return targets;
}

/** Kahn's algorithm, stable (ties keep the construct tree's order); a cycle is an error. */
function topologicalOrder(edges: Set<number>[], describe: (i: number) => string): number[] {
  const done = new Set<number>();
  const order: number[] = [];
  while (order.length < edges.length) {
    const next = edges.findIndex((deps, i) => !done.has(i) && [...deps].every((d) => done.has(d)));
    if (next < 0) {
      const stuck = edges.map((_, i) => i).filter((i) => !done.has(i)).map(describe);
      throw new Error(`Dependency cycle between ${stuck.join(', ')}`);
    }
    done.add(next);
    order.push(next);
  }
  return order;
}
