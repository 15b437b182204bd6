import { deliverJwks, gatewayInput, isGatewayInput, listenerIsTls, requiredConditions } from '../../conformance/suite/envoy-input';
import { EnvoyIntent } from '../../conformance/suite/envoy-intent';

const gatewayClass = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'eg' } };
const gateway = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'gw', namespace: 'edge' },
  spec: { listeners: [{ name: 'https', protocol: 'HTTPS', port: 443 }, { name: 'http', protocol: 'HTTP', port: 80 }] },
};
const envoy: EnvoyIntent = { listener: 'edge/gw/https', standIns: [gatewayClass, gateway], certificates: [], keys: [], requests: [], pauseMs: 0 };

const service = (name: string, clusterIP?: string) => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'llm' }, spec: { ...(clusterIP ? { clusterIP } : {}), ports: [{ port: 8000 }] },
});
const route = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'chat', namespace: 'llm' }, spec: {} };
function policy(provider: Record<string, unknown>): any {
  return {
    apiVersion: 'gateway.envoyproxy.io/v1alpha1',
    kind: 'SecurityPolicy',
    metadata: { name: 'chat', namespace: 'llm' },
    spec: { jwt: { providers: [{ name: 'local', issuer: 'https://i', ...provider }] } },
  };
}
const limits = { apiVersion: 'gateway.envoyproxy.io/v1alpha1', kind: 'BackendTrafficPolicy', metadata: { name: 'chat', namespace: 'llm' }, spec: {} };
const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'chat', namespace: 'llm' } };
const netpol = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'chat', namespace: 'llm' } };

describe('isGatewayInput', () => {
  test('Gateway API, Envoy Gateway and the core kinds egctl reads; nothing else', () => {
    expect([route, limits, service('a'), gatewayClass, deployment, netpol].map(isGatewayInput)).toStrictEqual([true, true, true, true, false, false]);
  });
});

describe('gatewayInput', () => {
  test('keeps what egctl reads, adds the stand-ins and a missing Namespace, assigns free cluster IPs', () => {
    const example = [service('a'), service('b', '10.96.0.10'), route, deployment];
    const input = gatewayInput(example, envoy);
    expect(input.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toStrictEqual([
      'Service/a', 'Service/b', 'HTTPRoute/chat', 'GatewayClass/eg', 'Gateway/gw', 'Namespace/llm', 'Namespace/edge',
    ]);
    expect(input.objects[0].spec.clusterIP).toBe('10.96.0.11');
    expect(input.objects[1].spec.clusterIP).toBe('10.96.0.10');
    expect(input.notes).toStrictEqual([
      'Service llm/a: cluster IP 10.96.0.11 assigned, as the API server would',
      'Namespace llm added (the example\'s objects are in it and it creates none)',
      'Namespace edge added (the example\'s objects are in it and it creates none)',
    ]);
    expect((example[0] as any).spec.clusterIP).toBeUndefined();
  });

  test('a stand-in Service the example routes to but does not create gets a cluster IP too', () => {
    const input = gatewayInput([route], { ...envoy, standIns: [...envoy.standIns, service('canary')] });
    expect(input.objects.find((o) => o.metadata.name === 'canary')!.spec.clusterIP).toBe('10.96.0.10');
  });

  test('a stand-in may not replace an object of the example', () => {
    expect(() => gatewayInput([gateway], envoy))
      .toThrow('envoy.standIns: Gateway/edge/gw is already in the example\'s manifests or the stand-ins; a stand-in must not replace it');
    expect(() => gatewayInput([], { ...envoy, standIns: [gateway, gateway] })).toThrow('envoy.standIns: Gateway/edge/gw is already');
  });
});

describe('deliverJwks', () => {
  test('a remoteJWKS on 127.0.0.1 over HTTP is served by the check, at its port and path', () => {
    const objects = [policy({ remoteJWKS: { uri: 'http://127.0.0.1:18443/jwks.json' } })];
    expect(deliverJwks(objects, 'llm/chat/local', '{"keys":[]}')).toStrictEqual({
      served: { tls: false, port: 18443, path: '/jwks.json', jwks: '{"keys":[]}' },
      note: 'JWT provider llm/chat/local: the generated JWKS is served at http://127.0.0.1:18443/jwks.json',
    });
  });

  test('a remoteJWKS on 127.0.0.1 over HTTPS is served by the check over HTTPS', () => {
    const objects = [policy({ remoteJWKS: { uri: 'https://127.0.0.1:8443/.well-known/jwks.json' } })];
    expect(deliverJwks(objects, 'llm/chat/local', '{}').served).toStrictEqual({ tls: true, port: 8443, path: '/.well-known/jwks.json', jwks: '{}' });
  });

  test.each([
    'https://issuer.example.com/jwks.json',
    'http://localhost:18443/jwks.json',
    'http://127.0.0.1/jwks.json',
  ])('a remoteJWKS the check would have to fetch elsewhere (%s) is an error', (uri) => {
    expect(() => deliverJwks([policy({ remoteJWKS: { uri } })], 'llm/chat/local', '{}'))
      .toThrow(`JWT provider llm/chat/local: remoteJWKS ${uri} is not http(s)://127.0.0.1:<port>/...; the check serves a JWKS on loopback only and fetches nothing`);
  });

  test('an inline localJWKS is replaced by the generated one', () => {
    const objects = [policy({ localJWKS: { type: 'Inline', inline: '{"keys":[{"kid":"theirs"}]}' } })];
    deliverJwks(objects, 'llm/chat/local', '{"keys":[{"kid":"ours"}]}');
    expect(objects[0].spec.jwt.providers[0].localJWKS.inline).toBe('{"keys":[{"kid":"ours"}]}');
  });

  test('a localJWKS from a ConfigMap: the ConfigMap holds the generated one', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'jwks', namespace: 'llm' }, data: { jwks: 'theirs' } };
    const objects = [policy({ localJWKS: { type: 'ValueRef', valueRef: { group: '', kind: 'ConfigMap', name: 'jwks' } } }), cm];
    deliverJwks(objects, 'llm/chat/local', 'ours');
    expect(cm.data.jwks).toBe('ours');
    expect(() => deliverJwks(objects.slice(0, 1), 'llm/chat/local', 'ours'))
      .toThrow('JWT provider llm/chat/local: its localJWKS names ConfigMap llm/jwks, which is not in the example\'s manifests');
  });

  test('a missing policy, provider or JWKS source is an error naming it', () => {
    expect(() => deliverJwks([], 'llm/chat/local', '{}')).toThrow('JWT provider llm/chat/local: no SecurityPolicy llm/chat in the example\'s manifests');
    expect(() => deliverJwks([policy({})], 'llm/chat/other', '{}')).toThrow('SecurityPolicy llm/chat has no JWT provider other (it has: local)');
    expect(() => deliverJwks([policy({})], 'llm/chat/local', '{}'))
      .toThrow('JWT provider llm/chat/local: neither remoteJWKS nor localJWKS (Inline or a ConfigMap): the check cannot give it its JWKS');
  });
});

describe('requiredConditions', () => {
  test('a GRPCRoute\'s parents too', () => {
    const grpcRoute = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GRPCRoute', metadata: { name: 'chat', namespace: 'llm' }, spec: {} };
    expect(requiredConditions([grpcRoute], envoy)).toEqual(expect.arrayContaining([
      { object: 'GRPCRoute llm/chat', of: 'parent', type: 'Accepted' },
      { object: 'GRPCRoute llm/chat', of: 'parent', type: 'ResolvedRefs' },
    ]));
  });

  test('class, every listener condition, route parents and every policy ancestor', () => {
    expect(requiredConditions([route, limits, policy({}), service('a')], envoy)).toStrictEqual([
      { object: 'GatewayClass eg', type: 'Accepted' },
      { object: 'Gateway edge/gw', of: 'listener', type: 'Accepted' },
      { object: 'Gateway edge/gw', of: 'listener', type: 'ResolvedRefs' },
      { object: 'Gateway edge/gw', of: 'listener', type: 'Programmed' },
      { object: 'HTTPRoute llm/chat', of: 'parent', type: 'Accepted' },
      { object: 'HTTPRoute llm/chat', of: 'parent', type: 'ResolvedRefs' },
      { object: 'BackendTrafficPolicy llm/chat', of: 'ancestor', type: 'Accepted' },
      { object: 'SecurityPolicy llm/chat', of: 'ancestor', type: 'Accepted' },
    ]);
  });
});

describe('listenerIsTls', () => {
  test('an HTTPS listener is TLS, an HTTP one is not', () => {
    expect(listenerIsTls(envoy)).toBe(true);
    expect(listenerIsTls({ ...envoy, listener: 'edge/gw/http' })).toBe(false);
  });

  test('a listener not among the stand-ins is an error naming it', () => {
    expect(() => listenerIsTls({ ...envoy, listener: 'edge/gw/grpc' })).toThrow('envoy.listener edge/gw/grpc: Gateway edge/gw has no listener grpc');
    expect(() => listenerIsTls({ ...envoy, listener: 'edge/other/https' })).toThrow('envoy.listener edge/other/https: no Gateway edge/other in envoy.standIns');
  });
});
