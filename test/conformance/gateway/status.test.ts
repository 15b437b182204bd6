import { observedConditions, unmetConditions } from '../../../conformance/gateway/status';

const ok = (type: string) => ({ type, status: 'True', reason: type });

function resources(policyAncestors: any[] | undefined): any {
  return {
    gatewayClass: { metadata: { name: 'eg' }, status: { conditions: [ok('Accepted')] } },
    gateways: [{ metadata: { name: 'gw', namespace: 'edge' }, status: { listeners: [{ name: 'http', conditions: [ok('Accepted')] }] } }],
    httpRoutes: [{
      metadata: { name: 'chat', namespace: 'llm' },
      status: { parents: [{ parentRef: { name: 'gw', namespace: 'edge', sectionName: 'http' }, conditions: [ok('Accepted')] }] },
    }],
    securityPolicies: [{ metadata: { name: 'jwt', namespace: 'llm' }, status: policyAncestors ? { ancestors: policyAncestors } : undefined }],
  };
}

const ancestor = (conditions: any[]) => ({ ancestorRef: { name: 'gw', namespace: 'edge', sectionName: 'http' }, conditions });

describe('observedConditions', () => {
  test('flattens class, listener, route parent and policy ancestor conditions with readable names', () => {
    expect(observedConditions(resources([ancestor([ok('Accepted')])])).map((c) => `${c.object}: ${c.type}=${c.status}`)).toStrictEqual([
      'GatewayClass eg: Accepted=True',
      'Gateway edge/gw listener http: Accepted=True',
      'HTTPRoute llm/chat parent Gateway edge/gw#http: Accepted=True',
      'SecurityPolicy llm/jwt ancestor Gateway edge/gw#http: Accepted=True',
    ]);
  });

  test('reads a GRPCRoute\'s parent conditions', () => {
    const grpcRoutes = [{ metadata: { name: 'chat', namespace: 'llm' }, status: { parents: [{ parentRef: { name: 'gw', namespace: 'edge', sectionName: 'http' }, conditions: [ok('Accepted')] }] } }];
    expect(observedConditions({ grpcRoutes }).map((c) => `${c.object}: ${c.type}=${c.status}`)).toStrictEqual(['GRPCRoute llm/chat parent Gateway edge/gw#http: Accepted=True']);
  });

  test('reads the ancestor conditions of every Envoy Gateway policy kind', () => {
    const policy = (name: string) => ({ metadata: { name, namespace: 'llm' }, status: { ancestors: [ancestor([ok('Accepted')])] } });
    const observed = observedConditions({
      backendTrafficPolicies: [policy('limits')],
      clientTrafficPolicies: [policy('tls')],
      envoyExtensionPolicies: [policy('waf')],
    });
    expect(observed.map((c) => `${c.object}: ${c.type}=${c.status}`)).toStrictEqual([
      'BackendTrafficPolicy llm/limits ancestor Gateway edge/gw#http: Accepted=True',
      'ClientTrafficPolicy llm/tls ancestor Gateway edge/gw#http: Accepted=True',
      'EnvoyExtensionPolicy llm/waf ancestor Gateway edge/gw#http: Accepted=True',
    ]);
  });
});

describe('unmetConditions', () => {
  const required = [
    { object: 'GatewayClass eg', type: 'Accepted' },
    { object: 'SecurityPolicy llm/jwt', of: 'ancestor' as const, type: 'Accepted' },
  ];

  test('nothing unmet when every required condition is True', () => {
    expect(unmetConditions(observedConditions(resources([ancestor([ok('Accepted')])])), required)).toStrictEqual([]);
  });

  test('a policy with no ancestor (its target is missing) is unmet, though egctl reports no error', () => {
    expect(unmetConditions(observedConditions(resources(undefined)), required))
      .toStrictEqual(['SecurityPolicy llm/jwt (each ancestor): no Accepted condition']);
  });

  test('a False condition is unmet, with its reason and message', () => {
    const observed = observedConditions(resources([ancestor([{ type: 'Accepted', status: 'False', reason: 'Invalid', message: 'bad JWKS' }])]));
    expect(unmetConditions(observed, required))
      .toStrictEqual(['SecurityPolicy llm/jwt ancestor Gateway edge/gw#http: Accepted=False (Invalid: bad JWKS)']);
  });

  test('a listener condition does not stand for a Gateway-level one', () => {
    const observed = observedConditions(resources([ancestor([ok('Accepted')])]));
    expect(unmetConditions(observed, [{ object: 'Gateway edge/gw', type: 'Accepted' }])).toStrictEqual(['Gateway edge/gw: no Accepted condition']);
    expect(unmetConditions(observed, [{ object: 'Gateway edge/gw', of: 'listener', type: 'Accepted' }])).toStrictEqual([]);
  });
});
