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

const NAME_LABEL = 'kubernetes.io/metadata.name';

/** A Namespace object of the tree: its name and labels (with the name label the API server sets). @internal */
export interface TreeNamespace {
  readonly name: string;
  readonly labels: { readonly [key: string]: string };
}

/** The Namespace objects of a tree, each labelled with its name as the API server labels it. @internal */
export function treeNamespaces(objects: any[]): TreeNamespace[] {
  return objects.filter((o) => o.kind === 'Namespace' && typeof o.metadata?.name === 'string')
    .map((o) => ({ name: o.metadata.name, labels: { ...(o.metadata.labels ?? {}), [NAME_LABEL]: o.metadata.name } }));
}

/** Whether a label selector selects an object with these labels. @internal */
export function selectorMatches(selector: any, labels: { readonly [key: string]: string }): boolean {
  const has = (k: string) => Object.prototype.hasOwnProperty.call(labels, k);
  return Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => has(k) && labels[k] === v)
    && (selector?.matchExpressions ?? []).every((e: any) => {
      const values: string[] = e.values ?? [];
      switch (e.operator) {
        case 'In': return has(e.key) && values.includes(labels[e.key]);
        case 'NotIn': return !has(e.key) || !values.includes(labels[e.key]);
        case 'Exists': return has(e.key);
        case 'DoesNotExist': return !has(e.key);
        default: return false;
      }
    });
}

/** A label selector expression as a reader says it: `env in (prod, staging)`, `tier is set`. */
function expressionText(e: any): string {
  const values = `(${(e.values ?? []).join(', ')})`;
  switch (e.operator) {
    case 'In': return `${e.key} in ${values}`;
    case 'NotIn': return `${e.key} not in ${values}`;
    case 'Exists': return `${e.key} is set`;
    case 'DoesNotExist': return `${e.key} is not set`;
    default: return `${e.key} ${String(e.operator)} ${values}`;
  }
}

/** Whether a namespace selector names one namespace and nothing else (`kubernetes.io/metadata.name` alone). */
function namesOneNamespace(selector: any): boolean {
  const labels = Object.keys(selector?.matchLabels ?? {});
  return labels.length === 1 && labels[0] === NAME_LABEL && !(selector?.matchExpressions?.length);
}

/**
 * A namespace selector as a reader says it, selecting no more than it does: `every namespace`,
 * the name it matches alone, or `namespaces labelled team=ml where env in (prod, staging)`.
 * @internal
 */
export function namespaceSelectorText(selector: any): string {
  if (namesOneNamespace(selector)) return selector.matchLabels[NAME_LABEL];
  const labels = Object.entries(selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  const expressions = (selector?.matchExpressions ?? []).map(expressionText);
  if (labels.length === 0 && expressions.length === 0) return 'every namespace';
  return ['namespaces', ...(labels.length ? [`labelled ${labels.join(', ')}`] : []), ...(expressions.length ? [`where ${expressions.join(' and ')}`] : [])].join(' ');
}

/**
 * The Namespace objects of the tree a namespace selector selects by label or expression; undefined
 * when it selects by none (one namespace by name, every namespace).
 * @internal
 */
export function selectorTreeNamespaces(selector: any, tree: TreeNamespace[]): string[] | undefined {
  if (!namespaceSelectorText(selector).startsWith('namespaces ')) return undefined;
  return tree.filter((n) => selectorMatches(selector, n.labels)).map((n) => n.name).sort();
}

/**
 * A namespace selector as `namespaceSelectorText` says it, resolved against the tree's Namespaces
 * when it selects by label or expression: `namespaces labelled team=ml (in this tree: ml-a, ml-b)`,
 * or `namespaces outside this tree labelled team=ml` when it selects none of them.
 * @internal
 */
export function resolvedNamespaceSelectorText(selector: any, tree: TreeNamespace[]): string {
  const text = namespaceSelectorText(selector);
  const selected = selectorTreeNamespaces(selector, tree);
  if (selected === undefined) return text;
  if (selected.length === 0) return text.replace(/^namespaces /, 'namespaces outside this tree ');
  return `${text} (in this tree: ${selected.join(', ')})`;
}

/**
 * A NetworkPolicy peer as a reader says it: a namespace, `namespace/pods`, `every namespace/pods`,
 * `pods in namespaces labelled k=v`, a CIDR.
 * @internal
 */
export function peerText(peer: any, policyNamespace: string): string {
  if (peer.ipBlock) return `${peer.ipBlock.cidr}${peer.ipBlock.except?.length ? ` (except ${peer.ipBlock.except.join(', ')})` : ''}`;
  const ns = peer.namespaceSelector === undefined ? undefined : namespaceSelectorText(peer.namespaceSelector);
  if (peer.podSelector === undefined) return ns ?? 'nowhere';
  const pods = selectorText(peer.podSelector, 'every pod');
  return ns?.startsWith('namespaces ') ? `${pods} in ${ns}` : `${ns ?? policyNamespace}/${pods}`;
}

/**
 * The Namespace objects of the tree a peer's namespace selector selects by label; undefined when
 * the peer names no such selector (an address, its own namespace, one namespace by name, every one).
 * @internal
 */
export function peerTreeNamespaces(peer: any, tree: TreeNamespace[]): string[] | undefined {
  if (peer.ipBlock || peer.namespaceSelector === undefined) return undefined;
  return selectorTreeNamespaces(peer.namespaceSelector, tree);
}

/**
 * A peer as the report shows it: `peerText`, and for a namespace selector by label, the tree's
 * Namespaces it selects (`namespaces labelled team=ml (in this tree: ml-a)`), or that none of them
 * is (`namespaces outside this tree labelled team=ml`).
 * @internal
 */
export function resolvedPeerText(peer: any, policyNamespace: string, tree: TreeNamespace[]): string {
  const text = peerText(peer, policyNamespace);
  const selected = peerTreeNamespaces(peer, tree);
  if (selected === undefined) return text;
  if (selected.length === 0) return text.replace(/(^| in )namespaces /, '$1namespaces outside this tree ');
  return `${text} (in this tree: ${selected.join(', ')})`;
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
 * an ingress or egress rule opens (`monitoring → chat:9090`, egress to `0.0.0.0/0`). A peer
 * selecting namespaces by label is resolved against the tree's Namespace objects: the ones it
 * selects are the statement's values and are shown, or it is said to reach namespaces outside
 * the tree only.
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
  const tree = treeNamespaces(objects);
  const flows = (rulePeers: any[] | undefined, ns: string) => (rulePeers?.length ? rulePeers : [undefined]).map((peer) => peer === undefined
    ? { subject: 'anywhere', shown: 'anywhere', selected: [] as string[] }
    : { subject: peerText(peer, ns), shown: resolvedPeerText(peer, ns, tree), selected: peerTreeNamespaces(peer, tree) ?? [] });
  for (const p of policies) {
    const ns = p.metadata?.namespace ?? '';
    const target = selectorText(p.spec?.podSelector, 'every pod');
    for (const rule of p.spec?.ingress ?? []) {
      for (const peer of flows(rule.from, ns)) {
        for (const port of portsOf(rule)) {
          const to = `${target}${port === 'any port' ? ' (any port)' : `:${port}`}`;
          const subject = `${peer.subject} → ${to}`;
          out.push({ topic: 'ingress-flow', namespace: ns, key: `ingress-flow|${ns}|${subject}`, subject, values: peer.selected, text: `${peer.shown} → ${to} (NetworkPolicy ${p.metadata?.name})` });
        }
      }
    }
    for (const rule of p.spec?.egress ?? []) {
      for (const peer of flows(rule.to, ns)) {
        for (const port of portsOf(rule)) {
          const at = `${port === 'any port' ? ' (any port)' : `:${port}`} from ${ns}/${target}`;
          const subject = `egress to ${peer.subject}${at}`;
          out.push({ topic: 'egress-flow', namespace: ns, key: `egress-flow|${ns}|${subject}`, subject, values: peer.selected, text: `egress to ${peer.shown}${at} (NetworkPolicy ${p.metadata?.name})` });
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
