import { admissionStatements } from '../../../src/cli/policy/admission-statements';

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
