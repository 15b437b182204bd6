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
