import { Testing } from 'cdk8s';
import { renderAdmissionPolicies } from '../../src/render/admission-policy';

test('renders a v1 policy with Fail policy and a namespace-scoped binding', () => {
  const chart = Testing.chart();
  renderAdmissionPolicies(chart, [{
    name: 'p',
    description: 'd',
    namespace: 'ns',
    validationActions: ['Deny'],
    resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], resources: ['configmaps'], operations: ['CREATE'] }],
    variables: [],
    validations: [{ expression: 'true', message: 'm' }],
    objectLabels: { a: 'b' },
  }]);
  const [policy, binding] = Testing.synth(chart);
  expect(policy.apiVersion).toBe('admissionregistration.k8s.io/v1');
  expect(policy.spec).toStrictEqual({
    failurePolicy: 'Fail',
    matchConstraints: { resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], resources: ['configmaps'], operations: ['CREATE'], scope: 'Namespaced' }] },
    validations: [{ expression: 'true', message: 'm' }],
  });
  expect(binding.spec).toStrictEqual({
    policyName: 'p',
    validationActions: ['Deny'],
    matchResources: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ns' } }, objectSelector: { matchLabels: { a: 'b' } } },
  });
});
