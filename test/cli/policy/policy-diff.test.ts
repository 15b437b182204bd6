import { effectivePolicy } from '../../../src/cli/policy/effective-policy';
import { policyDiff } from '../../../src/cli/policy/policy-diff';

const ns = (name: string, enforce = 'restricted') => ({ kind: 'Namespace', metadata: { name, labels: { 'pod-security.kubernetes.io/enforce': enforce } } });
const binding = (name: string, namespace: string, roleKind: string, role: string, subject: any) => ({
  kind: 'RoleBinding', metadata: { name, namespace }, roleRef: { kind: roleKind, name: role }, subjects: [subject],
});
const scrape = (port: number) => ({
  kind: 'NetworkPolicy',
  metadata: { name: 'scrape', namespace: 'llm-serving' },
  spec: {
    podSelector: { matchLabels: { 'app.kubernetes.io/name': 'chat' } },
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ port, protocol: 'TCP' }] }],
  },
});
const waf = (mode: string) => ({ kind: 'ConfigMap', metadata: { name: 'llm-waf-rules', namespace: 'ingress-nginx' }, data: { 'llm-waf.conf': `# SecRuleEngine Off in a comment does not count\nSecRuleEngine ${mode}\n` } });
const diff = (base: any[], head: any[]) => policyDiff(effectivePolicy(base), effectivePolicy(head));

test('a group gains pods/exec through a Role; a built-in ClusterRole bound in a namespace grants what it grants', () => {
  const role = (verbs: string[]) => ({ kind: 'Role', metadata: { name: 'ml', namespace: 'claims-finetune' }, rules: [{ apiGroups: [''], resources: ['pods/exec'], verbs }] });
  const group = { kind: 'Group', name: 'ml-team' };
  const base = [role(['get']), binding('ml', 'claims-finetune', 'Role', 'ml', group)];
  expect(diff(base, [role(['get', 'create']), binding('ml', 'claims-finetune', 'Role', 'ml', group)])).toStrictEqual([
    'group ml-team gains pods/exec (create) in claims-finetune',
    'Role ml gains create on pods/exec in claims-finetune',
  ]);
  const edit = diff([], [binding('b', 'claims-finetune', 'ClusterRole', 'edit', { kind: 'User', name: 'alice' })]);
  expect(edit).toContain('user alice gains pods/exec (create, delete, deletecollection, get, list, patch, update, watch) in claims-finetune');
  expect(edit).toContain('user alice gains secrets (create, delete, deletecollection, get, list, patch, update, watch) in claims-finetune');
});

test('an aggregated ClusterRole in the tree adds to the built-in role it aggregates into', () => {
  const sa = { kind: 'ServiceAccount', name: 'bot', namespace: 'ops' };
  const base = [binding('v', 'ops', 'ClusterRole', 'view', sa)];
  const aggregated = { kind: 'ClusterRole', metadata: { name: 'crds-view', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }, rules: [{ apiGroups: ['serving.example'], resources: ['models'], verbs: ['get'] }] };
  expect(diff(base, [...base, aggregated])).toStrictEqual([
    'serviceaccount ops/bot gains models.serving.example (get) in ops',
    'ClusterRole crds-view gains get on models.serving.example',
  ]);
  expect(diff([], [{ kind: 'ClusterRoleBinding', metadata: { name: 'root' }, roleRef: { kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [sa] }]))
    .toStrictEqual(['serviceaccount ops/bot gains * (*) in every namespace', 'serviceaccount ops/bot gains url * (*) in every namespace']);
});

test('a flow opened, a default deny removed, egress to everywhere, a WAF switched, Pod Security lowered, an admission policy dropped, an opt-out', () => {
  const deny = { kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'llm-serving' }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } };
  const egress = { kind: 'NetworkPolicy', metadata: { name: 'out', namespace: 'llm-serving' }, spec: { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'chat' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] } };
  const vap = { kind: 'ValidatingAdmissionPolicy', metadata: { name: 'no-exec' }, spec: { validations: [{ expression: 'false' }], matchConstraints: { resourceRules: [{ resources: ['pods/exec'] }] } } };
  const vapb = (actions: string[]) => ({ kind: 'ValidatingAdmissionPolicyBinding', metadata: { name: 'no-exec' }, spec: { policyName: 'no-exec', validationActions: actions } });
  const optOut = { ...ns('llm-serving', 'baseline'), metadata: { ...ns('llm-serving', 'baseline').metadata, annotations: { 'secure-ai.cdk8s.io/weakened-controls': 'waf.enabled: false' } } };
  const base = [ns('llm-serving'), deny, scrape(8000), waf('On'), vap, vapb(['Deny'])];
  const head = [optOut, scrape(9090), egress, waf('DetectionOnly'), vap, vapb(['Warn'])];
  expect(diff(base, head)).toStrictEqual([
    'WAF switched to detection (was blocking): ConfigMap llm-waf-rules in ingress-nginx',
    'monitoring → chat:9090 opened in llm-serving',
    'egress to 0.0.0.0/0 (any port) opened from llm-serving/chat',
    'Pod Security enforce in llm-serving: restricted → baseline',
    'admission policy no-exec in every namespace: Deny → Warn',
    'opt-out waf.enabled: false added in llm-serving',
    'default-deny removed from llm-serving',
    'monitoring → chat:8000 closed in llm-serving',
  ]);
  expect(diff(head, head)).toStrictEqual([]);
});

test('an admission binding selecting namespaces by label: its scope as it selects; a widened selector is a binding removed and one added', () => {
  const vap = { kind: 'ValidatingAdmissionPolicy', metadata: { name: 'no-exec' }, spec: { validations: [{ expression: 'false' }] } };
  const vapb = (actions: string[], matchLabels: { [k: string]: string }) => ({
    kind: 'ValidatingAdmissionPolicyBinding', metadata: { name: 'b' }, spec: { policyName: 'no-exec', validationActions: actions, matchResources: { namespaceSelector: { matchLabels } } },
  });
  expect(diff([vap, vapb(['Deny'], { 'kubernetes.io/metadata.name': 'ml-a' })], [vap, vapb(['Deny'], { team: 'ml' })])).toStrictEqual([
    'admission policy no-exec added (Deny) in namespaces labelled team=ml',
    'admission policy no-exec removed from ml-a',
  ]);
  expect(diff([vap, vapb(['Deny'], { team: 'ml' })], [vap, vapb(['Warn'], { team: 'ml' })])).toStrictEqual(['admission policy no-exec in namespaces labelled team=ml: Deny → Warn']);
  expect(diff([vap, vapb(['Deny'], { team: 'ml', env: 'prod' })], [vap, vapb(['Deny'], { team: 'ml' })])).toStrictEqual([
    'admission policy no-exec added (Deny) in namespaces labelled team=ml',
    'admission policy no-exec removed from namespaces labelled team=ml, env=prod',
  ]);
});

test('a route: exposed, its authentication changed, no longer exposed', () => {
  const ingress = (annotations: { [k: string]: string }, host = 'chat.example.com') => ({
    kind: 'Ingress',
    metadata: { name: 'chat', namespace: 'llm', annotations },
    spec: { tls: [{ hosts: [host] }], rules: [{ host, http: { paths: [{ path: '/v1', backend: { service: { name: 'chat', port: { number: 8000 } } } }] } }] },
  });
  expect(diff([], [ingress({})])).toStrictEqual(['chat.example.com/v1 exposed (→ chat:8000; TLS yes; authentication: none; limits: none; WAF: none seen) in llm']);
  expect(diff([ingress({ 'nginx.ingress.kubernetes.io/auth-url': 'http://auth.llm.svc' })], [ingress({})]))
    .toStrictEqual(['chat.example.com/v1 in llm: authentication: external auth service → authentication: none']);
  expect(diff([ingress({})], [ingress({}, 'other.example.com')])).toStrictEqual([
    'other.example.com/v1 exposed (→ chat:8000; TLS yes; authentication: none; limits: none; WAF: none seen) in llm',
    'chat.example.com/v1 no longer exposed in llm',
  ]);
});

test('a grant widened from named objects to the whole resource, and narrowed back, is said in plain words', () => {
  const role = (rules: any[]) => ({ kind: 'Role', metadata: { name: 'cfg', namespace: 'llm' }, rules });
  const named = { apiGroups: [''], resources: ['configmaps'], resourceNames: ['a', 'b'], verbs: ['get', 'update'] };
  const all = { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] };
  const bound = binding('cfg', 'llm', 'Role', 'cfg', { kind: 'User', name: 'u' });
  const base = [role([named]), bound];
  const head = [role([named, all]), bound];
  expect(diff(base, head)).toStrictEqual([
    'user u: get on configmaps widened from the objects named a, b to every object in llm',
    'Role cfg: get on configmaps widened from the objects named a, b to every object in llm',
  ]);
  expect(diff(head, base)).toStrictEqual([
    'user u: get on configmaps narrowed from every object to the objects named a, b in llm',
    'Role cfg: get on configmaps narrowed from every object to the objects named a, b in llm',
  ]);
  expect(diff(base, [role([{ ...named, resourceNames: ['a', 'b', 'c'] }]), bound])).toStrictEqual([
    'user u gains configmaps named a, b, c (get, update) in llm',
    'Role cfg gains get, update on configmaps named a, b, c in llm',
    'user u loses configmaps named a, b (get, update) in llm',
    'Role cfg loses get, update on configmaps named a, b in llm',
  ]);
});

test('a namespace labelled into a flow\'s namespace selector is a change of that flow', () => {
  const team = (labels: { [k: string]: string }) => ({ kind: 'Namespace', metadata: { name: 'ml-a', labels } });
  const policy = {
    kind: 'NetworkPolicy',
    metadata: { name: 'from-ml', namespace: 'llm-serving' },
    spec: { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'ml' } } }], ports: [{ port: 8000 }] }] },
  };
  expect(diff([policy, team({})], [policy, team({ team: 'ml' })])).toStrictEqual([
    'namespaces labelled team=ml → every pod:8000 in llm-serving now selects, of this tree\'s namespaces, ml-a (was none)',
  ]);
});
