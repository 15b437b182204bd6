import { Authentication, CertificateIssuer, InferenceBackend, LimitScope } from '../../../src';
import { EXISTING_SERVICE_QUOTA, MINIMAL_ENVOY_GATEWAY_ENDPOINT, synthEndpoint } from '../../support/endpoint-fixtures';
import { find } from '../../support/fixtures';
import { validateAgainstKubernetesSchema } from '../../support/kubernetes-schema';

const synth = (overrides = {}) => synthEndpoint(overrides, MINIMAL_ENVOY_GATEWAY_ENDPOINT);

describe('the Envoy Gateway target', () => {
  test('renders an HTTPRoute on the platform Gateway, a SecurityPolicy and a BackendTrafficPolicy on the route, and no Certificate (snapshot)', () => {
    const { objects, hardening, endpoint } = synth();
    expect(objects.filter((o) => o.apiVersion.startsWith('gateway.'))).toMatchSnapshot();
    expect(objects.filter((o) => o.kind === 'Certificate' || o.kind === 'Ingress')).toStrictEqual([]);
    expect(endpoint.certificate).toBeUndefined();
    expect(endpoint.certificateSecretName).toBeUndefined();
    // Nothing is written into the platform's Gateway or a controller ConfigMap.
    expect(hardening).toStrictEqual([]);
    validateAgainstKubernetesSchema(objects);
  });

  test('the route matches only the preset\'s inference routes, by exact path and method, on the endpoint\'s hosts', () => {
    const route = find(synth().objects, 'HTTPRoute', 'llm');
    expect(route.spec.parentRefs).toStrictEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'platform-gateway', namespace: 'envoy-gateway-system', sectionName: 'https' }]);
    expect(route.spec.hostnames).toStrictEqual(['llm.example.com']);
    expect(route.spec.rules).toHaveLength(1);
    const matches = route.spec.rules[0].matches.map((m: any) => `${m.method} ${m.path.type} ${m.path.value}`);
    expect(matches).toContain('POST Exact /v1/chat/completions');
    expect(matches.some((m: string) => /load_lora_adapter|metrics|collective_rpc|sleep/.test(m))).toBe(false);
    expect(route.spec.rules[0].backendRefs).toStrictEqual([{ kind: 'Service', name: 'llm', port: 8000 }]);
  });

  test('the route removes the verified token before the model server and sets HSTS', () => {
    const filters = find(synth().objects, 'HTTPRoute', 'llm').spec.rules[0].filters;
    expect(filters).toStrictEqual([
      { type: 'RequestHeaderModifier', requestHeaderModifier: { remove: ['Authorization'] } },
      { type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }] } },
    ]);
  });

  test('the SecurityPolicy targets the route: JWT from the JWKS URI, client address ranges (deny first, then allow, default deny)', () => {
    const policy = find(synth({ sourceRanges: { allow: ['10.0.0.0/8'], deny: ['10.9.0.0/16'] } }).objects, 'SecurityPolicy', 'llm');
    expect(policy.spec).toStrictEqual({
      targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'llm' }],
      jwt: { providers: [{ name: 'inference', remoteJWKS: { uri: 'https://127.0.0.1:8443/jwks.json' } }] },
      authorization: {
        defaultAction: 'Deny',
        rules: [
          { name: 'deny-source-ranges', action: 'Deny', principal: { clientCIDRs: ['10.9.0.0/16'] } },
          { name: 'allow-source-ranges', action: 'Allow', principal: { clientCIDRs: ['10.0.0.0/8'] } },
        ],
      },
    });
  });

  test('the JWT provider checks the issuer and audiences when given', () => {
    const policy = find(synth({ authentication: Authentication.jwt({ jwksUri: 'https://127.0.0.1:8443/jwks.json', issuer: 'https://127.0.0.1:8443', audiences: ['chat'] }) }).objects, 'SecurityPolicy', 'llm');
    expect(policy.spec.jwt).toStrictEqual({ providers: [{ name: 'inference', remoteJWKS: { uri: 'https://127.0.0.1:8443/jwks.json' }, issuer: 'https://127.0.0.1:8443', audiences: ['chat'] }] });
  });

  test('API keys: the key header is checked and removed (sanitize); external auth calls the in-cluster auth Service', () => {
    const apiKey = synth({ authentication: Authentication.apiKey({ secretName: 'llm-keys' }) }).objects;
    expect(find(apiKey, 'SecurityPolicy', 'llm').spec.apiKeyAuth).toStrictEqual({ credentialRefs: [{ name: 'llm-keys' }], extractFrom: [{ headers: ['X-API-Key'] }], sanitize: true });
    expect(find(apiKey, 'HTTPRoute', 'llm').spec.rules[0].filters.map((f: any) => f.type)).toStrictEqual(['ResponseHeaderModifier']);
    const external = synth({ authentication: Authentication.external({ url: 'http://oauth2-proxy.auth.svc.cluster.local:4180/oauth2/auth', responseHeaders: ['X-Auth-Request-User'] }) }).objects;
    expect(find(external, 'SecurityPolicy', 'llm').spec.extAuth).toStrictEqual({
      http: { backendRefs: [{ name: 'oauth2-proxy', namespace: 'auth', port: 4180 }], path: '/oauth2/auth', headersToBackend: ['X-Auth-Request-User'] },
    });
  });

  test('fails when the external auth URL is not an in-cluster Service, naming it and the form to use', () => {
    expect(() => synth({ authentication: Authentication.external({ url: 'https://auth.example.net/check' }) }))
      .toThrow(/Invalid authentication\.url: "https:\/\/auth\.example\.net\/check"\..*in-cluster Service URL.*ReferenceGrant/s);
  });

  test('the BackendTrafficPolicy limits each client address (IPv4 and IPv6) per second and per minute, the body size and the stream times', () => {
    const policy = find(synth({ limits: { requestsPerSecond: 5, requestsPerMinute: 120, maxBodyMiB: 16, readTimeoutSeconds: 900 } }).objects, 'BackendTrafficPolicy', 'llm');
    const perClient = (value: string, requests: number, unit: string) => ({ clientSelectors: [{ sourceCIDR: { type: 'Distinct', value } }], limit: { requests, unit } });
    expect(policy.spec).toStrictEqual({
      targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'llm' }],
      rateLimit: {
        type: 'Local',
        local: { rules: [perClient('0.0.0.0/0', 5, 'Second'), perClient('0.0.0.0/0', 120, 'Minute'), perClient('::/0', 5, 'Second'), perClient('::/0', 120, 'Minute')] },
      },
      requestBuffer: { limit: '16384Ki' },
      timeout: { http: { requestTimeout: '900s', streamIdleTimeout: '900s' }, tcp: { connectTimeout: '10s' } },
    });
  });

  test('shared limits: the same per-client rates as Global rules, counted by Envoy Gateway\'s rate-limit service for every replica', () => {
    const policy = find(synth({ limits: { scope: LimitScope.SHARED, requestsPerSecond: 5, requestsPerMinute: 120 } }).objects, 'BackendTrafficPolicy', 'llm');
    // every path: a path selector gives each rule a descriptor of its own in the rate-limit service
    const perClient = (value: string, requests: number, unit: string) => ({
      clientSelectors: [{ path: { type: 'PathPrefix', value: '/' }, sourceCIDR: { type: 'Distinct', value } }],
      limit: { requests, unit },
    });
    expect(policy.spec.rateLimit).toStrictEqual({
      type: 'Global',
      global: { rules: [perClient('0.0.0.0/0', 5, 'Second'), perClient('0.0.0.0/0', 120, 'Minute'), perClient('::/0', 5, 'Second'), perClient('::/0', 120, 'Minute')] },
    });
    expect(policy.spec.requestBuffer).toStrictEqual({ limit: '32768Ki' });
  });

  test('a token budget: a Global rule per period that costs 0 on the request and the response\'s token count from the AI Gateway\'s metadata', () => {
    const tokenBudget = { tokensPerMinute: 2000, tokensPerHour: 50000 };
    const { objects } = synth({ limits: { scope: LimitScope.SHARED, requestsPerSecond: 5, tokenBudget } });
    const rules = find(objects, 'BackendTrafficPolicy', 'llm').spec.rateLimit.global.rules;
    const cost = {
      request: { from: 'Number', number: 0 },
      response: { from: 'Metadata', metadata: { namespace: 'io.envoy.ai_gateway', key: 'llm_total_token' } },
    };
    const ipv4 = [{ path: { type: 'PathPrefix', value: '/' }, sourceCIDR: { type: 'Distinct', value: '0.0.0.0/0' } }];
    expect(rules.slice(0, 3)).toStrictEqual([
      { clientSelectors: ipv4, limit: { requests: 5, unit: 'Second' } },
      { clientSelectors: ipv4, limit: { requests: 2000, unit: 'Minute' }, cost },
      { clientSelectors: ipv4, limit: { requests: 50000, unit: 'Hour' }, cost },
    ]);
    expect(rules).toHaveLength(6);
    validateAgainstKubernetesSchema(objects);
  });

  test('shared limits and a token budget are listed as settings the route relies on; per-replica limits are not', () => {
    const annotation = (o: any) => find(o, 'HTTPRoute', 'llm').metadata.annotations['secure-ai.cdk8s.io/relies-on-platform'];
    const shared = annotation(synth({ limits: { scope: LimitScope.SHARED, tokenBudget: { tokensPerHour: 50000 } } }).objects);
    expect(shared).toMatch(/Envoy Gateway's rate-limit service is configured \(EnvoyGateway rateLimit\.backend/);
    expect(shared).toMatch(/Envoy AI Gateway's external processor runs on the endpoint's route and writes .* io\.envoy\.ai_gateway\/llm_total_token/);
    expect(annotation(synth().objects)).not.toMatch(/rate-limit service|AI Gateway/);
  });

  test('a canary by weight splits the backends; a canary by header gets a rule of its own, first', () => {
    const canary = { backend: InferenceBackend.service('llm-v2', 8000, { app: 'llm-v2' }), weightPercent: 10 };
    const weighted = find(synth({ canary, namespaceQuota: EXISTING_SERVICE_QUOTA }).objects, 'HTTPRoute', 'llm');
    expect(weighted.spec.rules[0].backendRefs).toStrictEqual([{ kind: 'Service', name: 'llm', port: 8000, weight: 90 }, { kind: 'Service', name: 'llm-v2', port: 8000, weight: 10 }]);
    const byHeader = find(synth({ canary: { backend: canary.backend, header: 'X-Canary' }, namespaceQuota: EXISTING_SERVICE_QUOTA }).objects, 'HTTPRoute', 'llm');
    expect(byHeader.spec.rules).toHaveLength(2);
    expect(byHeader.spec.rules[0].matches[0].headers).toStrictEqual([{ name: 'X-Canary', value: 'always' }]);
    expect(byHeader.spec.rules[0].backendRefs).toStrictEqual([{ kind: 'Service', name: 'llm-v2', port: 8000 }]);
    expect(byHeader.spec.rules[1].backendRefs).toStrictEqual([{ kind: 'Service', name: 'llm', port: 8000 }]);
  });

  test('only the Gateway\'s Envoy pods reach the model pods, on the pod port', () => {
    const np = find(synth().objects, 'NetworkPolicy', 'llm-from-controller');
    expect(np.spec.ingress).toStrictEqual([{
      from: [{
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' } },
        podSelector: {
          matchLabels: {
            'app.kubernetes.io/component': 'proxy',
            'app.kubernetes.io/managed-by': 'envoy-gateway',
            'app.kubernetes.io/name': 'envoy',
            'gateway.envoyproxy.io/owning-gateway-name': 'platform-gateway',
            'gateway.envoyproxy.io/owning-gateway-namespace': 'envoy-gateway-system',
          },
        },
      }],
      ports: [{ port: 8000, protocol: 'TCP' }],
    }]);
  });

  test('the route lists the Gateway settings the endpoint relies on', () => {
    const route = find(synth().objects, 'HTTPRoute', 'llm');
    expect(route.metadata.annotations['secure-ai.cdk8s.io/relies-on-platform']).toMatch(/^Gateway envoy-gateway-system\/platform-gateway listener https: HTTPS with a certificate.*redirects to HTTPS.*TLSv1\.2 or newer/);
  });

  test('fails when the endpoint asks for its own certificate on a platform Gateway', () => {
    expect(() => synth({ tls: { issuer: CertificateIssuer.clusterIssuer('letsencrypt') } }))
      .toThrow(/Invalid tls\.issuer: "letsencrypt"\. envoy-gateway cannot honour this option\..*remove tls\.issuer/s);
  });
});
