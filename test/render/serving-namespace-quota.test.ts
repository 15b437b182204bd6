import { Testing } from 'cdk8s';
import { ServingQuotaModel } from '../../src/model/serving-namespace-quota';
import { renderServingNamespaceQuota, SERVING_LIMIT_RANGE_NAME, SERVING_QUOTA_NAME } from '../../src/render/serving-namespace-quota';
import { validateAgainstKubernetesSchema } from '../support/kubernetes-schema';

const model = (gpus: string, endpoints: string[]): ServingQuotaModel => ({
  hard: { 'requests.nvidia.com/gpu': gpus, 'services.loadbalancers': '0', 'services.nodeports': '1' },
  containerDefaultRequest: { cpu: '100m', memory: '128Mi' },
  containerDefaultLimit: { cpu: '1', memory: '1Gi' },
  containerMax: { cpu: '4', memory: '32Gi' },
  endpoints,
});

describe('renderServingNamespaceQuota', () => {
  test('renders the quota and the LimitRange from the model as it is at synthesis', () => {
    const chart = Testing.chart();
    let current = model('1', ['serving/chat']);
    renderServingNamespaceQuota(chart, 'serving', () => current);
    current = model('3', ['serving/chat', 'serving/embed']);
    const [quota, limits] = Testing.synth(chart);
    expect(quota).toStrictEqual({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: {
        name: SERVING_QUOTA_NAME,
        namespace: 'serving',
        labels: { 'app.kubernetes.io/managed-by': 'cdk8s-secure-ai' },
        annotations: {
          'secure-ai.cdk8s.io/description': expect.stringMatching(/^GPUs for the model workloads of the endpoints listed in secure-ai\.cdk8s\.io\/composed-from/),
          'secure-ai.cdk8s.io/composed-from': 'serving/chat, serving/embed',
        },
      },
      spec: { hard: { 'requests.nvidia.com/gpu': '3', 'services.loadbalancers': '0', 'services.nodeports': '1' } },
    });
    expect(limits.metadata.name).toBe(SERVING_LIMIT_RANGE_NAME);
    expect(limits.spec).toStrictEqual({
      limits: [{
        type: 'Container',
        defaultRequest: { cpu: '100m', memory: '128Mi' },
        default: { cpu: '1', memory: '1Gi' },
        max: { cpu: '4', memory: '32Gi' },
      }],
    });
    validateAgainstKubernetesSchema([quota, limits]);
  });
});
