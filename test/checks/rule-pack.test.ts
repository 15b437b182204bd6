import { CheckStatus, SecurityReport } from '../../src';
import { RULE_PACK } from '../../src/checks/rule-pack';

const NS = 'team-a';
const ns = (labels: { [k: string]: string } = { 'pod-security.kubernetes.io/enforce': 'restricted' }) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS, labels } });
const role = (rules: any[]) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r', namespace: NS }, rules });
const egress = (cidr: string) => ({ kind: 'NetworkPolicy', metadata: { name: 'out', namespace: NS }, spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr } }] }] } });
const container = (securityContext: any) => ({
  name: 'm',
  image: `registry.example/m@sha256:${'a'.repeat(64)}`,
  securityContext: { runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' }, ...securityContext },
});
const deployment = (securityContext: any = {}) => ({
  kind: 'Deployment',
  metadata: { name: 'm', namespace: NS },
  spec: { template: { spec: { automountServiceAccountToken: false, containers: [container(securityContext)] } } },
});
const ingress = (annotations: { [k: string]: string }) => ({ kind: 'Ingress', metadata: { name: 'i', namespace: NS, annotations } });
const controller = (data: { [k: string]: string }) => ({
  kind: 'ConfigMap', metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx', annotations: { 'secure-ai.cdk8s.io/controller-wide-settings': 'use-forwarded-headers' } }, data,
});

/** Per rule: a compliant tree, and a mutant of it that the rule must flag (with the status it must give). */
const CASES: { id: string; object: string; compliant: any[]; mutant: any[]; status: CheckStatus }[] = [
  { id: 'SAI-PSA-1', object: `Namespace/${NS}`, compliant: [ns()], mutant: [ns({})], status: CheckStatus.FAIL },
  {
    id: 'SAI-NET-1',
    object: `Namespace/${NS}`,
    compliant: [ns(), { kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: NS }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } }],
    mutant: [ns(), { kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: NS }, spec: { podSelector: {}, policyTypes: ['Ingress'] } }],
    status: CheckStatus.FAIL,
  },
  {
    id: 'SAI-QUOTA-1',
    object: `Namespace/${NS}`,
    compliant: [ns(), { kind: 'ResourceQuota', metadata: { name: 'q', namespace: NS }, spec: { hard: { pods: '10' } } }, { kind: 'LimitRange', metadata: { name: 'l', namespace: NS } }],
    mutant: [ns(), { kind: 'ResourceQuota', metadata: { name: 'q', namespace: NS }, spec: { hard: { pods: '10' } } }],
    status: CheckStatus.FAIL,
  },
  { id: 'SAI-NET-2', object: `NetworkPolicy/${NS}/out`, compliant: [egress('10.0.0.0/8')], mutant: [egress('0.0.0.0/0')], status: CheckStatus.FAIL },
  {
    id: 'SAI-RBAC-1',
    object: `Role/${NS}/r`,
    compliant: [role([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }])],
    mutant: [role([{ apiGroups: [''], resources: ['pods'], verbs: ['*'] }])],
    status: CheckStatus.FAIL,
  },
  {
    id: 'SAI-RBAC-2',
    object: `Role/${NS}/r`,
    compliant: [role([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }])],
    mutant: [role([{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }])],
    status: CheckStatus.FAIL,
  },
  { id: 'SAI-POD-1', object: `Deployment/${NS}/m`, compliant: [deployment()], mutant: [deployment({ privileged: true })], status: CheckStatus.FAIL },
  { id: 'SAI-EDGE-1', object: `Ingress/${NS}/i`, compliant: [ingress({})], mutant: [ingress({ 'nginx.ingress.kubernetes.io/configuration-snippet': 'x' })], status: CheckStatus.FAIL },
  {
    id: 'SAI-EDGE-3',
    object: 'ConfigMap/ingress-nginx/ingress-nginx-controller',
    compliant: [controller({ 'use-forwarded-headers': 'true', 'proxy-real-ip-cidr': '10.0.0.0/16' })],
    mutant: [controller({ 'use-forwarded-headers': 'true' })],
    status: CheckStatus.FAIL,
  },
  {
    id: 'SAI-EDGE-4',
    object: `Ingress/${NS}/i`,
    // Its controller's ConfigMap in the output, or not: the content decides, not the record.
    compliant: [ingress({}), controller({ 'use-forwarded-headers': 'false' })],
    mutant: [ingress({})],
    status: CheckStatus.WARNING,
  },
  {
    id: 'SAI-OPT-1',
    object: `Ingress/${NS}/i`,
    compliant: [ingress({})],
    mutant: [ingress({ 'secure-ai.cdk8s.io/weakened-controls': 'waf.enabled: false' })],
    status: CheckStatus.WEAKENED,
  },
];

const of = (objects: any[], id: string, options = {}) => SecurityReport.fromManifests(objects, options).findings.filter((f) => f.ruleId === id);

describe.each(CASES)('$id', ({ id, object, compliant, mutant, status }) => {
  test('compliant: no finding other than a pass', () => {
    expect(of(compliant, id).filter((f) => f.status !== CheckStatus.PASS)).toStrictEqual([]);
  });
  test('mutant: flagged on the object', () => {
    const flagged = of(mutant, id).filter((f) => f.status !== CheckStatus.PASS);
    expect(flagged.map((f) => `${f.status.value} ${f.object}`)).toStrictEqual([`${status.value} ${object}`]);
  });
  test('suppressed until a date: shown as suppressed with the reason, not failed', () => {
    const suppressions = [{ ruleId: id, object, reason: 'accepted for the migration', expires: '2027-01-31' }];
    const report = SecurityReport.fromManifests(mutant, { suppressions, asOf: '2027-01-31' });
    const f = report.findings.filter((x) => x.ruleId === id && x.status !== CheckStatus.PASS);
    expect(f.map((x) => x.status)).toStrictEqual([CheckStatus.SUPPRESSED]);
    expect(f[0].detail).toMatch(/\(suppressed until 2027-01-31: accepted for the migration\)$/);
    expect(report.findings.some((x) => x.ruleId === id && x.status === CheckStatus.FAIL)).toBe(false);
    expect(report.toMarkdown()).toContain('## Suppressed, with a reason, until the date shown');
  });
  test('expired suppression: fails, and the report shows the expiry', () => {
    const suppressions = [{ ruleId: id, reason: 'accepted for the migration', expires: '2027-01-31' }];
    const report = SecurityReport.fromManifests(mutant, { suppressions, asOf: '2027-02-01' });
    const f = report.findings.filter((x) => x.ruleId === id && x.status !== CheckStatus.PASS);
    expect(f.map((x) => x.status)).toStrictEqual([CheckStatus.FAIL]);
    expect(report.passed).toBe(false);
    expect(report.toMarkdown()).toContain('(suppression expired on 2027-01-31: accepted for the migration)');
  });
});

test('SAI-EDGE-2 only names controller-wide settings: it passes whatever they are', () => {
  expect(of([controller({ 'use-forwarded-headers': 'true' })], 'SAI-EDGE-2').map((f) => f.status)).toStrictEqual([CheckStatus.PASS]);
});

test('every rule of the pack has a severity, an explanation and a fix, and a case above unless informational', () => {
  for (const rule of RULE_PACK) {
    expect(rule.explanation.length).toBeGreaterThan(20);
    expect(rule.fix.length).toBeGreaterThan(10);
    expect(['error', 'warning', 'note']).toContain(rule.severity.value);
  }
  expect(RULE_PACK.map((r) => r.id).filter((id) => !CASES.some((c) => c.id === id))).toStrictEqual(['SAI-EDGE-2']);
});

test('a suppression applies only to the object it names', () => {
  const suppressions = [{ ruleId: 'SAI-RBAC-1', object: `Role/${NS}/other`, reason: 'not this one', expires: '2099-01-01' }];
  expect(of([role([{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }])], 'SAI-RBAC-1', { suppressions }).map((f) => f.status)).toStrictEqual([CheckStatus.FAIL]);
});
