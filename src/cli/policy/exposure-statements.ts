import { PolicyStatement } from './policy-statement';
import { wafModeOf } from './waf-mode';

const NGINX = 'nginx.ingress.kubernetes.io/';

function targets(policy: any, kind: string, name: string): boolean {
  const refs: any[] = [...(policy.spec?.targetRefs ?? []), ...(policy.spec?.targetRef ? [policy.spec.targetRef] : [])];
  return refs.some((r) => r.kind === kind && r.name === name);
}

/** The WAF over a host: the mode of the WAF objects whose rules name it. */
function wafFor(objects: any[], host: string, extra: any[] = []): string {
  const modes = [...objects.filter((o) => JSON.stringify(o).includes(host)), ...extra]
    .map(wafModeOf).filter((m): m is string => m !== undefined);
  return modes.length === 0 ? 'none seen' : [...new Set(modes)].join(', ');
}

function ingressStatements(objects: any[], ing: any): PolicyStatement[] {
  const a: { [k: string]: string } = ing.metadata?.annotations ?? {};
  const tlsHosts = new Set((ing.spec?.tls ?? []).flatMap((t: any) => t.hosts ?? []));
  const auth = [
    a[`${NGINX}auth-url`] ? 'external auth service' : '',
    a[`${NGINX}auth-tls-verify-client`] && a[`${NGINX}auth-tls-verify-client`] !== 'off' ? `client certificate (${a[`${NGINX}auth-tls-verify-client`]})` : '',
    a[`${NGINX}auth-type`] ? `${a[`${NGINX}auth-type`]} auth` : '',
  ].filter((x) => x);
  const limits = [
    a[`${NGINX}limit-rpm`] ? `${a[`${NGINX}limit-rpm`]} requests/min per client` : '',
    a[`${NGINX}limit-rps`] ? `${a[`${NGINX}limit-rps`]} requests/s per client` : '',
    a[`${NGINX}limit-connections`] ? `${a[`${NGINX}limit-connections`]} connections per client` : '',
    a[`${NGINX}proxy-body-size`] ? `body ≤ ${a[`${NGINX}proxy-body-size`]}` : '',
  ].filter((x) => x);
  const sources = a[`${NGINX}allowlist-source-range`] ?? a[`${NGINX}whitelist-source-range`];
  const out: PolicyStatement[] = [];
  for (const rule of ing.spec?.rules ?? []) {
    const host = rule.host ?? '*';
    for (const p of rule.http?.paths ?? []) {
      const backend = p.backend?.service ? `${p.backend.service.name}:${p.backend.service.port?.number ?? p.backend.service.port?.name}` : 'a resource backend';
      out.push(route(ing, `${host}${p.path ?? '/'}`, [
        `→ ${backend}`,
        `TLS ${tlsHosts.has(host) ? 'yes' : 'no'}`,
        `authentication: ${auth.length ? auth.join(', ') : 'none'}`,
        `limits: ${limits.length ? limits.join(', ') : 'none'}`,
        ...(sources ? [`sources: ${sources}`] : []),
        `WAF: ${wafFor(objects.filter((o) => o.kind === 'ConfigMap'), host, a[`${NGINX}modsecurity-snippet`] ? [ing] : [])}`,
      ]));
    }
  }
  return out;
}

/** The Envoy Gateway policy kinds that attach to a route or its Gateway. */
const ENVOY_POLICY_KINDS = ['SecurityPolicy', 'BackendTrafficPolicy', 'EnvoyExtensionPolicy'];

/** An Envoy Gateway policy that applies to a route, and the Gateway it is attached to when not the route. */
interface AppliedPolicy { readonly policy: any; readonly gateway?: string }

/**
 * The Envoy Gateway policies that apply to a route (HTTPRoute, GRPCRoute, AIGatewayRoute): those
 * in its namespace targeting it (for an AIGatewayRoute, or the HTTPRoute of the same name the AI
 * Gateway controller generates from it), and those targeting its parent Gateways (or their
 * listener). Of each kind, a Gateway's policy applies only when the route has none of that kind,
 * or has one with `mergeType` (Envoy Gateway's merge).
 */
function routePolicies(objects: any[], r: any): AppliedPolicy[] {
  const ns = r.metadata?.namespace;
  const name = r.metadata?.name;
  const kinds = r.kind === 'AIGatewayRoute' ? ['HTTPRoute', 'AIGatewayRoute'] : [r.kind];
  const own = objects.filter((o) => ENVOY_POLICY_KINDS.includes(o.kind) && o.metadata?.namespace === ns
    && kinds.some((k) => targets(o, k, name)));
  const fromGateways = (r.spec?.parentRefs ?? []).filter((p: any) => (p.kind ?? 'Gateway') === 'Gateway').flatMap((p: any) => {
    const gwNs = p.namespace ?? ns;
    return objects.filter((o) => ENVOY_POLICY_KINDS.includes(o.kind) && o.metadata?.namespace === gwNs)
      .filter((o) => [...(o.spec?.targetRefs ?? []), ...(o.spec?.targetRef ? [o.spec.targetRef] : [])]
        .some((t: any) => t.kind === 'Gateway' && t.name === p.name && (t.sectionName === undefined || t.sectionName === p.sectionName)))
      .map((o) => ({ policy: o, gateway: `${gwNs}/${p.name}` }));
  });
  const inherited = fromGateways.filter((g: AppliedPolicy) => {
    const mine = own.filter((o) => o.kind === g.policy.kind);
    return mine.length === 0 || mine.some((o) => o.spec?.mergeType !== undefined);
  });
  return [...own.map((policy) => ({ policy })), ...inherited];
}

/** What a SecurityPolicy asks of a client. */
function securityPolicyAuth(p: any): string[] {
  return [
    p.spec?.jwt ? 'JWT' : '', p.spec?.oidc ? 'OIDC login' : '', p.spec?.extAuth ? 'external auth service' : '',
    p.spec?.apiKeyAuth ? 'API key' : '', p.spec?.basicAuth ? 'basic auth' : '',
    p.spec?.authorization ? `authorization (default ${p.spec.authorization.defaultAction ?? 'Allow'}, ${(p.spec.authorization.rules ?? []).length} rule(s))` : '',
  ].filter((x) => x);
}

/**
 * The limits of a BackendTrafficPolicy: each rate limit (in tokens when its cost is read from the
 * response's metadata, per client address when its selector is distinct per source), the largest
 * request body.
 */
function trafficPolicyLimits(p: any): string[] {
  const rl = p.spec?.rateLimit;
  const rules: any[] = [...(rl?.local?.rules ?? []), ...(rl?.global?.rules ?? [])];
  return [
    ...rules.map((x) => {
      const tokens = x.cost?.response?.from === 'Metadata';
      const perClient = (x.clientSelectors ?? []).some((c: any) => c.sourceCIDR?.type === 'Distinct') ? ' per client address' : '';
      const notes = [...(rl?.global ? ['shared'] : []), ...(tokens ? [`counted from ${x.cost.response.metadata?.namespace}/${x.cost.response.metadata?.key}`] : [])];
      return `${x.limit?.requests ?? '?'} ${tokens ? 'tokens' : 'requests'}/${String(x.limit?.unit ?? '?').toLowerCase()}${perClient}${notes.length ? ` (${notes.join('; ')})` : ''}`;
    }),
    ...(p.spec?.requestBuffer?.limit ? [`body ≤ ${p.spec.requestBuffer.limit}`] : []),
  ];
}

/**
 * The authentication, limits and WAF of the policies that apply to a route, each from a Gateway
 * said so (`JWT (Gateway envoy-gateway-system/platform-gateway)`).
 */
function appliedControls(objects: any[], r: any): { auth: string[]; limits: string[]; waf: string[] } {
  const applied = routePolicies(objects, r);
  const via = (a: AppliedPolicy, texts: string[]) => texts.map((t) => (a.gateway ? `${t} (Gateway ${a.gateway})` : t));
  return {
    auth: [...new Set(applied.filter((a) => a.policy.kind === 'SecurityPolicy').flatMap((a) => via(a, securityPolicyAuth(a.policy))))],
    limits: applied.filter((a) => a.policy.kind === 'BackendTrafficPolicy').flatMap((a) => via(a, trafficPolicyLimits(a.policy))),
    waf: [...new Set(applied.filter((a) => a.policy.kind === 'EnvoyExtensionPolicy')
      .flatMap((a) => via(a, [wafModeOf(a.policy)].filter((m): m is string => m !== undefined))))],
  };
}

/** The listeners a route relies on for TLS: `Gateway ns/name/section` per parent. */
function listenersOf(r: any): string[] {
  const ns = r.metadata?.namespace ?? '';
  return (r.spec?.parentRefs ?? []).map((p: any) => `${p.kind ?? 'Gateway'} ${p.namespace ?? ns}/${p.name}${p.sectionName ? `/${p.sectionName}` : ''}`);
}

/** A route rule's backends: `name:port`, another kind named first. */
function backendsOf(rule: any): string {
  return (rule.backendRefs ?? []).map((b: any) => `${b.kind && b.kind !== 'Service' ? `${b.kind} ` : ''}${b.name}${b.port ? `:${b.port}` : ''}`).join(', ') || 'no backend';
}

/** The paths a GRPCRoute rule's matches select: `/service/method`, `*` where one is not named. */
function grpcPaths(rule: any): string[] {
  const matches: any[] = rule.matches ?? [];
  if (matches.length === 0) return ['/*'];
  return matches.map((m) => (m.method?.service || m.method?.method ? `/${m.method.service ?? '*'}/${m.method.method ?? '*'}` : '/*'));
}

/**
 * An HTTPRoute or GRPCRoute: per host and path (for gRPC, `/service/method`), its backends, the
 * listener it relies on for TLS, and the authentication, limits and WAF of the policies that apply
 * to it, its Gateway's included.
 */
function gatewayRouteStatements(objects: any[], r: any): PolicyStatement[] {
  const { auth, limits, waf } = appliedControls(objects, r);
  const out: PolicyStatement[] = [];
  for (const host of r.spec?.hostnames ?? ['*']) {
    for (const rule of r.spec?.rules ?? []) {
      const paths: string[] = r.kind === 'GRPCRoute' ? grpcPaths(rule) : (rule.matches ?? [{}]).map((m: any) => m.path?.value ?? '/');
      for (const path of paths) {
        out.push(route(r, `${host}${path}`, [
          `→ ${backendsOf(rule)}`,
          `TLS: the listener of ${listenersOf(r).join(', ')}`,
          `authentication: ${auth.length ? auth.join(', ') : 'none'}`,
          `limits: ${limits.length ? limits.join(', ') : 'none'}`,
          `WAF: ${waf.length ? waf.join(', ') : 'none seen'}`,
        ]));
      }
    }
  }
  return out;
}

/** A backend of an AIGatewayRoute rule: the AIServiceBackend, its schema, and what it reaches. */
function aiBackendText(objects: any[], ns: string, ref: any): string {
  const weight = ref.weight !== undefined ? ` (weight ${ref.weight})` : '';
  const service = objects.find((o) => o.kind === 'AIServiceBackend' && o.metadata?.namespace === ns && o.metadata?.name === ref.name);
  if (!service) return `AIServiceBackend ${ref.name} (not in the tree)${weight}`;
  const schema = service.spec?.schema ? ` (${service.spec.schema.name}${service.spec.schema.prefix ? ` ${service.spec.schema.prefix}` : ''})` : '';
  const b = service.spec?.backendRef ?? {};
  const bNs = b.namespace ?? ns;
  const backend = b.kind === 'Backend' ? objects.find((o) => o.kind === 'Backend' && o.metadata?.namespace === bNs && o.metadata?.name === b.name) : undefined;
  const endpoints = (backend?.spec?.endpoints ?? []).map((e: any) => e.fqdn ? `${e.fqdn.hostname}:${e.fqdn.port}` : e.ip ? `${e.ip.address}:${e.ip.port}` : 'an endpoint');
  const reaches = `${b.kind ?? 'Service'} ${b.name}${endpoints.length ? ` (${endpoints.join(', ')})` : b.kind === 'Backend' ? ' (not in the tree)' : ''}`;
  return `AIServiceBackend ${ref.name}${schema} → ${reaches}${weight}`;
}

/** The requests an AIGatewayRoute rule's matches select: every one, a model (`x-ai-eg-model`), a header. */
function aiMatchText(rule: any): string[] {
  const matches: any[] = rule.matches ?? [];
  if (matches.length === 0) return ['every model'];
  return matches.map((m) => {
    const headers: any[] = m.headers ?? [];
    if (headers.length === 0) return 'every model';
    return headers.map((h) => `${h.name === 'x-ai-eg-model' ? 'model' : `header ${h.name}`} ${h.type === 'RegularExpression' ? '~' : '='} ${h.value}`).join(' and ');
  });
}

/**
 * An Envoy AI Gateway route: per host and rule, every path of the host (the generated HTTPRoute
 * matches them all) for the models or headers the rule matches, its backends, the listener it
 * relies on for TLS, the headers it removes, the token costs it records, and the authentication,
 * limits and WAF of the policies that apply to it, its Gateway's included.
 */
function aiGatewayRouteStatements(objects: any[], r: any): PolicyStatement[] {
  const ns = r.metadata?.namespace ?? '';
  const { auth, limits: all, waf } = appliedControls(objects, r);
  const limits = [...new Set(all)];
  const costs = (r.spec?.llmRequestCosts ?? []).map((c: any) => `${c.type} as ${c.metadataKey}`);
  const listeners = listenersOf(r);
  const out: PolicyStatement[] = [];
  for (const host of r.spec?.hostnames ?? ['*']) {
    for (const rule of r.spec?.rules ?? []) {
      const refs: any[] = rule.backendRefs ?? [];
      const removed = [...new Set(refs.flatMap((b) => b.headerMutation?.remove ?? []))];
      for (const match of aiMatchText(rule)) {
        out.push(route(r, `${host}/* (${match})`, [
          `→ ${refs.map((b) => aiBackendText(objects, ns, b)).join(', ') || 'no backend'}`,
          `TLS: the listener of ${listeners.join(', ')}`,
          `authentication: ${auth.length ? auth.join(', ') : 'none'}`,
          `limits: ${limits.length ? limits.join(', ') : 'none'}`,
          `WAF: ${waf.length ? waf.join(', ') : 'none seen'}`,
          ...(removed.length ? [`headers removed before the backend: ${removed.join(', ')}`] : []),
          ...(costs.length ? [`token costs recorded: ${costs.join(', ')}`] : []),
        ]));
      }
    }
  }
  return out;
}

function virtualServerStatements(objects: any[], vs: any): PolicyStatement[] {
  const ns = vs.metadata?.namespace;
  const policies = (refs: any[]) => (refs ?? []).map((ref: any) => objects.find((o) => o.kind === 'Policy' && o.metadata?.name === ref.name && (o.metadata?.namespace ?? ns) === (ref.namespace ?? ns)))
    .filter((p: any) => p);
  const host = vs.spec?.host ?? '*';
  return (vs.spec?.routes ?? []).map((rt: any) => {
    const all = [...policies(vs.spec?.policies), ...policies(rt.policies)];
    const auth = all.flatMap((p: any) => [p.spec?.jwt ? 'JWT' : '', p.spec?.ingressMTLS ? 'client certificate' : '', p.spec?.externalAuth ? 'external auth service' : '', p.spec?.basicAuth ? 'basic auth' : '']).filter((x: string) => x);
    const limits = all.filter((p: any) => p.spec?.rateLimit).map((p: any) => `rate ${p.spec.rateLimit.rate}`);
    const waf = all.filter((p: any) => p.spec?.waf).map((p: any) => `App Protect ${p.spec.waf.enable ? 'on' : 'off'}`);
    return route(vs, `${host}${rt.path ?? '/'}`, [
      `→ ${rt.action?.pass ?? rt.action?.proxy?.upstream ?? 'an action'}`,
      `TLS ${vs.spec?.tls?.secret ? 'yes' : 'no'}`,
      `authentication: ${auth.length ? auth.join(', ') : 'none'}`,
      `limits: ${limits.length ? limits.join(', ') : 'none'}`,
      `WAF: ${waf.length ? waf.join(', ') : 'none seen'}`,
    ]);
  });
}

function route(o: any, where: string, settings: string[]): PolicyStatement {
  const ns = o.metadata?.namespace ?? '';
  const endpoint = o.metadata?.labels?.['secure-ai.cdk8s.io/endpoint'];
  return {
    topic: 'exposure',
    namespace: ns,
    key: `exposure|${ns}|${where}`,
    subject: where,
    values: settings,
    text: `${endpoint ? `endpoint ${endpoint}: ` : ''}${where} ${settings.join('; ')} (${o.kind} ${o.metadata?.name})`,
  };
}

/**
 * What is exposed, and how: each host and path of an Ingress, HTTPRoute or VirtualServer, each
 * host and `/service/method` of a GRPCRoute, and each host and matched model of an Envoy AI
 * Gateway AIGatewayRoute, with its backend, TLS, authentication, limits and WAF mode, read from the
 * routes and the policies that target them (for a Gateway API route, its Gateway's too).
 * @internal
 */
export function exposureStatements(objects: any[]): PolicyStatement[] {
  return objects.flatMap((o) => {
    if (o.kind === 'Ingress') return ingressStatements(objects, o);
    if (o.kind === 'HTTPRoute' || o.kind === 'GRPCRoute') return gatewayRouteStatements(objects, o);
    if (o.kind === 'VirtualServer') return virtualServerStatements(objects, o);
    if (o.kind === 'AIGatewayRoute') return aiGatewayRouteStatements(objects, o);
    return [];
  });
}

/** The mode of every WAF in the tree (a rules ConfigMap, an EnvoyExtensionPolicy...). @internal */
export function wafStatements(objects: any[]): PolicyStatement[] {
  return objects.flatMap((o): PolicyStatement[] => {
    const mode = wafModeOf(o);
    if (mode === undefined) return [];
    const ns = o.metadata?.namespace ?? '';
    const subject = `${o.kind} ${o.metadata?.name}`;
    return [{ topic: 'waf', namespace: ns, key: `waf|${ns}|${subject}`, subject, values: [mode], text: `WAF ${subject}: ${mode}` }];
  });
}
