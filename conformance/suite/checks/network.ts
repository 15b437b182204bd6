import * as fs from 'fs';
import * as path from 'path';
import { ExampleContext } from '../context';
import { ExternalEndpoint, StandIn } from '../intent';
import { run } from '../kubectl';
import { toYaml } from '../manifests';
import { ConnLine, ipBlockContains, normaliseConns, parseConnList } from '../netpol-output';
import { CheckResult, newResult } from '../report';

const STAND_IN_IMAGE = 'registry.invalid/conformance/stand-in:1';

function standInPod(s: StandIn): any {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: s.name, namespace: s.namespace, labels: s.labels },
    spec: { containers: [{ name: 'main', image: STAND_IN_IMAGE, ports: s.ports ?? [] }] },
  };
}

/** The namespaces and pods the analyzer sees: the example's policies plus the stand-ins. */
export function analyzerInput(ctx: ExampleContext): any[] {
  const net = ctx.intent.network!;
  const docs: any[] = [];
  const nsSeen = new Set<string>();
  for (const m of ctx.objects) {
    const o = m.object;
    if (o.kind === 'Namespace') {
      nsSeen.add(o.metadata.name);
      // the API server adds kubernetes.io/metadata.name to every namespace
      docs.push({ ...o, metadata: { ...o.metadata, labels: { ...(o.metadata.labels ?? {}), 'kubernetes.io/metadata.name': o.metadata.name } } });
    } else if (o.kind === 'NetworkPolicy') {
      docs.push(o);
    }
  }
  for (const s of net.standIns) {
    if (!nsSeen.has(s.namespace)) {
      nsSeen.add(s.namespace);
      docs.push({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: s.namespace, labels: { ...(s.namespaceLabels ?? {}), 'kubernetes.io/metadata.name': s.namespace } },
      });
    }
    docs.push(standInPod(s));
  }
  return docs;
}

type Endpoint = { kind: 'pod'; s: StandIn } | { kind: 'ip'; e: ExternalEndpoint };

function matches(ep: Endpoint, analyzerName: string): boolean {
  if (ep.kind === 'pod') return analyzerName === `${ep.s.namespace}/${ep.s.name}[Pod]`;
  return ipBlockContains(analyzerName, ep.e.ip);
}

function epName(ep: Endpoint): string {
  return ep.kind === 'pod' ? ep.s.name : ep.e.name;
}

/** The connections the analyzer found from a to b, normalised (`none` when there are none). */
export function analyzedConns(lines: ConnLine[], a: Endpoint, b: Endpoint): string {
  const found = lines.filter(l => matches(a, l.src) && matches(b, l.dst)).map(l => l.conns);
  return found.length === 0 ? 'none' : normaliseConns(found.map(f => (f === 'all' ? 'All Connections' : f)));
}

/**
 * np-guard netpol-analyzer over the example's NetworkPolicies and Namespaces plus the intent's
 * stand-in pods: for every ordered pair of endpoints with at least one end a stand-in in one of the
 * example's namespaces, the allowed connections equal the declared ones (none when undeclared).
 */
export function checkNetwork(ctx: ExampleContext): CheckResult {
  const r = newResult('network');
  const net = ctx.intent.network;
  if (!net) return r;
  const dir = path.join(ctx.workDir, 'netpol');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'input.yaml'), analyzerInput(ctx).map(d => toYaml(d)).join('---\n'));
  const res = run('netpolicy', ['list', '--dirpath', dir, '-o', 'txt']);
  if (res.code !== 0) {
    r.error = `netpolicy list failed (${res.code}): ${res.stderr.trim()}`;
    return r;
  }
  fs.writeFileSync(path.join(dir, 'connlist.txt'), res.stdout);
  const lines = parseConnList(res.stdout);
  const eps: Endpoint[] = [
    ...net.standIns.map(s => ({ kind: 'pod' as const, s })),
    ...net.externals.map(e => ({ kind: 'ip' as const, e })),
  ];
  const ours = new Set(ctx.namespaces);
  const governed = (ep: Endpoint) => ep.kind === 'pod' && ours.has(ep.s.namespace);
  const declared = new Map<string, string>();
  const byName = new Map(eps.map(e => [epName(e), e]));
  for (const c of net.connections) {
    declared.set(`${c.from}->${c.to}`, normaliseConns(c.ports));
    if (!governed(byName.get(c.from)!) && !governed(byName.get(c.to)!)) {
      r.failures.push(`connection ${c.from} -> ${c.to}: declared, but neither end is in the example's namespaces (${[...ours].join(', ')})`);
    }
  }
  for (const a of eps) {
    for (const b of eps) {
      if (a === b || (a.kind === 'ip' && b.kind === 'ip')) continue;
      // only pairs with an end in the example's namespaces are governed by its policies
      if (!governed(a) && !governed(b)) continue;
      const key = `${epName(a)}->${epName(b)}`;
      const want = declared.get(key) ?? 'none';
      const got = analyzedConns(lines, a, b);
      if (got === want) r.passed++;
      else if (want === 'none') r.failures.push(`connection ${epName(a)} -> ${epName(b)}: EXTRA: allowed ${got}, intent declares none`);
      else if (got === 'none') r.failures.push(`connection ${epName(a)} -> ${epName(b)}: MISSING: denied, intent declares ${want}`);
      else r.failures.push(`connection ${epName(a)} -> ${epName(b)}: allowed ${got}, intent declares ${want}`);
    }
  }
  return r;
}
