/**
 * The CLI report's connectivity statements (`ingress-flow`, `egress-flow`, `default-deny`) read back
 * onto the intent's stand-in pods and external addresses: which connections the report says are
 * allowed between two endpoints, in the analyzer's terms (`all`, or `PROTO port[-port]` items).
 */
import { ExternalEndpoint, StandIn } from './intent';
import { ipBlockContains } from './netpol-output';

/** One report statement as the JSON report gives it. */
export interface ReportStatement {
  readonly namespace: string | null;
  readonly topic: string;
  readonly subject: string;
}

export type Endpoint = { kind: 'pod'; s: StandIn } | { kind: 'ip'; e: ExternalEndpoint };

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
/** Per protocol, sorted disjoint port intervals. */
export type PortSet = Map<string, [number, number][]>;

function merge(iv: [number, number][]): [number, number][] {
  const s = [...iv].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of s) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function union(a: PortSet, b: PortSet): PortSet {
  const out: PortSet = new Map();
  for (const p of PROTOCOLS) {
    const m = merge([...(a.get(p) ?? []), ...(b.get(p) ?? [])]);
    if (m.length) out.set(p, m);
  }
  return out;
}

function intersect(a: PortSet, b: PortSet): PortSet {
  const out: PortSet = new Map();
  for (const p of PROTOCOLS) {
    const r: [number, number][] = [];
    for (const [a0, a1] of a.get(p) ?? []) {
      for (const [b0, b1] of b.get(p) ?? []) {
        const lo = Math.max(a0, b0); const hi = Math.min(a1, b1);
        if (lo <= hi) r.push([lo, hi]);
      }
    }
    if (r.length) out.set(p, merge(r));
  }
  return out;
}

export const ALL_PORTS: PortSet = new Map(PROTOCOLS.map(p => [p, [[1, 65535]] as [number, number][]]));

/** `all`, `none`, or sorted `PROTO lo[-hi]` items joined by `, ` (a whole protocol is `PROTO`). */
export function portSetText(s: PortSet): string {
  if (PROTOCOLS.every(p => (s.get(p) ?? []).length === 1 && s.get(p)![0][0] === 1 && s.get(p)![0][1] === 65535)) return 'all';
  const items: string[] = [];
  for (const p of PROTOCOLS) {
    for (const [lo, hi] of s.get(p) ?? []) items.push(lo === 1 && hi === 65535 ? p : lo === hi ? `${p} ${lo}` : `${p} ${lo}-${hi}`);
  }
  return items.length === 0 ? 'none' : items.sort().join(', ');
}

/** The analyzer's normalised connections (see normaliseConns) as a port set; undefined when unreadable. */
export function analyzerPortSet(conns: string): PortSet | undefined {
  if (conns === 'all') return ALL_PORTS;
  if (conns === 'none') return new Map();
  let out: PortSet = new Map();
  for (const item of conns.split(', ')) {
    const m = /^(TCP|UDP|SCTP)(?: (\d+)(?:-(\d+))?)?$/.exec(item);
    if (!m) return undefined;
    const lo = m[2] ? Number(m[2]) : 1;
    const hi = m[3] ? Number(m[3]) : m[2] ? lo : 65535;
    out = union(out, new Map([[m[1], [[lo, hi]]]]));
  }
  return out;
}

/** A report port text (`443`, `53/UDP`, `8000-8080`, `any port`, `any port/UDP`) as a port set. */
export function reportPortSet(text: string): PortSet | undefined {
  const m = /^(any port|\d+)(?:-(\d+))?(?:\/(TCP|UDP|SCTP))?$/.exec(text);
  if (!m) return undefined;
  const proto = m[3] ?? 'TCP';
  if (m[1] === 'any port') return new Map([[proto, [[1, 65535]]]]);
  const lo = Number(m[1]);
  return new Map([[proto, [[lo, m[2] ? Number(m[2]) : lo]]]]);
}

/** Whether a report selector text (`every pod`, `vllm`, `k=v, k2 in a,b`) selects these labels. */
export function selectorTextMatches(text: string, labels: { [k: string]: string }, everything: string): boolean {
  if (text === everything) return true;
  return text.split(', ').every(part => {
    const expr = /^(\S+) (in|notin|exists|doesnotexist)(?: (.*))?$/.exec(part);
    if (expr) {
      const values = (expr[3] ?? '').split(',');
      const has = Object.prototype.hasOwnProperty.call(labels, expr[1]);
      switch (expr[2]) {
        case 'in': return has && values.includes(labels[expr[1]]);
        case 'notin': return !has || !values.includes(labels[expr[1]]);
        case 'exists': return has;
        default: return !has;
      }
    }
    const eq = part.indexOf('=');
    if (eq > 0) return labels[part.slice(0, eq)] === part.slice(eq + 1);
    return labels['app.kubernetes.io/name'] === part || labels.app === part;
  });
}

function namespaceLabels(s: StandIn): { [k: string]: string } {
  return { ...(s.namespaceLabels ?? {}), 'kubernetes.io/metadata.name': s.namespace };
}

/**
 * Whether a report namespace selector text (`namespaces labelled k=v, k2=v2 where k3 in (a, b) and
 * k4 is set`) selects these namespace labels; undefined when it cannot be read.
 */
export function namespaceSelectorTextMatches(text: string, labels: { [k: string]: string }): boolean | undefined {
  const m = /^namespaces(?: labelled (.+?))?(?: where (.+))?$/.exec(text);
  if (!m) return undefined;
  const has = (k: string) => Object.prototype.hasOwnProperty.call(labels, k);
  const pairs = (m[1] ?? '').split(', ').filter(x => x);
  if (!pairs.every(p => p.indexOf('=') > 0 && labels[p.slice(0, p.indexOf('='))] === p.slice(p.indexOf('=') + 1))) return false;
  const results = (m[2] ?? '').split(' and ').filter(x => x).map(e => {
    const set = /^(\S+) (in|not in) \((.*)\)$/.exec(e);
    if (set) {
      const values = set[3].split(', ');
      return set[2] === 'in' ? has(set[1]) && values.includes(labels[set[1]]) : !has(set[1]) || !values.includes(labels[set[1]]);
    }
    const exists = /^(\S+) is (not )?set$/.exec(e);
    return exists ? has(exists[1]) !== (exists[2] !== undefined) : undefined;
  });
  return results.includes(undefined) ? undefined : results.every(x => x);
}

/** Whether a report namespace text (`ns`, `every namespace`, `namespaces labelled k=v`) holds the stand-in's namespace. */
function namespaceTextMatches(text: string, s: StandIn): boolean | undefined {
  if (text === 'every namespace') return true;
  if (text.startsWith('namespaces ')) return namespaceSelectorTextMatches(text, namespaceLabels(s));
  return text === s.namespace;
}

/** Whether a report peer text selects the endpoint; undefined when the text cannot be read back. */
export function peerMatches(peer: string, ep: Endpoint, policyNamespace: string): boolean | undefined {
  if (peer === 'anywhere') return true;
  if (peer === 'nowhere') return false;
  const cidr = /^([0-9a-fA-F:.]+\/\d+)(?: \(except (.*)\))?$/.exec(peer);
  if (cidr) {
    if (ep.kind !== 'ip') return false;
    if (cidr[1].includes(':')) return false;
    const except = (cidr[2] ?? '').split(', ').filter(e => e && !e.includes(':'));
    return ipBlockContains(cidr[1], ep.e.ip) && !except.some(e => ipBlockContains(e, ep.e.ip));
  }
  if (ep.kind === 'ip') return false;
  // `pods in namespaces labelled k=v`, `ns/pods`, `every namespace/pods` or namespaces alone
  const inSelected = peer.indexOf(' in namespaces ');
  if (inSelected > 0) {
    const ns = namespaceTextMatches(peer.slice(inSelected + ' in '.length), ep.s);
    return ns === undefined ? undefined : ns && selectorTextMatches(peer.slice(0, inSelected), ep.s.labels ?? {}, 'every pod');
  }
  const m = /^(every namespace|[a-z0-9]([-a-z0-9]*[a-z0-9])?)\/(.+)$/.exec(peer);
  if (m) return namespaceTextMatches(m[1], ep.s)! && selectorTextMatches(m[3], ep.s.labels ?? {}, 'every pod');
  void policyNamespace;
  return namespaceTextMatches(peer, ep.s);
}

interface Flow { namespace: string; peer: string; target: string; ports: PortSet }

/** The report's flows, read back; statements that cannot be read are returned in `unread`. */
export function reportFlows(statements: ReportStatement[]): { ingress: Flow[]; egress: Flow[]; defaultDeny: Set<string>; unread: string[] } {
  const ingress: Flow[] = []; const egress: Flow[] = []; const defaultDeny = new Set<string>(); const unread: string[] = [];
  const portOf = (rest: string): [string, PortSet | undefined] => {
    if (rest.endsWith(' (any port)')) return [rest.slice(0, -' (any port)'.length), ALL_PORTS];
    const m = /^(.*):(any port(?:\/\w+)?|\d+(?:-\d+)?(?:\/\w+)?)$/.exec(rest);
    return m ? [m[1], reportPortSet(m[2])] : [rest, undefined];
  };
  for (const s of statements) {
    const ns = s.namespace ?? '';
    if (s.topic === 'default-deny') {defaultDeny.add(ns);} else if (s.topic === 'ingress-flow') {
      const arrow = s.subject.indexOf(' → ');
      const [target, ports] = portOf(s.subject.slice(arrow + 3));
      if (arrow < 0 || !ports) unread.push(s.subject);
      else ingress.push({ namespace: ns, peer: s.subject.slice(0, arrow), target, ports });
    } else if (s.topic === 'egress-flow') {
      const m = /^egress to (.*) from ([a-z0-9-]+)\/(.+)$/.exec(s.subject);
      const [peer, ports] = m ? portOf(m[1]) : ['', undefined];
      if (!m || !ports) unread.push(s.subject);
      else egress.push({ namespace: m[2], peer, target: m[3], ports });
    }
  }
  return { ingress, egress, defaultDeny, unread };
}

/**
 * The connections the report says are allowed from a to b: a's egress (unrestricted when nothing
 * in the report isolates a) intersected with b's ingress. Undefined when a statement that applies
 * could not be read back.
 */
export function reportedConns(flows: ReturnType<typeof reportFlows>, a: Endpoint, b: Endpoint): PortSet | undefined {
  const side = (list: Flow[], self: Endpoint, other: Endpoint): PortSet | undefined => {
    if (self.kind === 'ip') return ALL_PORTS; // no policy governs an address outside the cluster
    const mine = list.filter(f => f.namespace === self.s.namespace && selectorTextMatches(f.target, self.s.labels ?? {}, 'every pod'));
    const isolated = flows.defaultDeny.has(self.s.namespace) || mine.length > 0;
    if (!isolated) return ALL_PORTS;
    let out: PortSet = new Map();
    for (const f of mine) {
      const hit = peerMatches(f.peer, other, f.namespace);
      if (hit === undefined) return undefined;
      if (hit) out = union(out, f.ports);
    }
    return out;
  };
  const eg = side(flows.egress, a, b);
  const ing = side(flows.ingress, b, a);
  if (!eg || !ing) return undefined;
  return intersect(eg, ing);
}
