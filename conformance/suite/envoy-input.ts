/**
 * egctl's input for the `envoy` check, without engines: the example's Gateway API, Envoy
 * Gateway and core objects, the stand-ins from the intent, the generated JWKS put
 * where the example's JWT provider reads it, and the conditions that must be True.
 */
import { EnvoyIntent } from './envoy-intent';
import { POLICY_KINDS, RequiredCondition } from '../gateway/status';

type Obj = { [key: string]: any };

const GATEWAY_GROUPS = ['gateway.networking.k8s.io', 'gateway.envoyproxy.io'];
const CORE_KINDS = ['Namespace', 'Service', 'Secret', 'ConfigMap'];

function groupOf(o: Obj): string {
  const v = String(o.apiVersion ?? '');
  return v.includes('/') ? v.split('/')[0] : '';
}

/** The objects egctl reads: Gateway API and Envoy Gateway kinds, Namespaces, Services, Secrets, ConfigMaps. */
export function isGatewayInput(o: Obj): boolean {
  return GATEWAY_GROUPS.includes(groupOf(o)) || (groupOf(o) === '' && CORE_KINDS.includes(o.kind));
}

/** Where the check puts the first cluster IP it assigns (the Service CIDR of a default kube-apiserver). */
const CLUSTER_IP_BASE = '10.96.0.';

export interface GatewayInput {
  readonly objects: Obj[];
  /** What the check changed or added, for its log. */
  readonly notes: string[];
}

/**
 * The example's objects egctl reads, copied, plus the intent's stand-ins. egctl routes to
 * a Service's cluster IP and refuses a Service without one: a Service that has none gets one, as
 * the API server would assign it.
 */
export function gatewayInput(exampleObjects: Obj[], envoy: EnvoyIntent): GatewayInput {
  const notes: string[] = [];
  const objects: Obj[] = exampleObjects.filter(isGatewayInput).map((o) => JSON.parse(JSON.stringify(o)));
  const names = new Set(objects.map(ref));
  for (const p of envoy.standIns) {
    if (names.has(ref(p))) throw new Error(`envoy.standIns: ${ref(p)} is already in the example's manifests or the stand-ins; a stand-in must not replace it`);
    names.add(ref(p));
    objects.push(JSON.parse(JSON.stringify(p)));
  }
  const taken = new Set(objects.filter((o) => o.kind === 'Service').map((o) => o.spec?.clusterIP).filter((ip) => ip));
  let next = 10;
  for (const s of objects.filter((o) => o.kind === 'Service' && !o.spec?.clusterIP && o.spec?.type !== 'ExternalName')) {
    while (taken.has(`${CLUSTER_IP_BASE}${next}`)) next++;
    const ip = `${CLUSTER_IP_BASE}${next++}`;
    s.spec = { ...(s.spec ?? {}), clusterIP: ip };
    notes.push(`Service ${s.metadata.namespace}/${s.metadata.name}: cluster IP ${ip} assigned, as the API server would`);
  }
  // egctl needs the Namespace of every namespaced object it reads
  const namespaces = new Set(objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name));
  for (const ns of new Set(objects.map((o) => o.metadata?.namespace).filter((n) => n))) {
    if (namespaces.has(ns)) continue;
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    notes.push(`Namespace ${ns} added (the example's objects are in it and it creates none)`);
  }
  return { objects, notes };
}

function ref(o: Obj): string {
  return `${o.kind}/${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`;
}

/** A JWKS the check must serve itself, on loopback, at the provider's `remoteJWKS` URI. */
export interface ServedJwks {
  /** Over HTTPS (the URI's scheme). */
  readonly tls: boolean;
  readonly port: number;
  readonly path: string;
  readonly jwks: string;
}

/**
 * Gives the JWT provider `<namespace>/<SecurityPolicy>/<provider>` the generated JWKS: in its
 * `localJWKS` (inline, or the ConfigMap it names), or, for a `remoteJWKS` on 127.0.0.1 over
 * HTTP, by returning what to serve there. Anything else is an error: the check fetches nothing.
 */
export function deliverJwks(objects: Obj[], provider: string, jwks: string): { served?: ServedJwks; note: string } {
  const [namespace, policyName, providerName] = provider.split('/');
  const policy = objects.find((o) => o.kind === 'SecurityPolicy' && o.metadata?.namespace === namespace && o.metadata?.name === policyName);
  if (!policy) throw new Error(`JWT provider ${provider}: no SecurityPolicy ${namespace}/${policyName} in the example's manifests`);
  const providers: Obj[] = policy.spec?.jwt?.providers ?? [];
  const p = providers.find((x) => x.name === providerName);
  if (!p) throw new Error(`JWT provider ${provider}: SecurityPolicy ${namespace}/${policyName} has no JWT provider ${providerName} (it has: ${providers.map((x) => x.name).join(', ') || 'none'})`);
  if (p.remoteJWKS) {
    const uri = new URL(String(p.remoteJWKS.uri));
    if (!['http:', 'https:'].includes(uri.protocol) || uri.hostname !== '127.0.0.1' || uri.port === '') {
      throw new Error(`JWT provider ${provider}: remoteJWKS ${p.remoteJWKS.uri} is not http(s)://127.0.0.1:<port>/...; the check serves a JWKS on loopback only and fetches nothing`);
    }
    const served = { tls: uri.protocol === 'https:', port: Number(uri.port), path: uri.pathname, jwks };
    return { served, note: `JWT provider ${provider}: the generated JWKS is served at ${uri.href}` };
  }
  const local = p.localJWKS;
  if (local?.type === 'Inline' || (local && local.inline !== undefined && local.type === undefined)) {
    local.inline = jwks;
    return { note: `JWT provider ${provider}: its inline localJWKS is replaced by the generated JWKS` };
  }
  if (local?.type === 'ValueRef' && local.valueRef?.kind === 'ConfigMap') {
    const cm = objects.find((o) => o.kind === 'ConfigMap' && o.metadata?.namespace === namespace && o.metadata?.name === local.valueRef.name);
    if (!cm) throw new Error(`JWT provider ${provider}: its localJWKS names ConfigMap ${namespace}/${local.valueRef.name}, which is not in the example's manifests`);
    cm.data = { ...(cm.data ?? {}), jwks };
    return { note: `JWT provider ${provider}: ConfigMap ${namespace}/${local.valueRef.name} key jwks holds the generated JWKS` };
  }
  throw new Error(`JWT provider ${provider}: neither remoteJWKS nor localJWKS (Inline or a ConfigMap): the check cannot give it its JWKS`);
}

/**
 * The conditions egctl must report True: the GatewayClass's Accepted; each listener of the
 * stand-in Gateways Accepted, ResolvedRefs, Programmed (egctl sets no Gateway-level ones);
 * each parent of the example's HTTPRoutes and GRPCRoutes Accepted and ResolvedRefs; each ancestor of the
 * example's Envoy Gateway policies Accepted. A policy whose target is missing has no ancestor:
 * that is unmet too.
 */
export function requiredConditions(exampleObjects: Obj[], envoy: EnvoyIntent): RequiredCondition[] {
  const required: RequiredCondition[] = [];
  for (const c of envoy.standIns.filter((o) => o.kind === 'GatewayClass')) required.push({ object: `GatewayClass ${c.metadata.name}`, type: 'Accepted' });
  for (const g of envoy.standIns.filter((o) => o.kind === 'Gateway')) {
    for (const type of ['Accepted', 'ResolvedRefs', 'Programmed']) required.push({ object: `Gateway ${g.metadata.namespace}/${g.metadata.name}`, of: 'listener', type });
  }
  for (const r of exampleObjects.filter((o) => (o.kind === 'HTTPRoute' || o.kind === 'GRPCRoute') && groupOf(o) === 'gateway.networking.k8s.io')) {
    for (const type of ['Accepted', 'ResolvedRefs']) required.push({ object: `${r.kind} ${r.metadata.namespace}/${r.metadata.name}`, of: 'parent', type });
  }
  const policyKinds = new Set(POLICY_KINDS.map(([, kind]) => kind));
  for (const p of exampleObjects.filter((o) => groupOf(o) === 'gateway.envoyproxy.io' && policyKinds.has(o.kind))) {
    required.push({ object: `${p.kind} ${p.metadata.namespace}/${p.metadata.name}`, of: 'ancestor', type: 'Accepted' });
  }
  return required;
}

/** Whether the served listener terminates TLS (an HTTPS listener of the platform's Gateway). */
export function listenerIsTls(envoy: EnvoyIntent): boolean {
  const [namespace, gateway, listener] = envoy.listener.split('/');
  const g = envoy.standIns.find((o) => o.kind === 'Gateway' && o.metadata?.namespace === namespace && o.metadata?.name === gateway);
  if (!g) throw new Error(`envoy.listener ${envoy.listener}: no Gateway ${namespace}/${gateway} in envoy.standIns`);
  const l = (g.spec?.listeners ?? []).find((x: Obj) => x.name === listener);
  if (!l) throw new Error(`envoy.listener ${envoy.listener}: Gateway ${namespace}/${gateway} has no listener ${listener}`);
  return l.protocol === 'HTTPS';
}
