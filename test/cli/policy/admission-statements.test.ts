import { admissionScope, admissionStatements } from '../../../src/cli/policy/admission-statements';

test('Pod Security labels per namespace; each policy with its binding\'s actions, in the namespace the binding names', () => {
  const objects = [
    { kind: 'Namespace', metadata: { name: 'a', labels: { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted' } } },
    { kind: 'Namespace', metadata: { name: 'b' } },
    { kind: 'ValidatingAdmissionPolicy', metadata: { name: 'p' }, spec: { validations: [{}, {}], matchConstraints: { resourceRules: [{ resources: ['pods', 'services'] }] } } },
    { kind: 'ValidatingAdmissionPolicyBinding', metadata: { name: 'pb' }, spec: { policyName: 'p', validationActions: ['Deny'], matchResources: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'a' } } } } },
    { kind: 'ValidatingAdmissionPolicy', metadata: { name: 'unbound' }, spec: {} },
  ];
  expect(admissionStatements(objects).map((s) => `${s.namespace}: ${s.text}`)).toStrictEqual([
    'a: Pod Security: enforce=restricted, warn=restricted',
    'b: Pod Security: no label (the cluster default applies)',
    'a: ValidatingAdmissionPolicy p (2 validation(s) on pods, services): Deny (binding pb)',
    ': ValidatingAdmissionPolicy unbound: not bound, rejects nothing',
  ]);
});

const vap = (name: string) => ({ kind: 'ValidatingAdmissionPolicy', metadata: { name }, spec: { validations: [{}], matchConstraints: { resourceRules: [{ resources: ['pods'] }] } } });
const binding = (name: string, policyName: string, namespaceSelector?: any) => ({
  kind: 'ValidatingAdmissionPolicyBinding', metadata: { name }, spec: { policyName, validationActions: ['Deny'], ...(namespaceSelector ? { matchResources: { namespaceSelector } } : {}) },
});
const tree = [
  { kind: 'Namespace', metadata: { name: 'ml-a', labels: { team: 'ml', env: 'prod' } } },
  { kind: 'Namespace', metadata: { name: 'ml-b', labels: { team: 'ml', env: 'dev' } } },
  { kind: 'Namespace', metadata: { name: 'web', labels: { env: 'staging' } } },
];
const admissionLines = (objects: any[]) => admissionStatements(objects).filter((s) => s.topic === 'admission').map((s) => `${s.namespace}: ${s.text}`);

test('a binding selecting namespaces by other labels is said as it selects, resolved against the tree\'s Namespaces', () => {
  expect(admissionLines([...tree, vap('p'), binding('pb', 'p', { matchLabels: { team: 'ml' } })])).toStrictEqual([
    ': ValidatingAdmissionPolicy p (1 validation(s) on pods): Deny (binding pb) in namespaces labelled team=ml (in this tree: ml-a, ml-b)',
  ]);
});

test('a binding selecting namespaces by expression, and by the name label with another label, is said as it selects', () => {
  expect(admissionLines([...tree, vap('p'),
    binding('by-expression', 'p', { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'staging'] }, { key: 'gpu', operator: 'DoesNotExist' }] }),
    binding('name-and-label', 'p', { matchLabels: { 'kubernetes.io/metadata.name': 'ml-a', 'team': 'ml' } })])).toStrictEqual([
    ': ValidatingAdmissionPolicy p (1 validation(s) on pods): Deny (binding by-expression) in namespaces where env in (prod, staging) and gpu is not set (in this tree: ml-a, web)',
    ': ValidatingAdmissionPolicy p (1 validation(s) on pods): Deny (binding name-and-label) in namespaces labelled kubernetes.io/metadata.name=ml-a, team=ml (in this tree: ml-a)',
  ]);
});

test('a binding whose selector selects none of the tree\'s Namespaces is said to apply outside the tree; one by name, or with none, as before', () => {
  const statements = admissionStatements([...tree, vap('p'),
    binding('finance', 'p', { matchLabels: { team: 'finance' } }),
    binding('one', 'p', { matchLabels: { 'kubernetes.io/metadata.name': 'web' } }),
    binding('all', 'p'),
    binding('empty', 'p', {})]).filter((s) => s.topic === 'admission');
  expect(statements.map((s) => `${s.namespace}: ${s.text}`)).toStrictEqual([
    ': ValidatingAdmissionPolicy p (1 validation(s) on pods): Deny (binding finance) in namespaces outside this tree labelled team=finance',
    'web: ValidatingAdmissionPolicy p (1 validation(s) on pods): Deny (binding one)',
    ': ValidatingAdmissionPolicy p (1 validation(s) on pods): Deny (binding all)',
    ': ValidatingAdmissionPolicy p (1 validation(s) on pods): Deny (binding empty)',
  ]);
  expect(statements.map(admissionScope)).toStrictEqual(['namespaces labelled team=finance', 'web', '', '']);
});
