import { Authentication, InferenceBackend, LimitScope, TokenCostType } from '../../../src';
import { MINIMAL_ENVOY_GATEWAY_ENDPOINT, synthEndpoint } from '../../support/endpoint-fixtures';
import { find } from '../../support/fixtures';
import { validateAgainstKubernetesSchema } from '../../support/kubernetes-schema';

const budget = { scope: LimitScope.SHARED, requestsPerSecond: 5, tokenBudget: { tokensPerMinute: 2000 } };
const synth = (overrides = {}) => synthEndpoint({ limits: budget, ...overrides }, MINIMAL_ENVOY_GATEWAY_ENDPOINT);

describe('the Envoy AI Gateway route (a token budget on Envoy Gateway)', () => {
  test('an AIGatewayRoute on the platform Gateway and the endpoint\'s hosts, whose llmRequestCosts write the budget\'s key (snapshot)', () => {
    const { objects } = synth();
    const ai = objects.filter((o) => o.apiVersion.startsWith('aigateway.') || o.kind === 'Backend');
    expect(ai).toMatchSnapshot();
    const route = find(objects, 'AIGatewayRoute', 'llm');
    expect(route.spec.parentRefs).toStrictEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'platform-gateway', namespace: 'envoy-gateway-system', sectionName: 'https' }]);
    expect(route.spec.hostnames).toStrictEqual(['llm.example.com']);
    expect(route.spec.llmRequestCosts).toStrictEqual([{ metadataKey: 'llm_total_token', type: 'TotalToken' }]);
    validateAgainstKubernetesSchema(objects);
  });

  test('one rule to the model\'s AIServiceBackend, without the verified token, with the endpoint\'s stream timeouts', () => {
    const route = find(synth().objects, 'AIGatewayRoute', 'llm');
    expect(route.spec.rules).toStrictEqual([{
      backendRefs: [{ name: 'llm', headerMutation: { remove: ['Authorization'] } }],
      timeouts: { request: '600s' },
      streamIdleTimeout: '600s',
    }]);
  });

  test('an API key is not a removed header (Envoy Gateway strips it itself); the cost type and key are the budget\'s', () => {
    const { objects } = synth({
      authentication: Authentication.apiKey({ secretName: 'llm-api-keys' }),
      limits: { ...budget, tokenBudget: { tokensPerHour: 100000, costType: TokenCostType.OUTPUT_TOKEN } },
    });
    const route = find(objects, 'AIGatewayRoute', 'llm');
    expect(route.spec.rules[0].backendRefs).toStrictEqual([{ name: 'llm' }]);
    expect(route.spec.llmRequestCosts).toStrictEqual([{ metadataKey: 'llm_output_token', type: 'OutputToken' }]);
    const rules = find(objects, 'BackendTrafficPolicy', 'llm').spec.rateLimit.global.rules;
    expect(rules.filter((r: any) => r.cost).map((r: any) => r.cost.response.metadata)).toStrictEqual([
      { namespace: 'io.envoy.ai_gateway', key: 'llm_output_token' }, { namespace: 'io.envoy.ai_gateway', key: 'llm_output_token' },
    ]);
  });

  test('each model Service gets an OpenAI-schema AIServiceBackend and a Backend at its in-cluster DNS name; a canary splits by weight or gets a header rule first', () => {
    const canaryBackend = InferenceBackend.service('llm-v2', 8001, { app: 'llm-v2' });
    const weighted = synth({ canary: { backend: canaryBackend, weightPercent: 10 }, namespaceQuota: undefined, createNamespace: false }).objects;
    expect(find(weighted, 'AIServiceBackend', 'llm-v2').spec).toStrictEqual({ schema: { name: 'OpenAI', prefix: '/v1' }, backendRef: { group: 'gateway.envoyproxy.io', kind: 'Backend', name: 'llm-v2' } });
    expect(find(weighted, 'Backend', 'llm-v2').spec).toStrictEqual({ endpoints: [{ fqdn: { hostname: 'llm-v2.serving.svc.cluster.local', port: 8001 } }] });
    expect(find(weighted, 'AIGatewayRoute', 'llm').spec.rules.map((r: any) => r.backendRefs.map((b: any) => [b.name, b.weight]))).toStrictEqual([[['llm', 90], ['llm-v2', 10]]]);
    const byHeader = find(synth({ canary: { backend: canaryBackend, header: 'x-canary' }, createNamespace: false }).objects, 'AIGatewayRoute', 'llm').spec.rules;
    expect(byHeader.map((r: any) => [r.matches, r.backendRefs.map((b: any) => b.name)])).toStrictEqual([
      [[{ headers: [{ name: 'x-canary', value: 'always', type: 'Exact' }] }], ['llm-v2']],
      [undefined, ['llm']],
    ]);
  });
});
