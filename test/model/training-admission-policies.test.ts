import { trainingAdmissionPolicies } from '../../src/model/training-admission-policies';

const input = {
  namespace: 'ns',
  registries: ['registry.example.com/ml/'],
  requireDigest: true,
  classification: 'confidential',
  forbiddenServiceAccounts: ['ci-deployer'],
  validationActions: ['Deny', 'Audit'],
  workloadSecrets: [] as string[],
};

describe('trainingAdmissionPolicies', () => {
  test('six policies, each naming itself in its messages', () => {
    const policies = trainingAdmissionPolicies(input);
    expect(policies.map((p) => p.name)).toStrictEqual(['secure-ai-ns-images', 'secure-ai-ns-host-isolation', 'secure-ai-ns-data-classification',
      'secure-ai-ns-immutable-model-config', 'secure-ai-ns-secret-references', 'secure-ai-ns-service-account-tokens']);
    for (const p of policies) {
      for (const v of p.validations) expect(v.message).toContain(`[policy ${p.name}]`);
    }
  });
  test('the digest rule is present only when digests are required', () => {
    expect(trainingAdmissionPolicies(input)[0].validations).toHaveLength(2);
    expect(trainingAdmissionPolicies({ ...input, requireDigest: false })[0].validations).toHaveLength(1);
  });
  test('the deployer identity rule is present only when there is a deployer', () => {
    expect(trainingAdmissionPolicies(input)[1].validations.map((v) => v.expression).join()).toContain("['ci-deployer']");
    expect(trainingAdmissionPolicies({ ...input, forbiddenServiceAccounts: [] })[1].validations).toHaveLength(6);
  });
  test('model-config immutability is bound by label', () => {
    expect(trainingAdmissionPolicies(input)[3].objectLabels).toStrictEqual({ 'secure-ai.cdk8s.io/model-config': 'true' });
  });
  test('pods reference only the listed Secrets', () => {
    const p = trainingAdmissionPolicies({ ...input, workloadSecrets: ['hf-token'] })[4];
    expect(p.variables).toContainEqual({ name: 'allowedSecrets', expression: "['hf-token']" });
    expect(p.validations.map((v) => v.message)).toStrictEqual([
      'volumes may mount only the listed Secrets (hf-token) [policy secure-ai-ns-secret-references]',
      'environment variables may come only from the listed Secrets (hf-token) [policy secure-ai-ns-secret-references]',
    ]);
  });
});

describe('model configuration cannot be deleted and recreated', () => {
  const p = () => trainingAdmissionPolicies(input)[3];
  test('DELETE is matched, and only the namespace controller and the garbage collector may delete', () => {
    expect(p().resourceRules[0].operations).toContain('DELETE');
    const del = p().validations.find((v) => v.expression.includes("request.operation != 'DELETE'"));
    expect(del?.expression).toContain("request.userInfo.username in ['system:serviceaccount:kube-system:namespace-controller', "
      + "'system:serviceaccount:kube-system:generic-garbage-collector', 'system:kube-controller-manager']");
    expect(del?.message).toContain('may not be deleted');
  });
  test('the immutability rule does not read the object of a DELETE (it is null)', () => {
    expect(p().validations[0].expression.startsWith("request.operation == 'DELETE' || ")).toBe(true);
  });
  test('the label cannot be removed to take a ConfigMap out of the policy', () => {
    const keep = p().validations.find((v) => v.message.includes('label'));
    expect(keep?.expression).toContain('oldObject');
  });
});

describe('pods do not run as the default ServiceAccount with its token', () => {
  const rule = () => trainingAdmissionPolicies(input)[1].validations.find((v) => v.message.includes('default ServiceAccount'));
  test('the default account, named or implied, must opt out of the token at pod level', () => {
    expect(rule()?.expression).toContain("variables.serviceAccount != 'default'");
    expect(rule()?.expression).toContain('variables.podSpec.automountServiceAccountToken == false');
    expect(trainingAdmissionPolicies(input)[1].variables.find((v) => v.name === 'serviceAccount')?.expression).toContain("'default'");
  });
  test('present without a deployer too', () => {
    expect(trainingAdmissionPolicies({ ...input, forbiddenServiceAccounts: [] })[1].validations.map((v) => v.message).join())
      .toContain('default ServiceAccount');
  });
});

describe('data classification is checked on workload templates too', () => {
  const p = () => trainingAdmissionPolicies(input)[2];
  test('every pod-bearing workload is matched', () => {
    const resources = p().resourceRules.flatMap((r) => r.resources);
    for (const r of ['pods', 'persistentvolumeclaims', 'deployments', 'statefulsets', 'daemonsets', 'replicasets', 'jobs', 'cronjobs']) {
      expect(resources).toContain(r);
    }
  });
  test('the labels judged are the pod template\'s for a workload', () => {
    const labels = p().variables.find((v) => v.name === 'labels')?.expression ?? '';
    expect(labels).toContain('object.spec.jobTemplate.spec.template.metadata');
    expect(labels).toContain('object.spec.template.metadata');
    expect(p().validations[0].expression).toContain('variables.labels');
  });
});

describe('ServiceAccount token Secrets', () => {
  const p = () => trainingAdmissionPolicies(input).find((x) => x.name === 'secure-ai-ns-service-account-tokens');
  test('creating a Secret of type kubernetes.io/service-account-token is refused but for the cluster\'s administrators', () => {
    expect(p()?.resourceRules).toStrictEqual([{ apiGroups: [''], apiVersions: ['v1'], resources: ['secrets'], operations: ['CREATE', 'UPDATE'] }]);
    expect(p()?.matchConditions?.[0].expression).toContain("object.type == 'kubernetes.io/service-account-token'");
    expect(p()?.validations[0].expression).toContain("'system:masters' in request.userInfo.groups");
    expect(p()?.validations[0].message).toContain('[policy secure-ai-ns-service-account-tokens]');
  });
});
