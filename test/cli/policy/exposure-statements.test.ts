import { exposureStatements, wafStatements } from '../../../src/cli/policy/exposure-statements';

test('an HTTPRoute: hosts, paths and backends, the listener it relies on for TLS, and the policies that target it', () => {
  const route = {
    kind: 'HTTPRoute',
    metadata: { name: 'chat', namespace: 'llm', labels: { 'secure-ai.cdk8s.io/endpoint': 'chat' } },
    spec: {
      hostnames: ['chat.example.com'],
      parentRefs: [{ name: 'edge', namespace: 'gw', sectionName: 'https' }],
      rules: [{ matches: [{ path: { value: '/v1/chat' } }], backendRefs: [{ name: 'chat', port: 8000 }] }],
    },
  };
  const target = { targetRefs: [{ kind: 'HTTPRoute', name: 'chat' }] };
  const objects = [
    route,
    { kind: 'SecurityPolicy', metadata: { name: 'auth', namespace: 'llm' }, spec: { ...target, jwt: { providers: [] }, authorization: { defaultAction: 'Deny', rules: [{}] } } },
    { kind: 'SecurityPolicy', metadata: { name: 'other', namespace: 'llm' }, spec: { targetRefs: [{ kind: 'HTTPRoute', name: 'other' }], oidc: {} } },
    { kind: 'BackendTrafficPolicy', metadata: { name: 'limits', namespace: 'llm' }, spec: { ...target, rateLimit: { global: { rules: [{ limit: { requests: 60, unit: 'Minute' } }] } } } },
    { kind: 'EnvoyExtensionPolicy', metadata: { name: 'waf', namespace: 'llm' }, spec: { ...target, wasm: [{ config: { directives: ['SecRuleEngine DetectionOnly'] } }] } },
  ];
  expect(exposureStatements(objects).map((s) => s.text)).toStrictEqual([
    'endpoint chat: chat.example.com/v1/chat → chat:8000; TLS: the listener of Gateway gw/edge/https; authentication: JWT, authorization (default Deny, 1 rule(s)); '
      + 'limits: 60 requests/minute (shared); WAF: detection (HTTPRoute chat)',
  ]);
  expect(wafStatements(objects).map((s) => s.text)).toStrictEqual(['WAF EnvoyExtensionPolicy waf: detection']);
});

test('a VirtualServer: its host, routes and the Policies it names', () => {
  const vs = {
    kind: 'VirtualServer',
    metadata: { name: 'triton', namespace: 'llm' },
    spec: { host: 'triton.example.com', tls: { secret: 't' }, policies: [{ name: 'jwt' }], routes: [{ path: '/v2', action: { pass: 'triton' }, policies: [{ name: 'rate' }] }] },
  };
  const objects = [vs, { kind: 'Policy', metadata: { name: 'jwt', namespace: 'llm' }, spec: { jwt: {} } }, { kind: 'Policy', metadata: { name: 'rate', namespace: 'llm' }, spec: { rateLimit: { rate: '10r/s' } } }];
  expect(exposureStatements(objects).map((s) => s.text)).toStrictEqual(['triton.example.com/v2 → triton; TLS yes; authentication: JWT; limits: rate 10r/s; WAF: none seen (VirtualServer triton)']);
});

test('an Ingress without TLS for its host, with source ranges and client certificates', () => {
  const ing = {
    kind: 'Ingress',
    metadata: { name: 'i', namespace: 'llm', annotations: { 'nginx.ingress.kubernetes.io/auth-tls-verify-client': 'on', 'nginx.ingress.kubernetes.io/allowlist-source-range': '10.0.0.0/8' } },
    spec: { rules: [{ host: 'a.example.com', http: { paths: [{ backend: { service: { name: 'a', port: { name: 'http' } } } }] } }] },
  };
  expect(exposureStatements([ing])[0].text).toBe('a.example.com/ → a:http; TLS no; authentication: client certificate (on); limits: none; sources: 10.0.0.0/8; WAF: none seen (Ingress i)');
});

const aiRoute = (rules: any[]) => ({
  kind: 'AIGatewayRoute',
  metadata: { name: 'chat', namespace: 'llm', labels: { 'secure-ai.cdk8s.io/endpoint': 'chat' } },
  spec: {
    hostnames: ['chat.example.com'],
    parentRefs: [{ kind: 'Gateway', name: 'edge', namespace: 'gw', sectionName: 'https' }],
    llmRequestCosts: [{ metadataKey: 'llm_total_token', type: 'TotalToken' }],
    rules,
  },
});
const aiBackends = [
  { kind: 'AIServiceBackend', metadata: { name: 'chat', namespace: 'llm' }, spec: { schema: { name: 'OpenAI', prefix: '/v1' }, backendRef: { group: 'gateway.envoyproxy.io', kind: 'Backend', name: 'chat' } } },
  { kind: 'Backend', metadata: { name: 'chat', namespace: 'llm' }, spec: { endpoints: [{ fqdn: { hostname: 'chat.llm.svc.cluster.local', port: 8000 } }] } },
];
const onRoute = { targetRefs: [{ kind: 'HTTPRoute', name: 'chat' }] };
const onGateway = { targetRefs: [{ kind: 'Gateway', name: 'edge' }] };
const tokenLimit = {
  kind: 'BackendTrafficPolicy',
  metadata: { name: 'chat', namespace: 'llm' },
  spec: {
    ...onRoute,
    requestBuffer: { limit: '32Mi' },
    rateLimit: {
      global: {
        rules: [
          { clientSelectors: [{ sourceCIDR: { type: 'Distinct', value: '0.0.0.0/0' } }], limit: { requests: 5, unit: 'Second' } },
          {
            clientSelectors: [{ sourceCIDR: { type: 'Distinct', value: '0.0.0.0/0' } }],
            cost: { request: { from: 'Number', number: 0 }, response: { from: 'Metadata', metadata: { namespace: 'io.envoy.ai_gateway', key: 'llm_total_token' } } },
            limit: { requests: 2000, unit: 'Minute' },
          },
        ],
      },
    },
  },
};

test('an AIGatewayRoute: its host for every model, the AI backend and what it reaches, the token limits and auth of the policies on its generated HTTPRoute', () => {
  const route = aiRoute([{ backendRefs: [{ name: 'chat', headerMutation: { remove: ['Authorization'] } }] }]);
  const objects = [
    route, ...aiBackends, tokenLimit,
    { kind: 'SecurityPolicy', metadata: { name: 'chat', namespace: 'llm' }, spec: { ...onRoute, jwt: { providers: [] }, authorization: { defaultAction: 'Allow', rules: [{ action: 'Deny' }] } } },
    { kind: 'SecurityPolicy', metadata: { name: 'platform', namespace: 'gw' }, spec: { ...onGateway, extAuth: {} } },
    { kind: 'BackendTrafficPolicy', metadata: { name: 'other', namespace: 'llm' }, spec: { targetRefs: [{ kind: 'HTTPRoute', name: 'other' }], rateLimit: { local: { rules: [{ limit: { requests: 1, unit: 'Hour' } }] } } } },
  ];
  expect(exposureStatements(objects).map((s) => s.text)).toStrictEqual([
    'endpoint chat: chat.example.com/* (every model) → AIServiceBackend chat (OpenAI /v1) → Backend chat (chat.llm.svc.cluster.local:8000); '
      + 'TLS: the listener of Gateway gw/edge/https; authentication: JWT, authorization (default Allow, 1 rule(s)); '
      + 'limits: 5 requests/second per client address (shared), 2000 tokens/minute per client address (shared; counted from io.envoy.ai_gateway/llm_total_token), body ≤ 32Mi; '
      + 'WAF: none seen; headers removed before the backend: Authorization; token costs recorded: TotalToken as llm_total_token (AIGatewayRoute chat)',
  ]);
});

test('an AIGatewayRoute without policies of its own takes its Gateway\'s; a model match and a canary header are their own routes', () => {
  const route = aiRoute([
    { matches: [{ headers: [{ name: 'x-canary', value: 'always', type: 'Exact' }] }], backendRefs: [{ name: 'canary' }] },
    { matches: [{ headers: [{ name: 'x-ai-eg-model', value: 'llama' }] }], backendRefs: [{ name: 'chat', weight: 90 }, { name: 'canary', weight: 10 }] },
  ]);
  const objects = [
    route, ...aiBackends,
    { kind: 'SecurityPolicy', metadata: { name: 'platform', namespace: 'gw' }, spec: { targetRefs: [{ kind: 'Gateway', name: 'edge', sectionName: 'https' }], extAuth: {} } },
    { kind: 'SecurityPolicy', metadata: { name: 'http-only', namespace: 'gw' }, spec: { targetRefs: [{ kind: 'Gateway', name: 'edge', sectionName: 'http' }], basicAuth: {} } },
    { kind: 'EnvoyExtensionPolicy', metadata: { name: 'waf', namespace: 'gw' }, spec: { ...onGateway, wasm: [{ config: { directives: ['SecRuleEngine On'] } }] } },
  ];
  const statements = exposureStatements(objects);
  expect(statements.map((s) => s.subject)).toStrictEqual(['chat.example.com/* (header x-canary = always)', 'chat.example.com/* (model = llama)']);
  expect(statements[0].values).toContain('→ AIServiceBackend canary (not in the tree)');
  expect(statements[1].values).toStrictEqual([
    '→ AIServiceBackend chat (OpenAI /v1) → Backend chat (chat.llm.svc.cluster.local:8000) (weight 90), AIServiceBackend canary (not in the tree) (weight 10)',
    'TLS: the listener of Gateway gw/edge/https',
    'authentication: external auth service (Gateway gw/edge)',
    'limits: none',
    'WAF: blocking (Gateway gw/edge)',
    'token costs recorded: TotalToken as llm_total_token',
  ]);
  const own = { kind: 'SecurityPolicy', metadata: { name: 'chat', namespace: 'llm' }, spec: { ...onRoute, jwt: {} } };
  expect(exposureStatements([...objects, own])[1].values[2]).toBe('authentication: JWT');
  expect(exposureStatements([...objects, { ...own, spec: { ...own.spec, mergeType: 'StrategicMerge' } }])[1].values[2])
    .toBe('authentication: JWT, external auth service (Gateway gw/edge)');
});

const gatewayRoute = (kind: string, rules: any[]) => ({
  kind,
  metadata: { name: 'chat', namespace: 'llm' },
  spec: { hostnames: ['chat.example.com'], parentRefs: [{ name: 'edge', namespace: 'gw', sectionName: 'https' }], rules },
});
const platformPolicies = [
  { kind: 'SecurityPolicy', metadata: { name: 'platform', namespace: 'gw' }, spec: { targetRefs: [{ kind: 'Gateway', name: 'edge', sectionName: 'https' }], extAuth: {} } },
  { kind: 'SecurityPolicy', metadata: { name: 'http-only', namespace: 'gw' }, spec: { targetRefs: [{ kind: 'Gateway', name: 'edge', sectionName: 'http' }], basicAuth: {} } },
  { kind: 'BackendTrafficPolicy', metadata: { name: 'platform', namespace: 'gw' }, spec: { ...onGateway, rateLimit: { local: { rules: [{ limit: { requests: 100, unit: 'Second' } }] } } } },
  { kind: 'EnvoyExtensionPolicy', metadata: { name: 'waf', namespace: 'gw' }, spec: { ...onGateway, wasm: [{ config: { directives: ['SecRuleEngine On'] } }] } },
];

test('an HTTPRoute without policies of its own takes its Gateway\'s (of its listener); of a kind it has its own, the Gateway\'s apply only with mergeType', () => {
  const route = gatewayRoute('HTTPRoute', [{ matches: [{ path: { value: '/v1' } }], backendRefs: [{ name: 'chat', port: 8000 }] }]);
  expect(exposureStatements([route, ...platformPolicies])[0].values).toStrictEqual([
    '→ chat:8000',
    'TLS: the listener of Gateway gw/edge/https',
    'authentication: external auth service (Gateway gw/edge)',
    'limits: 100 requests/second (Gateway gw/edge)',
    'WAF: blocking (Gateway gw/edge)',
  ]);
  const own = { kind: 'SecurityPolicy', metadata: { name: 'chat', namespace: 'llm' }, spec: { ...onRoute, jwt: {} } };
  expect(exposureStatements([route, ...platformPolicies, own])[0].values[2]).toBe('authentication: JWT');
  expect(exposureStatements([route, ...platformPolicies, { ...own, spec: { ...own.spec, mergeType: 'StrategicMerge' } }])[0].values[2])
    .toBe('authentication: JWT, external auth service (Gateway gw/edge)');
  // its own limits as an AIGatewayRoute's are said: per client address, the largest body
  expect(exposureStatements([route, ...platformPolicies, tokenLimit])[0].values[3])
    .toBe('limits: 5 requests/second per client address (shared), 2000 tokens/minute per client address (shared; counted from io.envoy.ai_gateway/llm_total_token), body ≤ 32Mi');
});

test('a GRPCRoute: each host and /service/method, its backends, its own policies and its Gateway\'s', () => {
  const route = gatewayRoute('GRPCRoute', [
    { matches: [{ method: { service: 'inference.GRPCInferenceService', method: 'ModelInfer' } }, { method: { service: 'inference.GRPCInferenceService' } }], backendRefs: [{ name: 'triton', port: 8001 }] },
    { backendRefs: [{ name: 'other', port: 9000 }] },
  ]);
  const own = [
    { kind: 'SecurityPolicy', metadata: { name: 'chat', namespace: 'llm' }, spec: { targetRefs: [{ kind: 'GRPCRoute', name: 'chat' }], jwt: {} } },
    // an HTTPRoute's policy of the same name does not apply to the GRPCRoute
    { kind: 'BackendTrafficPolicy', metadata: { name: 'http', namespace: 'llm' }, spec: { ...onRoute, rateLimit: { local: { rules: [{ limit: { requests: 1, unit: 'Hour' } }] } } } },
  ];
  expect(exposureStatements([route, ...platformPolicies, ...own]).map((s) => s.text)).toStrictEqual([
    'chat.example.com/inference.GRPCInferenceService/ModelInfer → triton:8001; TLS: the listener of Gateway gw/edge/https; authentication: JWT; '
      + 'limits: 100 requests/second (Gateway gw/edge); WAF: blocking (Gateway gw/edge) (GRPCRoute chat)',
    'chat.example.com/inference.GRPCInferenceService/* → triton:8001; TLS: the listener of Gateway gw/edge/https; authentication: JWT; '
      + 'limits: 100 requests/second (Gateway gw/edge); WAF: blocking (Gateway gw/edge) (GRPCRoute chat)',
    'chat.example.com/* → other:9000; TLS: the listener of Gateway gw/edge/https; authentication: JWT; '
      + 'limits: 100 requests/second (Gateway gw/edge); WAF: blocking (Gateway gw/edge) (GRPCRoute chat)',
  ]);
});
