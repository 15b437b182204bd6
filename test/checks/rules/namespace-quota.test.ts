import { namespaceQuota } from '../../../src/checks/rules/namespace-quota';
import { recording, ruleFindings } from '../../support/rule-findings';

const ns = { kind: 'Namespace', metadata: { name: 'a' } };
const quota = (hard: object) => ({ kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'a' }, spec: { hard } });
const limits = { kind: 'LimitRange', metadata: { name: 'l', namespace: 'a' }, spec: { limits: [{ type: 'Container' }] } };
const gpuDeployment = {
  kind: 'Deployment',
  metadata: { name: 'd', namespace: 'a' },
  spec: { template: { spec: { containers: [{ name: 'c', resources: { requests: { 'cpu': '1', 'amd.com/gpu': '1' }, limits: { 'amd.com/gpu': '1' } } }] } } },
};

describe('SAI-QUOTA-1', () => {
  test('passes with a quota and a LimitRange that cap the GPUs the workloads request, naming them', () => {
    const [outcome] = namespaceQuota.evaluate([ns, quota({ 'requests.amd.com/gpu': '2', 'count/jobs.batch': '5' }), limits, gpuDeployment]);
    expect(outcome).toStrictEqual({ object: ns, status: 'pass', detail: 'ResourceQuota and LimitRange present; extended resources capped: amd.com/gpu' });
  });

  test('fails without a quota or a LimitRange', () => {
    expect(namespaceQuota.evaluate([ns, limits])[0]).toMatchObject({ status: 'fail', detail: 'no ResourceQuota: GPUs, LoadBalancer and NodePort Services unlimited' });
    expect(namespaceQuota.evaluate([ns, quota({})])[0]).toMatchObject({ status: 'fail', detail: 'no LimitRange: a container that declares no resources runs unbounded' });
  });

  test('fails when the quota does not cap a GPU its workloads request (a quota limits only what it names)', () => {
    expect(namespaceQuota.evaluate([ns, quota({ 'requests.nvidia.com/gpu': '1' }), limits, gpuDeployment])[0])
      .toMatchObject({ status: 'fail', detail: 'the quota does not cap amd.com/gpu, which its workloads request' });
  });

  test('a namespace whose objects record namespaceQuota\'s opt-out is weakened, not failed', () => {
    const ingress = { kind: 'Ingress', metadata: { name: 'i', namespace: 'a', annotations: { 'secure-ai.cdk8s.io/weakened-controls': 'waf.enabled: false; namespaceQuota: ServingNamespaceQuota.unlimitedInsecure()' } } };
    expect(namespaceQuota.evaluate([ns, ingress])[0]).toStrictEqual({
      object: ns, status: 'weakened', detail: 'no ResourceQuota or LimitRange (namespaceQuota: ServingNamespaceQuota.unlimitedInsecure()): GPUs and Service types unlimited',
    });
  });

  test('does not apply to namespaces the output does not create', () => {
    expect(namespaceQuota.evaluate([quota({}), limits])).toStrictEqual([]);
  });
});

describe('SAI-QUOTA-1 judges the quota objects, annotations only name the option', () => {
  test('mutant: no quota and no option recorded fails; with namespaceQuota recorded in the namespace it is weakened, naming it', () => {
    expect(namespaceQuota.evaluate([ns, gpuDeployment])[0].status).toBe('fail');
    expect(namespaceQuota.evaluate([ns, gpuDeployment, recording('other', 'namespaceQuota: ServingNamespaceQuota.unlimitedInsecure()')])[0].status).toBe('fail');
    expect(namespaceQuota.evaluate([ns, recording('a', 'namespaceQuota: ServingNamespaceQuota.unlimitedInsecure()')]).map((o) => `${o.status} ${o.detail}`))
      .toStrictEqual(['weakened no ResourceQuota or LimitRange (namespaceQuota: ServingNamespaceQuota.unlimitedInsecure()): GPUs and Service types unlimited']);
  });

  test('a suppression accepts the failure until it expires; then it fails again', () => {
    expect(ruleFindings('SAI-QUOTA-1', [ns], { object: 'Namespace/a', expires: '2027-01-15' })[0]).toMatch(/^suppressed Namespace\/a: no ResourceQuota/);
    expect(ruleFindings('SAI-QUOTA-1', [ns], { object: 'Namespace/a', expires: '2027-01-14' })[0]).toMatch(/^fail Namespace\/a: .*suppression expired on 2027-01-14/);
  });
});
