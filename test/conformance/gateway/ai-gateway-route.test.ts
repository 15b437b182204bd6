import { generateAiGatewayRoutes, generatedHttpRoute } from '../../../conformance/gateway/ai-gateway-route';

const parentRef = { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw', namespace: 'edge', sectionName: 'https' };
const aiRoute = (rule: object = {}) => ({
  apiVersion: 'aigateway.envoyproxy.io/v1beta1',
  kind: 'AIGatewayRoute',
  metadata: { name: 'chat', namespace: 'llm' },
  spec: {
    parentRefs: [parentRef],
    hostnames: ['chat.example.com'],
    llmRequestCosts: [{ metadataKey: 'llm_total_token', type: 'TotalToken' }],
    rules: [{
      backendRefs: [{ name: 'chat', headerMutation: { remove: ['Authorization'] } }],
      timeouts: { request: '600s' },
      streamIdleTimeout: '600s',
      ...rule,
    }],
  },
});
const aiBackend = {
  apiVersion: 'aigateway.envoyproxy.io/v1beta1',
  kind: 'AIServiceBackend',
  metadata: { name: 'chat', namespace: 'llm' },
  spec: { schema: { name: 'OpenAI', prefix: '/v1' }, backendRef: { group: 'gateway.envoyproxy.io', kind: 'Backend', name: 'chat' } },
};
const backend = (hostname = 'chat.llm.svc.cluster.local', port = 8000) => ({
  apiVersion: 'gateway.envoyproxy.io/v1alpha1',
  kind: 'Backend',
  metadata: { name: 'chat', namespace: 'llm' },
  spec: { endpoints: [{ fqdn: { hostname, port } }] },
});
const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'chat', namespace: 'llm' }, spec: { ports: [{ name: 'http', port: 8000 }] } };
const policy = {
  apiVersion: 'gateway.envoyproxy.io/v1alpha1',
  kind: 'SecurityPolicy',
  metadata: { name: 'chat', namespace: 'llm' },
  spec: { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'chat' }] },
};
const example = (route: object = aiRoute()) => [route, aiBackend, backend(), service, policy];

describe('generateAiGatewayRoutes', () => {
  test('writes the HTTPRoute the AI Gateway controller generates: same name and namespace, parentRefs, hostnames, a catch-all rule to the Service behind the Backend', () => {
    const { routes } = generateAiGatewayRoutes(example());
    expect(routes).toEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'chat', namespace: 'llm' },
      spec: {
        parentRefs: [parentRef],
        hostnames: ['chat.example.com'],
        rules: [{
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          backendRefs: [{ name: 'chat', port: 8000, filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { remove: ['Authorization'] } }] }],
          timeouts: { request: '600s' },
        }],
      },
    }]);
  });

  test('drops the AI Gateway objects (AIGatewayRoute, AIServiceBackend, their Backend) and keeps the rest', () => {
    const { objects, notes } = generateAiGatewayRoutes(example());
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Service/chat', 'SecurityPolicy/chat', 'HTTPRoute/chat']);
    expect(notes).toEqual([expect.stringContaining('HTTPRoute llm/chat generated as the AI Gateway controller would (catch-all "/" to Service chat:8000)')]);
  });

  test('leaves objects without an AIGatewayRoute as they are', () => {
    const objects = [service, policy];
    expect(generateAiGatewayRoutes(objects)).toEqual({ objects, routes: [], notes: [] });
  });

  test('keeps a backendRef\'s weight, and a rule without headerMutation or timeouts has none', () => {
    const { route } = generatedHttpRoute(example(), aiRoute({ backendRefs: [{ name: 'chat', weight: 3 }], timeouts: undefined }));
    expect(route.spec.rules[0]).toEqual({ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'chat', port: 8000, weight: 3 }] });
  });

  test('refuses an HTTPRoute of the same name already in the input', () => {
    const clash = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'chat', namespace: 'llm' }, spec: {} };
    expect(() => generateAiGatewayRoutes([...example(), clash])).toThrow(/HTTPRoute llm\/chat is already in the input/);
  });

  test('refuses rule matches (x-ai-eg-model comes from the external processor)', () => {
    const route = aiRoute({ matches: [{ headers: [{ name: 'x-ai-eg-model', value: 'llama' }] }] });
    expect(() => generateAiGatewayRoutes(example(route))).toThrow(/rules\[0\]\.matches cannot be reproduced/);
  });

  test('refuses an InferencePool backend and modelNameOverride', () => {
    const pool = aiRoute({ backendRefs: [{ group: 'inference.networking.k8s.io', kind: 'InferencePool', name: 'pool' }] });
    expect(() => generateAiGatewayRoutes(example(pool))).toThrow(/InferencePool\) cannot be reproduced/);
    const override = aiRoute({ backendRefs: [{ name: 'chat', modelNameOverride: 'other' }] });
    expect(() => generateAiGatewayRoutes(example(override))).toThrow(/modelNameOverride cannot be reproduced/);
  });

  test('refuses a missing AIServiceBackend, Backend or Service', () => {
    expect(() => generateAiGatewayRoutes([aiRoute(), backend(), service])).toThrow(/no AIServiceBackend llm\/chat in the input/);
    expect(() => generateAiGatewayRoutes([aiRoute(), aiBackend, service])).toThrow(/no Backend llm\/chat in the input/);
    expect(() => generateAiGatewayRoutes([aiRoute(), aiBackend, backend()])).toThrow(/names Service llm\/chat, which is not in the input/);
  });

  test('refuses a Backend that is not the FQDN of a Service, a port the Service lacks, and a Service of another namespace', () => {
    expect(() => generateAiGatewayRoutes([aiRoute(), aiBackend, backend('api.example.com'), service])).toThrow(/follows one FQDN endpoint <service>\.<namespace>\.svc/);
    expect(() => generateAiGatewayRoutes([aiRoute(), aiBackend, backend('chat.llm.svc.cluster.local', 9000), service])).toThrow(/Service llm\/chat has no port 9000/);
    const other = { ...service, metadata: { name: 'chat', namespace: 'other' } };
    expect(() => generateAiGatewayRoutes([aiRoute(), aiBackend, backend('chat.other.svc'), other])).toThrow(/outside the route's namespace/);
  });
});
