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

function httpRouteStatements(objects: any[], r: any): PolicyStatement[] {
  const ns = r.metadata?.namespace;
  const inNs = objects.filter((o) => o.metadata?.namespace === ns && targets(o, r.kind, r.metadata?.name));
  const auth = inNs.filter((o) => o.kind === 'SecurityPolicy').flatMap((p) => [
    p.spec?.jwt ? 'JWT' : '', p.spec?.oidc ? 'OIDC login' : '', p.spec?.extAuth ? 'external auth service' : '',
    p.spec?.apiKeyAuth ? 'API key' : '', p.spec?.basicAuth ? 'basic auth' : '',
    p.spec?.authorization ? `authorization (default ${p.spec.authorization.defaultAction ?? 'Allow'}, ${(p.spec.authorization.rules ?? []).length} rule(s))` : '',
  ]).filter((x) => x);
  const limits = inNs.filter((o) => o.kind === 'BackendTrafficPolicy').flatMap((p) => {
    const rl = p.spec?.rateLimit;
    const rules: any[] = [...(rl?.local?.rules ?? []), ...(rl?.global?.rules ?? [])];
    return rules.map((x) => `${x.limit?.requests ?? '?'} requests/${String(x.limit?.unit ?? '?').toLowerCase()}${rl?.global ? ' (shared)' : ''}`);
  });
  const waf = inNs.filter((o) => o.kind === 'EnvoyExtensionPolicy').map(wafModeOf).filter((m) => m);
  const out: PolicyStatement[] = [];
  for (const host of r.spec?.hostnames ?? ['*']) {
    for (const rule of r.spec?.rules ?? []) {
      const paths: string[] = (rule.matches ?? [{}]).map((m: any) => m.path?.value ?? '/');
      const backends = (rule.backendRefs ?? []).map((b: any) => `${b.kind && b.kind !== 'Service' ? `${b.kind} ` : ''}${b.name}${b.port ? `:${b.port}` : ''}`);
      for (const path of paths) {
        out.push(route(r, `${host}${path}`, [
          `→ ${backends.join(', ') || 'no backend'}`,
          `TLS: the listener of ${(r.spec?.parentRefs ?? []).map((p: any) => `${p.kind ?? 'Gateway'} ${p.namespace ? `${p.namespace}/` : ''}${p.name}${p.sectionName ? `/${p.sectionName}` : ''}`).join(', ')}`,
          `authentication: ${auth.length ? [...new Set(auth)].join(', ') : 'none'}`,
          `limits: ${limits.length ? limits.join(', ') : 'none'}`,
          `WAF: ${waf.length ? [...new Set(waf)].join(', ') : 'none seen'}`,
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
 * What is exposed, and how: each host and path of an Ingress, HTTPRoute or VirtualServer, with
 * its backend, TLS, authentication, limits and WAF mode, read from the routes and the policies
 * that target them.
 * @internal
 */
export function exposureStatements(objects: any[]): PolicyStatement[] {
  return objects.flatMap((o) => {
    if (o.kind === 'Ingress') return ingressStatements(objects, o);
    if (o.kind === 'HTTPRoute') return httpRouteStatements(objects, o);
    if (o.kind === 'VirtualServer') return virtualServerStatements(objects, o);
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
