/**
 * A stand-in for the Envoy AI Gateway controller, for egctl. egctl translates Gateway API and
 * Envoy Gateway objects; it cannot read an AIGatewayRoute, and the AI Gateway controller that turns
 * one into an HTTPRoute cannot be built here. The AIGatewayRoute CRD (v1.1.0) says what that
 * controller generates: "HTTPRoute of the Gateway API as a top-level resource to bind all
 * backends. The name of the HTTPRoute is the same as the AIGatewayRoute", "in the same namespace
 * as the AIGatewayRoute"; its `hostnames` are "equivalent to the Hostnames field in the Gateway API
 * HTTPRouteSpec"; its rules are "a subset of the HTTPRoute", and one of the HTTPRoute's rule slots
 * "is reserved for a controller-injected catch-all rule".
 *
 * What this reproduces, for each AIGatewayRoute: an HTTPRoute of the same name and namespace, with
 * its parentRefs and hostnames; one rule per AIGatewayRoute rule, matching every path (PathPrefix
 * "/", the catch-all), with the rule's `timeouts`; each backendRef followed through its
 * AIServiceBackend to the Envoy Gateway Backend, and from the Backend's FQDN
 * (`<service>.<namespace>.svc[.cluster.local]`) to the Service and port behind it; a backendRef's
 * `headerMutation` as a RequestHeaderModifier filter of that backendRef.
 *
 * What it cannot reproduce (it throws rather than guess when an AIGatewayRoute needs it): rule
 * `matches` (they match on `x-ai-eg-model`, a header the AI Gateway's external processor writes
 * from the request body), InferencePool backends, `modelNameOverride`, a Backend that is not one
 * FQDN of a Service of the input. It never writes the AI Gateway's external-processor filter (the
 * request and response translation, the token counting: the envoy check puts a response header of
 * its stand-in backend into the processor's dynamic metadata instead), the per-namespace
 * `ai-eg-host-rewrite-<name>` HTTPRouteFilter, or the rule's `streamIdleTimeout`.
 */

type Obj = { [key: string]: any };

const AI_GATEWAY_GROUP = 'aigateway.envoyproxy.io';
const ENVOY_GATEWAY_GROUP = 'gateway.envoyproxy.io';

export interface GeneratedRoutes {
  /** The objects without the AI Gateway's (AIGatewayRoutes, AIServiceBackends and the Backends they name), plus the generated HTTPRoutes. */
  readonly objects: Obj[];
  /** The generated HTTPRoutes. */
  readonly routes: Obj[];
  /** What was changed, for the check's log. */
  readonly notes: string[];
}

function groupOf(o: Obj): string {
  const v = String(o.apiVersion ?? '');
  return v.includes('/') ? v.split('/')[0] : '';
}

function isKind(o: Obj, group: string, kind: string): boolean {
  return groupOf(o) === group && o.kind === kind;
}

function find(objects: Obj[], group: string, kind: string, namespace: string, name: string): Obj | undefined {
  return objects.find((o) => isKind(o, group, kind) && o.metadata?.namespace === namespace && o.metadata?.name === name);
}

/** `<service>.<namespace>.svc` or `<service>.<namespace>.svc.cluster.local`. */
const SERVICE_FQDN = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.svc(\.cluster\.local)?\.?$/;

/** The Service and port behind an Envoy Gateway Backend: its only endpoint, the FQDN of a Service of `objects`. */
function serviceBehind(objects: Obj[], backend: Obj, where: string): { name: string; namespace: string; port: number } {
  const endpoints: Obj[] = backend.spec?.endpoints ?? [];
  const fqdn = endpoints.length === 1 ? endpoints[0].fqdn : undefined;
  const m = fqdn ? SERVICE_FQDN.exec(String(fqdn.hostname)) : null;
  if (!fqdn || !m || !Number.isInteger(fqdn.port)) {
    throw new Error(`${where}: Backend ${backend.metadata.namespace}/${backend.metadata.name} has endpoints ${JSON.stringify(endpoints)}; `
      + 'the AI Gateway stand-in follows one FQDN endpoint <service>.<namespace>.svc[.cluster.local] with a port');
  }
  const [name, namespace] = [m[1], m[3]];
  const service = find(objects, '', 'Service', namespace, name);
  if (!service) throw new Error(`${where}: Backend ${backend.metadata.namespace}/${backend.metadata.name} names Service ${namespace}/${name}, which is not in the input`);
  if (!(service.spec?.ports ?? []).some((p: Obj) => p.port === fqdn.port)) {
    throw new Error(`${where}: Service ${namespace}/${name} has no port ${fqdn.port} (the Backend's)`);
  }
  return { name, namespace, port: fqdn.port };
}

function headerModifier(mutation: Obj | undefined): Obj[] {
  if (!mutation) return [];
  const modifier: Obj = {};
  if (mutation.set?.length) modifier.set = mutation.set;
  if (mutation.remove?.length) modifier.remove = mutation.remove;
  return Object.keys(modifier).length > 0 ? [{ type: 'RequestHeaderModifier', requestHeaderModifier: modifier }] : [];
}

/** The HTTPRoute the AI Gateway controller would generate from `route`, as far as the CRD text says (see above). */
export function generatedHttpRoute(objects: Obj[], route: Obj): { route: Obj; backends: Obj[] } {
  const namespace = route.metadata.namespace;
  const where = `AIGatewayRoute ${namespace}/${route.metadata.name}`;
  const backends: Obj[] = [];
  const rules = (route.spec?.rules ?? []).map((rule: Obj, i: number) => {
    if ((rule.matches ?? []).length > 0) {
      throw new Error(`${where}: rules[${i}].matches cannot be reproduced (they match on x-ai-eg-model, which the AI Gateway's external processor writes); the stand-in generates match-less rules only`);
    }
    const backendRefs = (rule.backendRefs ?? []).map((ref: Obj, j: number) => {
      const at = `${where} rules[${i}].backendRefs[${j}]`;
      if (ref.group !== undefined || ref.kind !== undefined) throw new Error(`${at}: ${ref.group}/${ref.kind} backends (InferencePool) cannot be reproduced`);
      if (ref.modelNameOverride !== undefined) throw new Error(`${at}: modelNameOverride cannot be reproduced (the external processor rewrites the body)`);
      const aiNamespace = ref.namespace ?? namespace;
      const ai = find(objects, AI_GATEWAY_GROUP, 'AIServiceBackend', aiNamespace, ref.name);
      if (!ai) throw new Error(`${at}: no AIServiceBackend ${aiNamespace}/${ref.name} in the input`);
      const b = ai.spec?.backendRef ?? {};
      if (b.group !== ENVOY_GATEWAY_GROUP || b.kind !== 'Backend') {
        throw new Error(`${at}: AIServiceBackend ${aiNamespace}/${ref.name} names ${b.group}/${b.kind}; the stand-in follows an Envoy Gateway Backend only`);
      }
      const backend = find(objects, ENVOY_GATEWAY_GROUP, 'Backend', b.namespace ?? aiNamespace, b.name);
      if (!backend) throw new Error(`${at}: no Backend ${b.namespace ?? aiNamespace}/${b.name} in the input`);
      backends.push(ai, backend);
      const service = serviceBehind(objects, backend, at);
      if (service.namespace !== namespace) {
        throw new Error(`${at}: Service ${service.namespace}/${service.name} is outside the route's namespace; the stand-in writes no ReferenceGrant`);
      }
      const filters = headerModifier(ref.headerMutation);
      return {
        name: service.name,
        port: service.port,
        ...(ref.weight !== undefined ? { weight: ref.weight } : {}),
        ...(filters.length > 0 ? { filters } : {}),
      };
    });
    return {
      matches: [{ path: { type: 'PathPrefix', value: '/' } }],
      backendRefs,
      ...(rule.timeouts ? { timeouts: rule.timeouts } : {}),
    };
  });
  if (rules.length === 0) throw new Error(`${where}: no rules; the AI Gateway controller would route nothing`);
  return {
    route: {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: route.metadata.name, namespace },
      spec: {
        parentRefs: JSON.parse(JSON.stringify(route.spec?.parentRefs ?? [])),
        ...(route.spec?.hostnames ? { hostnames: [...route.spec.hostnames] } : {}),
        rules,
      },
    },
    backends,
  };
}

/**
 * Replaces the AIGatewayRoutes of `objects` with the HTTPRoutes the AI Gateway controller would
 * generate, and drops the AI Gateway's objects egctl must not read (AIServiceBackends and the
 * Backends they name). An HTTPRoute of the same name already in `objects` is an error: the
 * controller's would be the one there.
 */
export function generateAiGatewayRoutes(objects: Obj[]): GeneratedRoutes {
  const aiRoutes = objects.filter((o) => isKind(o, AI_GATEWAY_GROUP, 'AIGatewayRoute'));
  const notes: string[] = [];
  const routes: Obj[] = [];
  const dropped = new Set<Obj>(objects.filter((o) => groupOf(o) === AI_GATEWAY_GROUP));
  for (const r of aiRoutes) {
    const { namespace, name } = r.metadata;
    if (find(objects, 'gateway.networking.k8s.io', 'HTTPRoute', namespace, name)) {
      throw new Error(`AIGatewayRoute ${namespace}/${name}: an HTTPRoute ${namespace}/${name} is already in the input; the AI Gateway controller generates that one`);
    }
    const generated = generatedHttpRoute(objects, r);
    generated.backends.forEach((b) => dropped.add(b));
    routes.push(generated.route);
    const refs = generated.route.spec.rules.flatMap((x: Obj) => x.backendRefs.map((b: Obj) => `Service ${b.name}:${b.port}`));
    notes.push(`AIGatewayRoute ${namespace}/${name}: HTTPRoute ${namespace}/${name} generated as the AI Gateway controller would (catch-all "/" to ${refs.join(', ')}); `
      + 'the AI Gateway objects are not given to egctl');
  }
  return { objects: [...objects.filter((o) => !dropped.has(o)), ...routes], routes, notes };
}
