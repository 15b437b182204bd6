import { Testing } from 'cdk8s';
import {
  Backend,
  BackendTrafficPolicy,
  BackendTrafficPolicySpecRateLimitLocalRulesLimitUnit,
  BackendTrafficPolicySpecRateLimitType,
  ClientTrafficPolicy,
  ClientTrafficPolicySpecTlsMinVersion,
  SecurityPolicy,
} from '../../src/imports/gateway.envoyproxy.io';

// Guards the generated Envoy Gateway bindings (gateway.envoyproxy.io/v1alpha1).
describe('gateway.envoyproxy.io bindings', () => {
  const targetRefs = [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'llm' }];

  test('SecurityPolicy synthesises with jwt and apiKeyAuth', () => {
    const chart = Testing.chart();
    new SecurityPolicy(chart, 'Auth', {
      metadata: { name: 'llm-auth', namespace: 'inference' },
      spec: {
        targetRefs,
        jwt: { providers: [{ name: 'idp', issuer: 'https://idp.example.com', remoteJwks: { uri: 'https://idp.example.com/keys' } }] },
        apiKeyAuth: { credentialRefs: [{ name: 'api-keys' }], extractFrom: [{ headers: ['x-api-key'] }] },
      },
    });

    // remoteJwks (TypeScript) is remoteJWKS on the wire.
    expect(Testing.synth(chart)).toStrictEqual([{
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'SecurityPolicy',
      metadata: { name: 'llm-auth', namespace: 'inference' },
      spec: {
        targetRefs,
        jwt: { providers: [{ name: 'idp', issuer: 'https://idp.example.com', remoteJWKS: { uri: 'https://idp.example.com/keys' } }] },
        apiKeyAuth: { credentialRefs: [{ name: 'api-keys' }], extractFrom: [{ headers: ['x-api-key'] }] },
      },
    }]);
  });

  test('BackendTrafficPolicy rate limit and ClientTrafficPolicy TLS floor keep their enum values', () => {
    const chart = Testing.chart();
    new BackendTrafficPolicy(chart, 'Limits', {
      metadata: { name: 'llm-limits' },
      spec: {
        targetRefs,
        rateLimit: {
          type: BackendTrafficPolicySpecRateLimitType.LOCAL,
          local: { rules: [{ limit: { requests: 60, unit: BackendTrafficPolicySpecRateLimitLocalRulesLimitUnit.MINUTE } }] },
        },
      },
    });
    new ClientTrafficPolicy(chart, 'Tls', {
      metadata: { name: 'tls-floor' },
      spec: {
        targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'llm' }],
        tls: { minVersion: ClientTrafficPolicySpecTlsMinVersion.VALUE_1_2 },
      },
    });

    const [limits, tls] = Testing.synth(chart);
    expect(limits.kind).toBe('BackendTrafficPolicy');
    expect(limits.spec.rateLimit).toStrictEqual({ type: 'Local', local: { rules: [{ limit: { requests: 60, unit: 'Minute' } }] } });
    expect(tls.kind).toBe('ClientTrafficPolicy');
    expect(tls.spec.tls).toStrictEqual({ minVersion: '1.2' });
  });

  test('Backend synthesises with an FQDN endpoint (an in-cluster Service name and port)', () => {
    const chart = Testing.chart();
    new Backend(chart, 'Backend', {
      metadata: { name: 'llm', namespace: 'inference' },
      spec: { endpoints: [{ fqdn: { hostname: 'llm.inference.svc.cluster.local', port: 8000 } }] },
    });
    expect(Testing.synth(chart)).toStrictEqual([{
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'Backend',
      metadata: { name: 'llm', namespace: 'inference' },
      spec: { endpoints: [{ fqdn: { hostname: 'llm.inference.svc.cluster.local', port: 8000 } }] },
    }]);
  });
});
