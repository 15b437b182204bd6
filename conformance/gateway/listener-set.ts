/**
 * egctl v1.9.1 cannot read a ListenerSet: `egctl x translate` loads its input through
 * `resource.LoadResourcesFromYAMLBytes` (internal/gatewayapi/resource/load.go), whose switch on
 * the kind has no case for ListenerSet, so one is dropped without a word (and a route or policy
 * attached to it is left without a parent). Envoy Gateway's translator itself merges a
 * ListenerSet's listeners into its parent Gateway (internal/gatewayapi/listenerset.go, fed by the
 * Kubernetes provider). This does that merge for egctl: each ListenerSet's listeners join the
 * stand-in Gateway it names, and what attaches to the ListenerSet attaches to those listeners.
 */

type Obj = { [key: string]: any };

const GATEWAY_GROUP = 'gateway.networking.k8s.io';

export interface FoldedListenerSets {
  /** The example's objects without its ListenerSets; routes and policies re-attached to the Gateway's listeners. */
  readonly objects: Obj[];
  /** The stand-ins, the Gateways with the ListenerSets' listeners, plus the ReferenceGrants their certificates need. */
  readonly standIns: Obj[];
  /** What was changed, for the check's log. */
  readonly notes: string[];
}

function copy<T>(o: T): T {
  return JSON.parse(JSON.stringify(o));
}

/** Whether the Gateway admits ListenerSets from `namespace` (`spec.allowedListeners`; none by default). */
export function admitsListenerSets(gateway: Obj, namespace: string): boolean {
  const from = gateway.spec?.allowedListeners?.namespaces?.from ?? 'None';
  return from === 'All' || (from === 'Same' && gateway.metadata?.namespace === namespace);
}

/**
 * Folds the ListenerSets of `exampleObjects` into the stand-in Gateways they attach to. A
 * listener's `allowedRoutes` of `Same` (the ListenerSet's namespace) becomes `All`: in the
 * Gateway's namespace `Same` would mean another namespace, and egctl drops Namespace labels, so
 * a Selector would admit nothing. Which namespaces may attach is therefore not proven here.
 * A policy that targets a ListenerSet moves to the Gateway's namespace (a policy targets objects
 * of its own namespace) and targets the Gateway's listeners by `sectionName`; the client CA a
 * ClientTrafficPolicy names stays where it is, named with its namespace and granted by a
 * ReferenceGrant.
 */
export function foldListenerSets(exampleObjects: Obj[], standIns: Obj[]): FoldedListenerSets {
  const objects = exampleObjects.map(copy);
  const gateways = standIns.map(copy);
  const notes: string[] = [];
  const grants: Obj[] = [];
  const sets = objects.filter((o) => o.kind === 'ListenerSet' && String(o.apiVersion).startsWith(`${GATEWAY_GROUP}/`));
  for (const ls of sets) {
    const ns: string = ls.metadata.namespace;
    const parent = ls.spec?.parentRef ?? {};
    const gwNamespace: string = parent.namespace ?? ns;
    const gateway = gateways.find((g) => g.kind === 'Gateway' && g.metadata?.name === parent.name && g.metadata?.namespace === gwNamespace);
    if (!gateway) throw new Error(`ListenerSet ${ns}/${ls.metadata.name}: its Gateway ${gwNamespace}/${parent.name} is not among envoy.standIns`);
    if (!admitsListenerSets(gateway, ns)) {
      throw new Error(`ListenerSet ${ns}/${ls.metadata.name}: Gateway ${gwNamespace}/${parent.name} does not admit ListenerSets from namespace ${ns} (spec.allowedListeners)`);
    }
    const names: string[] = [];
    for (const l of ls.spec?.listeners ?? []) {
      if ((gateway.spec.listeners ?? []).some((x: Obj) => x.name === l.name)) {
        throw new Error(`ListenerSet ${ns}/${ls.metadata.name}: listener ${l.name} has the name of a listener of Gateway ${gwNamespace}/${parent.name}`);
      }
      const listener = copy(l);
      if (listener.tls?.certificateRefs) {
        listener.tls.certificateRefs = listener.tls.certificateRefs.map((r: Obj) => ({ ...r, namespace: r.namespace ?? ns }));
        for (const r of listener.tls.certificateRefs.filter((x: Obj) => x.namespace !== gwNamespace)) {
          grants.push({
            apiVersion: `${GATEWAY_GROUP}/v1`,
            kind: 'ReferenceGrant',
            metadata: { name: `listenerset-${ls.metadata.name}-${grants.length}`, namespace: r.namespace },
            spec: { from: [{ group: GATEWAY_GROUP, kind: 'Gateway', namespace: gwNamespace }], to: [{ group: '', kind: 'Secret', name: r.name }] },
          });
        }
      }
      if (listener.allowedRoutes?.namespaces?.from === 'Same') listener.allowedRoutes.namespaces.from = 'All';
      gateway.spec.listeners = [...(gateway.spec.listeners ?? []), listener];
      names.push(listener.name);
    }
    notes.push(`ListenerSet ${ns}/${ls.metadata.name}: egctl v1.9.1 cannot read ListenerSets, so its listeners (${names.join(', ')}) join Gateway ${gwNamespace}/${parent.name}`
      + ' (allowedRoutes Same becomes All there; certificates in other namespaces get a ReferenceGrant)');
    const toListeners = (extra: Obj) => names.map((sectionName) => ({ ...extra, group: GATEWAY_GROUP, kind: 'Gateway', name: gateway.metadata.name, sectionName }));
    const isThisSet = (ref: Obj, fromNamespace: string) => ref?.kind === 'ListenerSet' && ref.name === ls.metadata.name && (ref.namespace ?? fromNamespace) === ns;
    for (const route of objects.filter((o) => o.kind === 'HTTPRoute' && Array.isArray(o.spec?.parentRefs))) {
      if (!route.spec.parentRefs.some((p: Obj) => isThisSet(p, route.metadata.namespace))) continue;
      route.spec.parentRefs = route.spec.parentRefs
        .flatMap((p: Obj) => isThisSet(p, route.metadata.namespace) ? toListeners({ namespace: gwNamespace }) : [p]);
      notes.push(`HTTPRoute ${route.metadata.namespace}/${route.metadata.name}: attached to those listeners`);
    }
    for (const policy of objects.filter((o) => String(o.apiVersion).startsWith('gateway.envoyproxy.io/') && Array.isArray(o.spec?.targetRefs))) {
      if (!policy.spec.targetRefs.some((t: Obj) => isThisSet(t, policy.metadata.namespace))) continue;
      policy.spec.targetRefs = policy.spec.targetRefs.flatMap((t: Obj) => isThisSet(t, policy.metadata.namespace) ? toListeners({}) : [t]);
      notes.push(`${policy.kind} ${policy.metadata.namespace}/${policy.metadata.name}: moved to namespace ${gwNamespace}, targeting those listeners`);
      // The client CA it names stays in the ListenerSet's namespace: named there, with a ReferenceGrant.
      const caRefs: Obj[] = policy.spec.tls?.clientValidation?.caCertificateRefs ?? [];
      for (const r of caRefs) {
        const from = policy.metadata.namespace;
        r.namespace = r.namespace ?? from;
        if (r.namespace === gwNamespace) continue;
        grants.push({
          apiVersion: `${GATEWAY_GROUP}/v1`,
          kind: 'ReferenceGrant',
          metadata: { name: `listenerset-${ls.metadata.name}-${grants.length}`, namespace: r.namespace },
          spec: { from: [{ group: 'gateway.envoyproxy.io', kind: policy.kind, namespace: gwNamespace }], to: [{ group: r.group ?? '', kind: r.kind ?? 'Secret', name: r.name }] },
        });
        notes.push(`${policy.kind} ${from}/${policy.metadata.name}: its client CA ${r.kind ?? 'Secret'} ${r.namespace}/${r.name} is named with its namespace, with a ReferenceGrant`);
      }
      policy.metadata.namespace = gwNamespace;
    }
  }
  return { objects: objects.filter((o) => !sets.includes(o)), standIns: [...gateways, ...grants], notes };
}
