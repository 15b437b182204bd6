import * as fs from 'fs';
import * as YAML from 'yaml';
import type { AuditCase } from './checks/audit';
import { EnvoyIntent, parseEnvoyIntent } from './envoy-intent';

/** A subject whose permissions are checked: a user (with groups), a group, or a service account. */
export interface PersonaSubject {
  readonly kind: 'User' | 'Group' | 'ServiceAccount';
  readonly name: string;
  /** ServiceAccount only. */
  readonly namespace?: string;
  /** User only: groups the user belongs to. */
  readonly groups?: string[];
}

/** One declared permission block: every verb × every resource, in every scope listed. */
export interface Grant {
  /** Namespaces the grant applies in, or `cluster` for cluster-scoped / all-namespaces requests. */
  readonly scopes: string[];
  /** `resource[.group][/subresource]`, e.g. `pods/exec`, `jobs.batch`, `roles.rbac.authorization.k8s.io`. */
  readonly resources: string[];
  readonly verbs: string[];
}

export interface Persona {
  readonly name: string;
  readonly subject: PersonaSubject;
  /** Everything this persona may do inside the matrix; every other cell must be denied. */
  readonly allow: Grant[];
}

/** The verbs × resources × scopes matrix each persona is checked over. */
export interface RbacMatrix {
  readonly verbs: string[];
  /** Namespaced resources, checked in every matrix namespace and at cluster scope. */
  readonly namespacedResources: string[];
  /** Cluster-scoped resources, checked at cluster scope only. */
  readonly clusterResources: string[];
  /** Extra verb sets for particular resources (e.g. escalate/bind on roles, impersonate on users). */
  readonly specialVerbs: Record<string, string[]>;
  /** Namespaces to check besides the example's own (e.g. a foreign namespace). */
  readonly extraNamespaces: string[];
}

/** An identity given inline: a user and its groups (impersonated with --as / --as-group). */
export interface Identity {
  readonly user: string;
  readonly groups: string[];
}

export interface AdmissionCase {
  readonly name: string;
  /** `reject` or `admit`. */
  readonly expect: 'reject' | 'admit';
  /** Persona (by name) or an inline identity the request is made as; the cluster admin when omitted. */
  readonly as?: string | Identity;
  /** Fragments that must all appear in the rejection message (reject only). */
  readonly messageContains?: string[];
  /** Server-side dry-run (default) or a real request. */
  readonly dryRun?: boolean;
  /** `create` (default), `apply` (server-side apply: an update when the object exists) or `delete` (of an existing object, e.g. from `setup`). */
  readonly action: 'create' | 'apply' | 'delete';
  /**
   * The object, given inline, taken from the example's manifests (`fromManifest: Kind/namespace/name`),
   * or a Pod made from the pod template of one of them (`fromPodTemplate: Deployment/namespace/name`,
   * named `podName`), as its ReplicaSet would create it.
   */
  readonly object: any;
}

/** An endpoint's namespaced objects and the persona that applies them (see `deployers:`). */
export interface DeployerIntent {
  /** The endpoint's name (its `secure-ai.cdk8s.io/endpoint` label). */
  readonly endpoint: string;
  /** The persona (by name) that applies them. */
  readonly as: string;
}

export interface StandIn {
  /** Name used in `connections`. */
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  /** Labels of the namespace when the example does not create it. */
  readonly namespaceLabels?: Record<string, string>;
  /** Container ports (for policies that name ports), e.g. `{ name: http, containerPort: 8000 }`. */
  readonly ports?: { name?: string; containerPort: number; protocol?: string }[];
}

export interface ExternalEndpoint {
  readonly name: string;
  readonly ip: string;
}

export interface Connection {
  readonly from: string;
  readonly to: string;
  /** e.g. `TCP 8080`, `UDP 53`, `TCP 1-65535`, or `all`. */
  readonly ports: string[];
}

export interface NetworkIntent {
  readonly standIns: StandIn[];
  readonly externals: ExternalEndpoint[];
  /** Every allowed connection between the endpoints above; every other pair must be denied. */
  readonly connections: Connection[];
}

export interface Intent {
  readonly example: string;
  readonly dir: string;
  /** Whether the example needs CRDs from the CRD directory (cert-manager, F5 NGINX). */
  readonly needsCrds: boolean;
  readonly rbac?: { readonly matrix: RbacMatrix; readonly personas: Persona[] };
  /** Objects the cluster admin creates before the admission cases (stand-ins for other components' RBAC). */
  readonly setup: any[];
  readonly deployers: DeployerIntent[];
  readonly admission: AdmissionCase[];
  readonly network?: NetworkIntent;
  /** Requests whose audit level the app's audit policy decides, read back from the audit log. */
  readonly audit: AuditCase[];
  /** The Gateway API proof on a real Envoy (the `envoy` check), when the example declares one. */
  readonly envoy?: EnvoyIntent;
}

export const DEFAULT_MATRIX: RbacMatrix = {
  verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'],
  namespacedResources: [
    'pods', 'pods/exec', 'pods/attach', 'pods/portforward', 'pods/log', 'pods/ephemeralcontainers',
    'deployments.apps', 'statefulsets.apps', 'jobs.batch', 'cronjobs.batch',
    'services', 'configmaps', 'secrets', 'persistentvolumeclaims', 'serviceaccounts', 'serviceaccounts/token',
    'events', 'resourcequotas', 'limitranges',
    'networkpolicies.networking.k8s.io', 'ingresses.networking.k8s.io',
    'roles.rbac.authorization.k8s.io', 'rolebindings.rbac.authorization.k8s.io',
  ],
  clusterResources: [
    'namespaces', 'nodes', 'persistentvolumes',
    'clusterroles.rbac.authorization.k8s.io', 'clusterrolebindings.rbac.authorization.k8s.io',
    'validatingadmissionpolicies.admissionregistration.k8s.io',
    'validatingadmissionpolicybindings.admissionregistration.k8s.io',
    'customresourcedefinitions.apiextensions.k8s.io',
    'users', 'groups',
  ],
  specialVerbs: {
    'roles.rbac.authorization.k8s.io': ['escalate', 'bind'],
    'clusterroles.rbac.authorization.k8s.io': ['escalate', 'bind'],
    'users': ['impersonate'],
    'groups': ['impersonate'],
    'serviceaccounts': ['impersonate'],
  },
  extraNamespaces: ['conformance-foreign'],
};

function fail(file: string, msg: string): never {
  throw new Error(`${file}: ${msg}`);
}

function strings(file: string, where: string, v: unknown): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some(x => typeof x !== 'string')) fail(file, `${where} must be a list of strings`);
  return v as string[];
}

/** Reads and checks an intent file, `conformance/intents/<example>.yaml`. */
export function loadIntent(file: string, example: string, dir: string, manifests: any[] = []): Intent {
  const raw = YAML.parse(fs.readFileSync(file, 'utf8')) ?? {};
  const known = ['needsCrds', 'rbac', 'setup', 'deployers', 'admission', 'network', 'audit', 'envoy'];
  for (const k of Object.keys(raw)) if (!known.includes(k)) fail(file, `unknown key "${k}" (known: ${known.join(', ')})`);

  let rbac: Intent['rbac'];
  if (raw.rbac) {
    const m = raw.rbac.matrix ?? {};
    const matrix: RbacMatrix = {
      verbs: m.verbs ? strings(file, 'rbac.matrix.verbs', m.verbs) : DEFAULT_MATRIX.verbs,
      namespacedResources: [...DEFAULT_MATRIX.namespacedResources, ...strings(file, 'rbac.matrix.namespacedResources', m.namespacedResources)],
      clusterResources: [...DEFAULT_MATRIX.clusterResources, ...strings(file, 'rbac.matrix.clusterResources', m.clusterResources)],
      specialVerbs: { ...DEFAULT_MATRIX.specialVerbs, ...(m.specialVerbs ?? {}) },
      extraNamespaces: m.extraNamespaces ? strings(file, 'rbac.matrix.extraNamespaces', m.extraNamespaces) : DEFAULT_MATRIX.extraNamespaces,
    };
    const personas: Persona[] = (raw.rbac.personas ?? []).map((p: any, i: number) => {
      const where = `rbac.personas[${i}]`;
      if (!p?.name) fail(file, `${where}.name is required`);
      const s = p.subject ?? fail(file, `${where}.subject is required`);
      if (!['User', 'Group', 'ServiceAccount'].includes(s.kind)) fail(file, `${where}.subject.kind must be User, Group or ServiceAccount`);
      if (!s.name) fail(file, `${where}.subject.name is required`);
      if (s.kind === 'ServiceAccount' && !s.namespace) fail(file, `${where}.subject.namespace is required for a ServiceAccount`);
      const allow: Grant[] = (p.allow ?? []).map((g: any, j: number) => ({
        scopes: strings(file, `${where}.allow[${j}].scopes`, g.scopes),
        resources: strings(file, `${where}.allow[${j}].resources`, g.resources),
        verbs: strings(file, `${where}.allow[${j}].verbs`, g.verbs),
      }));
      return { name: p.name, subject: { kind: s.kind, name: s.name, namespace: s.namespace, groups: strings(file, `${where}.subject.groups`, s.groups) }, allow };
    });
    rbac = { matrix, personas };
  }

  const admission: AdmissionCase[] = (raw.admission ?? []).map((c: any, i: number) => {
    const where = `admission[${i}]`;
    if (!c?.name) fail(file, `${where}.name is required`);
    if (c.expect !== 'reject' && c.expect !== 'admit') fail(file, `${where}.expect must be reject or admit`);
    let object = c.object;
    if (c.fromManifest !== undefined) {
      if (object !== undefined) fail(file, `${where}: give object or fromManifest, not both`);
      object = manifests.find(o => manifestRef(o) === c.fromManifest);
      if (!object) fail(file, `${where}.fromManifest: no object ${c.fromManifest} in the example's manifests (Kind/namespace/name)`);
      // a change: the case's annotation differs from what was applied before
      object = { ...object, metadata: { ...object.metadata, annotations: { ...(object.metadata.annotations ?? {}), 'conformance.secure-ai.cdk8s.io/case': String(i) } } };
    }
    if (c.fromPodTemplate !== undefined) {
      if (object !== undefined) fail(file, `${where}: give one of object, fromManifest and fromPodTemplate`);
      const owner = manifests.find(o => manifestRef(o) === c.fromPodTemplate);
      const template = owner?.spec?.template;
      if (!template?.spec) fail(file, `${where}.fromPodTemplate: no object ${c.fromPodTemplate} with a pod template in the example's manifests (Kind/namespace/name)`);
      if (typeof c.podName !== 'string') fail(file, `${where}.podName is required with fromPodTemplate`);
      object = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: c.podName, namespace: owner.metadata.namespace, labels: { ...(template.metadata?.labels ?? {}) } },
        spec: template.spec,
      };
    }
    if (!object?.kind) fail(file, `${where}.object must be a Kubernetes object`);
    if (c.expect === 'reject' && !c.messageContains) fail(file, `${where}: a reject case needs messageContains (the policy or reason expected)`);
    if (c.action !== undefined && !['create', 'apply', 'delete'].includes(c.action)) fail(file, `${where}.action must be create, apply or delete`);
    if (typeof c.as === 'object' && (typeof c.as.user !== 'string' || !Array.isArray(c.as.groups))) fail(file, `${where}.as must be a persona name or {user, groups}`);
    return {
      name: c.name,
      expect: c.expect,
      as: c.as,
      dryRun: c.dryRun ?? true,
      action: c.action ?? 'create',
      object,
      messageContains: typeof c.messageContains === 'string' ? [c.messageContains] : strings(file, `${where}.messageContains`, c.messageContains),
    };
  });
  const deployers: DeployerIntent[] = (raw.deployers ?? []).map((d: any, i: number) => {
    if (typeof d?.endpoint !== 'string' || typeof d?.as !== 'string') fail(file, `deployers[${i}] needs endpoint and as (a persona)`);
    return { endpoint: d.endpoint, as: d.as };
  });
  const named = [...admission.filter(c => typeof c.as === 'string').map(c => ({ what: `admission case "${c.name}"`, as: c.as as string })),
    ...deployers.map(d => ({ what: `deployer of ${d.endpoint}`, as: d.as }))];
  for (const n of named) {
    if (!rbac) fail(file, `${n.what} names persona "${n.as}" but rbac.personas is missing`);
    if (!rbac.personas.some(p => p.name === n.as)) fail(file, `${n.what}: unknown persona "${n.as}"`);
  }
  const setup: any[] = raw.setup ?? [];
  if (!Array.isArray(setup) || setup.some(o => !o?.kind)) fail(file, 'setup must be a list of Kubernetes objects');

  let network: NetworkIntent | undefined;
  if (raw.network) {
    const n = raw.network;
    const standIns: StandIn[] = (n.standIns ?? []).map((s: any, i: number) => {
      if (!s?.name || !s.namespace) fail(file, `network.standIns[${i}] needs name and namespace`);
      return { name: s.name, namespace: s.namespace, labels: s.labels ?? {}, namespaceLabels: s.namespaceLabels, ports: s.ports };
    });
    const externals: ExternalEndpoint[] = (n.externals ?? []).map((e: any, i: number) => {
      if (!e?.name || !e.ip) fail(file, `network.externals[${i}] needs name and ip`);
      return { name: e.name, ip: e.ip };
    });
    const names = new Set([...standIns.map(s => s.name), ...externals.map(e => e.name)]);
    if (names.size !== standIns.length + externals.length) fail(file, 'network endpoint names must be unique');
    const connections: Connection[] = (n.connections ?? []).map((c: any, i: number) => {
      if (!names.has(c?.from) || !names.has(c?.to)) fail(file, `network.connections[${i}]: from/to must name a stand-in or external (${c?.from} -> ${c?.to})`);
      return { from: c.from, to: c.to, ports: strings(file, `network.connections[${i}].ports`, c.ports) };
    });
    network = { standIns, externals, connections };
  }
  const audit: AuditCase[] = (raw.audit ?? []).map((c: any, i: number) => {
    const where = `audit[${i}]`;
    if (!c?.name) fail(file, `${where}.name is required`);
    if (c.verb !== 'create' && c.verb !== 'get') fail(file, `${where}.verb must be create or get`);
    if (!c.object?.kind || !c.object?.metadata?.name) fail(file, `${where}.object must be a Kubernetes object with a name`);
    if (!['None', 'Metadata', 'Request', 'RequestResponse'].includes(c.level)) fail(file, `${where}.level must be None, Metadata, Request or RequestResponse`);
    return { name: c.name, verb: c.verb, object: c.object, level: c.level };
  });
  const envoy = raw.envoy === undefined ? undefined : parseEnvoyIntent(raw.envoy, (msg) => fail(file, msg));
  return { example, dir, needsCrds: raw.needsCrds === true, rbac, setup, deployers, admission, network, audit, envoy };
}

/** `Kind/namespace/name`, or `Kind/name` for cluster-scoped objects. */
function manifestRef(o: any): string {
  const ns = o?.metadata?.namespace;
  return ns ? `${o.kind}/${ns}/${o.metadata.name}` : `${o?.kind}/${o?.metadata?.name}`;
}
