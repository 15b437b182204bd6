import { PolicyStatement } from './policy-statement';

/**
 * A label selector as a reader says it: the value of `app.kubernetes.io/name` (else `app`) first
 * when set, then every other label as `key=value` and every expression, so that the text selects
 * no more than the selector does. @internal
 */
export function selectorText(selector: any, everything: string): string {
  const labels: { [k: string]: string } = selector?.matchLabels ?? {};
  const expressions: any[] = selector?.matchExpressions ?? [];
  const nameKey = labels['app.kubernetes.io/name'] !== undefined ? 'app.kubernetes.io/name' : labels.app !== undefined ? 'app' : undefined;
  const parts = [
    ...(nameKey !== undefined ? [labels[nameKey]] : []),
    ...Object.entries(labels).filter(([k]) => k !== nameKey).map(([k, v]) => `${k}=${v}`),
  ];
  parts.push(...expressions.map((e) => `${e.key} ${String(e.operator).toLowerCase()} ${(e.values ?? []).join(',')}`.trim()));
  return parts.length === 0 ? everything : parts.join(', ');
}

/** A NetworkPolicy peer as a reader says it: a namespace, `namespace/pods`, a CIDR. @internal */
export function peerText(peer: any, policyNamespace: string): string {
  if (peer.ipBlock) return `${peer.ipBlock.cidr}${peer.ipBlock.except?.length ? ` (except ${peer.ipBlock.except.join(', ')})` : ''}`;
  const ns = peer.namespaceSelector === undefined ? undefined
    : peer.namespaceSelector.matchLabels?.['kubernetes.io/metadata.name'] ?? selectorNamespaces(peer.namespaceSelector);
  if (peer.podSelector === undefined) return ns ?? 'nowhere';
  const pods = selectorText(peer.podSelector, 'every pod');
  return `${ns ?? policyNamespace}/${pods}`;
}

function selectorNamespaces(selector: any): string {
  const text = selectorText(selector, '');
  return text === '' ? 'every namespace' : `namespaces with ${text}`;
}

function portsOf(rule: any): string[] {
  const ports: any[] = rule.ports ?? [];
  if (ports.length === 0) return ['any port'];
  return ports.map((p) => `${p.port ?? 'any port'}${p.endPort ? `-${p.endPort}` : ''}${p.protocol && p.protocol !== 'TCP' ? `/${p.protocol}` : ''}`);
}

function isDefaultDeny(p: any): boolean {
  return Object.keys(p.spec?.podSelector ?? {}).length === 0
    && ['Ingress', 'Egress'].every((t) => (p.spec?.policyTypes ?? []).includes(t))
    && !(p.spec?.ingress?.length) && !(p.spec?.egress?.length);
}

/**
 * Who can reach what, from the NetworkPolicies: each namespace's default deny, then every flow
 * an ingress or egress rule opens (`monitoring → chat:9090`, egress to `0.0.0.0/0`).
 * @internal
 */
export function connectivityStatements(objects: any[]): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  const namespaces = new Set([...objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata?.name), ...policies.map((p) => p.metadata?.namespace)]);
  for (const ns of [...namespaces].filter((n): n is string => typeof n === 'string').sort()) {
    if (policies.some((p) => p.metadata?.namespace === ns && isDefaultDeny(p))) {
      out.push({ topic: 'default-deny', namespace: ns, key: `default-deny|${ns}`, subject: ns, values: [], text: 'default-deny: every pod\'s ingress and egress denied unless a rule below allows it' });
    }
  }
  for (const p of policies) {
    const ns = p.metadata?.namespace ?? '';
    const target = selectorText(p.spec?.podSelector, 'every pod');
    for (const rule of p.spec?.ingress ?? []) {
      const peers: string[] = rule.from?.length ? rule.from.map((f: any) => peerText(f, ns)) : ['anywhere'];
      for (const peer of peers) {
        for (const port of portsOf(rule)) {
          const subject = `${peer} → ${target}${port === 'any port' ? ' (any port)' : `:${port}`}`;
          out.push({ topic: 'ingress-flow', namespace: ns, key: `ingress-flow|${ns}|${subject}`, subject, values: [], text: `${subject} (NetworkPolicy ${p.metadata?.name})` });
        }
      }
    }
    for (const rule of p.spec?.egress ?? []) {
      const peers: string[] = rule.to?.length ? rule.to.map((t: any) => peerText(t, ns)) : ['anywhere'];
      for (const peer of peers) {
        for (const port of portsOf(rule)) {
          const subject = `egress to ${peer}${port === 'any port' ? ' (any port)' : `:${port}`} from ${ns}/${target}`;
          out.push({ topic: 'egress-flow', namespace: ns, key: `egress-flow|${ns}|${subject}`, subject, values: [], text: `${subject} (NetworkPolicy ${p.metadata?.name})` });
        }
      }
    }
  }
  return dedupe(out);
}

/** One statement per key (two policies may open the same flow): the first, texts merged. @internal */
export function dedupe(statements: PolicyStatement[]): PolicyStatement[] {
  const byKey = new Map<string, PolicyStatement>();
  for (const s of statements) {
    const seen = byKey.get(s.key);
    byKey.set(s.key, seen ? { ...seen, values: [...new Set([...seen.values, ...s.values])].sort() } : s);
  }
  return [...byKey.values()];
}
