import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../../../src/cli/cli';
import { namedResource, rbacStatements } from '../../../src/cli/policy/rbac-statements';
import { ApiClient } from '../api-client';
import { ExampleContext } from '../context';
import { run } from '../kubectl';
import { toYaml } from '../manifests';
import { ConnLine, ipBlockContains, parseConnList } from '../netpol-output';
import { parseResource } from '../rbac-matrix';
import { CheckResult, newResult } from '../report';
import { analyzerPortSet, Endpoint, portSetText, reportedConns, reportFlows, ReportStatement } from '../report-connectivity';
import { analyzerInput } from './network';

/** `cdk8s-secure-ai report <dir> --format json`, in process. */
export function cliReportJson(dir: string): any {
  let out = '';
  let err = '';
  const code = runCli(['report', dir, '--format', 'json'], { stdout: t => { out += t; }, stderr: t => { err += t; } });
  if (code === 2) throw new Error(`cdk8s-secure-ai report ${dir} failed: ${err.trim()}`);
  return JSON.parse(out);
}

/** Every statement of a JSON report, with its namespace. */
export function reportStatements(report: any): (ReportStatement & { values: string[] })[] {
  return (report.namespaces ?? []).flatMap((n: any) => (n.statements ?? []).map((s: any) => ({ ...s, namespace: n.namespace })));
}

function epName(ep: Endpoint): string {
  return ep.kind === 'pod' ? `${ep.s.namespace}/${ep.s.name}` : `${ep.e.name} (${ep.e.ip})`;
}

function analyzerMatches(ep: Endpoint, analyzerName: string): boolean {
  if (ep.kind === 'pod') return analyzerName === `${ep.s.namespace}/${ep.s.name}[Pod]`;
  return ipBlockContains(analyzerName, ep.e.ip);
}

function analyzerConns(lines: ConnLine[], a: Endpoint, b: Endpoint): string {
  const found = lines.filter(l => analyzerMatches(a, l.src) && analyzerMatches(b, l.dst)).map(l => l.conns);
  if (found.includes('all')) return 'all';
  return found.length === 0 ? 'none' : found.join(', ');
}

/** What one connectivity comparison runs on: a tree's analyzer input, endpoints and namespaces. */
export interface ConnectivityInput {
  /** The Namespaces, NetworkPolicies and pods netpol-analyzer reads. */
  readonly analyzerDocs: any[];
  /** The endpoints compared pairwise; pods carry their namespace's labels. */
  readonly endpoints: Endpoint[];
  /** The namespaces whose policies govern a pair: a pair with neither end in one is skipped. */
  readonly governed: Set<string>;
  /** A scratch directory for the analyzer's input. */
  readonly dir: string;
}

/**
 * For every ordered pair of endpoints with an end in a governed namespace, the connections the
 * report's NetworkPolicy statements allow equal the ones netpol-analyzer, run now on the same
 * objects, finds. Returns the number of pairs compared.
 */
export function compareConnectivityOn(input: ConnectivityInput, statements: ReportStatement[], r: CheckResult, label: string): number {
  fs.mkdirSync(input.dir, { recursive: true });
  fs.writeFileSync(path.join(input.dir, 'input.yaml'), input.analyzerDocs.map(d => toYaml(d)).join('---\n'));
  const res = run('netpolicy', ['list', '--dirpath', input.dir, '-o', 'txt']);
  if (res.code !== 0) {
    r.error = `netpolicy list failed (${res.code}): ${res.stderr.trim()}`;
    return 0;
  }
  const lines = parseConnList(res.stdout);
  const flows = reportFlows(statements);
  for (const u of flows.unread) r.failures.push(`${label}: report statement "${u}" cannot be read back as a flow`);
  const governed = (ep: Endpoint) => ep.kind === 'pod' && input.governed.has(ep.s.namespace);
  let compared = 0;
  for (const a of input.endpoints) {
    for (const b of input.endpoints) {
      if (a === b || (a.kind === 'ip' && b.kind === 'ip') || (!governed(a) && !governed(b))) continue;
      const reported = reportedConns(flows, a, b);
      const analyzedText = analyzerConns(lines, a, b);
      const analyzed = analyzerPortSet(analyzedText);
      compared++;
      const want = analyzed ? portSetText(analyzed) : analyzedText;
      const got = reported ? portSetText(reported) : 'unreadable (a statement that applies cannot be read back)';
      if (got === want) r.passed++;
      else r.failures.push(`${label}: connection ${epName(a)} -> ${epName(b)}: the report allows ${got}; netpol-analyzer allows ${want}`);
    }
  }
  return compared;
}

/**
 * Connectivity: for every ordered pair of the intent's stand-ins and externals with an end in the
 * example's namespaces, the connections the report's NetworkPolicy statements allow equal the ones
 * netpol-analyzer finds on the same manifests.
 */
export function compareConnectivity(ctx: ExampleContext, statements: ReportStatement[], r: CheckResult, example: string): number {
  const net = ctx.intent.network;
  if (!net) return 0;
  const nsLabels = new Map<string, Record<string, string>>(ctx.objects.filter(o => o.object.kind === 'Namespace')
    .map(o => [o.object.metadata.name, o.object.metadata.labels ?? {}]));
  const endpoints: Endpoint[] = [
    ...net.standIns.map(s => ({ kind: 'pod' as const, s: { ...s, namespaceLabels: { ...(nsLabels.get(s.namespace) ?? {}), ...(s.namespaceLabels ?? {}) } } })),
    ...net.externals.map(e => ({ kind: 'ip' as const, e })),
  ];
  return compareConnectivityOn({
    analyzerDocs: analyzerInput(ctx), endpoints, governed: new Set(ctx.namespaces), dir: path.join(ctx.workDir, 'report-agreement-netpol'),
  }, statements, r, example);
}

/** The user and groups of a report subject (`user x`, `group x`, `serviceaccount ns/name`). */
export function reportSubjectIdentity(subject: string): { user: string; groups: string[] } | undefined {
  const m = /^(user|group|serviceaccount) (.+)$/.exec(subject);
  if (!m) return undefined;
  if (m[1] === 'user') return { user: m[2], groups: ['system:authenticated'] };
  if (m[1] === 'group') return { user: `conformance:member-of:${m[2]}`, groups: [m[2], 'system:authenticated'] };
  const [ns, name] = m[2].split('/');
  return { user: `system:serviceaccount:${ns}:${name}`, groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'] };
}

/** May subject do verb on resource in scope (on the object `name`, when set)? */
interface Question { subject: string; scope: string; verb: string; resource: string; name?: string; claimed: boolean }

function questionText(q: Question): string {
  return `${q.subject} ${q.verb} ${q.resource}${q.name !== undefined ? ` named ${q.name}` : ''} in ${q.scope === '' ? 'cluster scope' : `namespace ${q.scope}`}`;
}

/** The object name asked about next to a named grant's objects: none of them. */
export const UNNAMED_OBJECT = 'conformance-unnamed-object';

/** A SubjectAccessReview for one question; `url /path` resources are non-resource requests. */
export function reviewOf(q: Question): any {
  const id = reportSubjectIdentity(q.subject)!;
  if (q.resource.startsWith('url ')) {
    return { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { ...id, nonResourceAttributes: { path: q.resource.slice(4), verb: q.verb } } };
  }
  const r = parseResource(q.resource);
  return {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SubjectAccessReview',
    spec: {
      ...id,
      resourceAttributes: {
        namespace: q.scope,
        verb: q.verb,
        group: r.group,
        resource: r.resource,
        subresource: r.subresource,
        ...(q.name !== undefined ? { name: q.name } : {}),
      },
    },
  };
}

/** What the report says is NOT granted, sampled: reading Secrets, exec into pods, anything on anything. */
const DENIED_SAMPLE: { verb: string; resource: string }[] = [
  { verb: 'get', resource: 'secrets' },
  { verb: 'create', resource: 'pods/exec' },
  { verb: '*', resource: '*.*' },
];

/**
 * Whether the report's grants of a subject cover verb on resource in scope (a cluster-wide grant
 * covers every namespace); a grant limited to named objects covers a request for one of them only.
 */
export function claimedByReport(grants: (ReportStatement & { values: string[] })[], subject: string, scope: string,
  verb: string, resource: string, name?: string): boolean {
  return grants.some(g => {
    const [s, text] = g.subject.split('|');
    if (s !== subject || ((g.namespace ?? '') !== scope && (g.namespace ?? '') !== '')) return false;
    const { resource: res, names } = namedResource(text);
    if (names !== undefined && (name === undefined || !names.includes(name))) return false;
    const wanted = parseResource(resource); const have = parseResource(res);
    const covers = (h: string, w: string) => h === '*' || h === w;
    return covers(have.group, wanted.group) && covers(have.resource, wanted.resource) && have.subresource === wanted.subresource
      && (g.values.includes('*') || g.values.includes(verb));
  });
}

/**
 * The questions a grant of the report raises: each verb it says is granted; for a grant limited
 * to named objects, each verb on each of them and on an object of another name, which is granted
 * only when the report says so of the whole resource.
 */
export function grantQuestions(grants: (ReportStatement & { values: string[] })[], g: ReportStatement & { values: string[] }): Question[] {
  const [subject, text] = g.subject.split('|');
  const scope = g.namespace ?? '';
  const { resource, names } = namedResource(text);
  if (names === undefined) return g.values.map(verb => ({ subject, scope, verb, resource, claimed: true }));
  return g.values.flatMap(verb => [
    ...names.map(name => ({ subject, scope, verb, resource, name, claimed: true })),
    { subject, scope, verb, resource, name: UNNAMED_OBJECT, claimed: claimedByReport(grants, subject, scope, verb, resource, UNNAMED_OBJECT) },
  ]);
}

/**
 * RBAC: every verb the report says a subject is granted on a resource in a namespace (or cluster
 * scope) is allowed by the API server's SubjectAccessReview, on the named objects only when the
 * report names them (an object of another name is asked too); a sample of what it says is not
 * granted (secrets get, pods/exec create, `*` on `*`) is denied.
 */
export async function compareRbac(ctx: ExampleContext, statements: (ReportStatement & { values: string[] })[],
  r: CheckResult, example: string, deniedSample: { verb: string; resource: string }[] = DENIED_SAMPLE): Promise<number> {
  const grants = statements.filter(s => s.topic === 'grant' && !s.values.includes('unknown'));
  const questions: Question[] = [];
  for (const g of grants) {
    const subject = g.subject.split('|')[0];
    if (!reportSubjectIdentity(subject)) {
      r.failures.push(`${example}: report subject "${subject}" is not a user, group or serviceaccount`);
      continue;
    }
    questions.push(...grantQuestions(grants, g));
  }
  const scopes = new Map<string, Set<string>>();
  for (const g of grants) {
    const subject = g.subject.split('|')[0];
    scopes.set(subject, (scopes.get(subject) ?? new Set()).add(g.namespace ?? ''));
  }
  for (const [subject, set] of scopes) {
    if (!reportSubjectIdentity(subject)) continue;
    for (const scope of set) {
      for (const d of deniedSample) {
        if (claimedByReport(grants, subject, scope, d.verb, d.resource)) continue;
        questions.push({ subject, scope, verb: d.verb, resource: d.resource, claimed: false });
      }
    }
  }
  const answers = await ApiClient.mapLimit(questions, 8, async q => {
    const res = await ctx.api.request('POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', reviewOf(q));
    if (res.status !== 201 && res.status !== 200) throw new Error(`SubjectAccessReview failed (${res.status}): ${JSON.stringify(res.body)}`);
    return res.body.status?.allowed === true;
  });
  questions.forEach((q, i) => {
    if (answers[i] === q.claimed) r.passed++;
    else if (q.claimed) r.failures.push(`${example}: RBAC ${questionText(q)}: the report says granted; the API server denies it`);
    else r.failures.push(`${example}: RBAC ${questionText(q)}: the report says not granted; the API server allows it`);
  });
  return questions.length;
}

/**
 * The built-in ClusterRoles the suite binds in an example's namespace, one user each, to probe what
 * the report says they grant: the aggregated `admin`, `edit` and `view`, and two system roles with
 * rules limited by `resourceNames` (the scheduler's own Lease; one ConfigMap).
 */
export const PROBED_BUILT_IN_ROLES = ['admin', 'edit', 'view', 'system:kube-scheduler', 'system:controller:legacy-service-account-token-cleaner'];

/** A RoleBinding of user `conformance:builtin:<role>` to each probed built-in ClusterRole, in namespace. */
export function builtInRoleBindings(namespace: string): any[] {
  return PROBED_BUILT_IN_ROLES.map(role => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: `conformance-builtin-${role.replace(/:/g, '-')}`, namespace },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: `conformance:builtin:${role}` }],
  }));
}

/**
 * What the report says the probe users are granted once the probe bindings are added to the
 * example's objects: the built-in ClusterRoles' generated rules plus the example's ClusterRoles
 * aggregated into them.
 */
export function builtInRoleStatements(objects: any[], namespace: string): (ReportStatement & { values: string[] })[] {
  const bindings = builtInRoleBindings(namespace);
  const users = new Set(bindings.map(b => `user ${b.subjects[0].name}`));
  return rbacStatements([...objects, ...bindings]).filter(s => s.topic === 'grant' && users.has(s.subject.split('|')[0]));
}

/** Resources a built-in role may grant that a summary could miss, asked whether or not the report claims them. */
const BUILT_IN_EXTRA_RESOURCES = ['serviceaccounts/token', 'pods/eviction', 'pods/ephemeralcontainers', 'endpointslices.discovery.k8s.io',
  'horizontalpodautoscalers.autoscaling', 'leases.coordination.k8s.io', 'resourceclaims.resource.k8s.io', 'nodes'];
const BUILT_IN_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'impersonate', 'bind', 'escalate'];

/**
 * What the report must not under-claim for the probe users: every verb on every resource any of
 * them is said to be granted, and on a few more; each one the report does not claim for a user is
 * asked, and the API server must deny it.
 */
export function builtInDeniedSample(statements: ReportStatement[]): { verb: string; resource: string }[] {
  const resources = new Set([...statements.map(s => namedResource(s.subject.split('|')[1]).resource).filter(x => !x.startsWith('url ')), ...BUILT_IN_EXTRA_RESOURCES]);
  return [...resources].sort().flatMap(resource => BUILT_IN_VERBS.map(verb => ({ verb, resource })));
}

async function allowed(ctx: ExampleContext, q: Question): Promise<boolean> {
  const res = await ctx.api.request('POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', reviewOf(q));
  return res.body?.status?.allowed === true;
}

/**
 * Built-in ClusterRoles: binds PROBED_BUILT_IN_ROLES in the example's first namespace (an extra
 * fixture, removed afterwards) and compares what the report says they grant with the API server's
 * SubjectAccessReviews, like the example's own bindings.
 */
export async function compareBuiltInRoles(ctx: ExampleContext, r: CheckResult, example: string): Promise<number> {
  const ns = ctx.namespaces[0];
  if (!ns) return 0;
  const bindings = builtInRoleBindings(ns);
  const base = `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings`;
  for (const b of bindings) {
    const res = await ctx.api.request('POST', base, b);
    if (res.status !== 201 && res.status !== 409) throw new Error(`creating RoleBinding ${ns}/${b.metadata.name} failed (${res.status}): ${JSON.stringify(res.body)}`);
  }
  try {
    const statements = builtInRoleStatements(ctx.objects.map(o => o.object), ns);
    // the authorizer reads bindings from its informer cache: wait until it sees every probe binding
    const firstClaims = bindings.map(b => statements.filter(s => s.subject.startsWith(`user ${b.subjects[0].name}|`)))
      .map(own => own.length > 0 ? grantQuestions(own, own[0])[0] : undefined).filter((q): q is Question => q !== undefined);
    for (let i = 0; i < 50; i++) {
      const seen = await Promise.all(firstClaims.map(q => allowed(ctx, q)));
      if (seen.every(x => x)) break;
      await new Promise(done => setTimeout(done, 200));
    }
    return await compareRbac(ctx, statements, r, example, builtInDeniedSample(statements));
  } finally {
    for (const b of bindings) await ctx.api.request('DELETE', `${base}/${b.metadata.name}`);
  }
}

/**
 * The CLI report (`cdk8s-secure-ai report <dir> --format json`) agrees with the real engines:
 * its connectivity with netpol-analyzer, its RBAC with the API server the suite started, including
 * what the built-in `admin`, `edit`, `view` and two system roles with named rules grant when bound
 * (compareBuiltInRoles).
 */
export async function checkReportAgreement(ctx: ExampleContext, example: string, applied: boolean, report?: any): Promise<CheckResult> {
  const r = newResult('report-agreement');
  const statements = reportStatements(report ?? cliReportJson(ctx.manifestsDir));
  const conns = compareConnectivity(ctx, statements, r, example);
  const rbac = applied ? await compareRbac(ctx, statements, r, example) : 0;
  const builtIn = applied ? await compareBuiltInRoles(ctx, r, example) : 0;
  console.log(`[${example}] report-agreement: ${conns} connection(s) compared with netpol-analyzer, ${rbac} RBAC answer(s) compared with the API server, `
    + `${builtIn} more for the built-in ${PROBED_BUILT_IN_ROLES.join(', ')} bound in ${ctx.namespaces[0] ?? '(no namespace)'}`);
  return r;
}
