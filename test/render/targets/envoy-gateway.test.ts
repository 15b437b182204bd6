import {
  Authentication, BackendCaBundle, CertificateIssuer, CorazaWasmModule, EdgeController, GatewayListener, InferenceBackend, JwtAuthOptions,
  JwtClaimRequirement, LimitScope, LlmWafProfile, ModelServer, WafMode,
} from '../../../src';
import { buildEndpointModel } from '../../../src/model/endpoint-model';
import { renderCorazaDirectives } from '../../../src/render/waf/llm-waf-rules';
import { DIGEST_IMAGE, EXISTING_SERVICE_QUOTA, MINIMAL_ENVOY_GATEWAY_ENDPOINT, PLATFORM_GATEWAY, synthEndpoint } from '../../support/endpoint-fixtures';
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
      jwt: { providers: [{ name: 'inference', remoteJWKS: { uri: 'https://127.0.0.1:8443/jwks.json' }, issuer: 'https://127.0.0.1:8443', audiences: ['chat'] }] },
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

  describe('identity', () => {
    const jwt = (options: Partial<JwtAuthOptions>) => Authentication.jwt({
      jwksUri: 'https://127.0.0.1:8443/jwks.json', issuer: 'https://127.0.0.1:8443', audiences: ['chat'], ...options,
    });
    const mlTeam = { name: 'ml-team', claims: [JwtClaimRequirement.listContains('groups', ['ml-team'])] };

    test('claim and scope rules allow, in order, and every other token is denied', () => {
      const policy = find(synth({
        authentication: jwt({ authorization: [mlTeam, { scopes: ['inference:invoke'], claims: [JwtClaimRequirement.stringEquals('tenant', ['acme'])] }] }),
      }).objects, 'SecurityPolicy', 'llm');
      expect(policy.spec.authorization).toStrictEqual({
        defaultAction: 'Deny',
        rules: [
          { name: 'ml-team', action: 'Allow', principal: { jwt: { provider: 'inference', claims: [{ name: 'groups', valueType: 'StringArray', values: ['ml-team'] }] } } },
          { name: 'allow-2', action: 'Allow', principal: { jwt: { provider: 'inference', claims: [{ name: 'tenant', valueType: 'String', values: ['acme'] }], scopes: ['inference:invoke'] } } },
        ],
      });
    });

    test('with source ranges, a request must hold the claims and come from an allowed range; denied ranges are refused first', () => {
      const policy = find(synth({ authentication: jwt({ authorization: [mlTeam] }), sourceRanges: { allow: ['10.0.0.0/8'], deny: ['10.9.0.0/16'] } }).objects, 'SecurityPolicy', 'llm');
      expect(policy.spec.authorization).toStrictEqual({
        defaultAction: 'Deny',
        rules: [
          { name: 'deny-source-ranges', action: 'Deny', principal: { clientCIDRs: ['10.9.0.0/16'] } },
          // One principal: Envoy Gateway matches it only when the address and the claims both match.
          { name: 'ml-team', action: 'Allow', principal: { clientCIDRs: ['10.0.0.0/8'], jwt: { provider: 'inference', claims: [{ name: 'groups', valueType: 'StringArray', values: ['ml-team'] }] } } },
        ],
      });
      // Denied ranges alone still leave every other address and token to the claim rules.
      const denyOnly = find(synth({ authentication: jwt({ authorization: [mlTeam] }), sourceRanges: { deny: ['10.9.0.0/16'] } }).objects, 'SecurityPolicy', 'llm');
      expect(denyOnly.spec.authorization.defaultAction).toBe('Deny');
      expect(denyOnly.spec.authorization.rules.map((r: any) => r.name)).toStrictEqual(['deny-source-ranges', 'ml-team']);
    });

    test('forwarded claims: the provider writes them as headers, and a token without one is denied before any allow rule', () => {
      const policy = find(synth({
        authentication: jwt({ claimToHeaders: [{ claim: 'sub', header: 'X-User-Id' }, { claim: 'org.tenant', header: 'x-tenant' }] }),
      }).objects, 'SecurityPolicy', 'llm');
      expect(policy.spec.jwt.providers[0].claimToHeaders).toStrictEqual([{ claim: 'sub', header: 'x-user-id' }, { claim: 'org.tenant', header: 'x-tenant' }]);
      expect(policy.spec.authorization).toStrictEqual({
        defaultAction: 'Allow',
        rules: [{ name: 'deny-tokens-without-forwarded-claims', action: 'Deny', cel: "!('x-user-id' in request.headers) || !('x-tenant' in request.headers)" }],
      });
      const withRules = find(synth({ authentication: jwt({ authorization: [mlTeam], claimToHeaders: [{ claim: 'sub', header: 'x-user-id' }] }) }).objects, 'SecurityPolicy', 'llm');
      expect(withRules.spec.authorization.rules.map((r: any) => r.name)).toStrictEqual(['deny-tokens-without-forwarded-claims', 'ml-team']);
    });

    test('no claim rule and no forwarded claim: no authorization at all', () => {
      expect(find(synth().objects, 'SecurityPolicy', 'llm').spec.authorization).toBeUndefined();
    });

    test('the BackendTrafficPolicy adds a budget per identity (each value of the forwarded header) to the per-address ones', () => {
      const policy = find(synth({
        authentication: jwt({ claimToHeaders: [{ claim: 'sub', header: 'x-user-id' }] }),
        limits: { requestsPerSecond: 5, perIdentity: { header: 'X-User-Id', requestsPerSecond: 2, requestsPerMinute: 30, requestsPerHour: 600 } },
      }).objects, 'BackendTrafficPolicy', 'llm');
      const perIdentity = (requests: number, unit: string) => ({ clientSelectors: [{ headers: [{ name: 'x-user-id', type: 'Distinct' }] }], limit: { requests, unit } });
      expect(policy.spec.rateLimit.local.rules).toStrictEqual([
        { clientSelectors: [{ sourceCIDR: { type: 'Distinct', value: '0.0.0.0/0' } }], limit: { requests: 5, unit: 'Second' } },
        { clientSelectors: [{ sourceCIDR: { type: 'Distinct', value: '::/0' } }], limit: { requests: 5, unit: 'Second' } },
        perIdentity(2, 'Second'),
        perIdentity(30, 'Minute'),
        perIdentity(600, 'Hour'),
      ]);
    });
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

  describe('OIDC login', () => {
    const oidc = (options = {}) => synth({
      authentication: Authentication.oidc({
        issuer: 'https://127.0.0.1:9443',
        clientId: 'chat-ui',
        clientSecretName: 'chat-ui-oidc',
        authorizationEndpoint: 'https://127.0.0.1:9443/authorize',
        tokenEndpoint: 'https://localhost:9443/token',
        ...options,
      }),
    }).objects;

    test('the route names Envoy Gateway\'s cookie-signing Secret among the settings it relies on', () => {
      const relies = find(oidc(), 'HTTPRoute', 'llm').metadata.annotations['secure-ai.cdk8s.io/relies-on-platform'];
      expect(relies).toContain('envoy-oidc-hmac Secret');
      expect(find(synth().objects, 'HTTPRoute', 'llm').metadata.annotations['secure-ai.cdk8s.io/relies-on-platform']).not.toContain('envoy-oidc-hmac');
    });

    test('the SecurityPolicy logs browsers in: openid, Lax cookies, refreshed tokens, the access token kept at the gateway', () => {
      const spec = find(oidc({ scopes: ['profile'] }), 'SecurityPolicy', 'llm').spec;
      expect(spec).toStrictEqual({
        targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'llm' }],
        oidc: {
          provider: { issuer: 'https://127.0.0.1:9443', authorizationEndpoint: 'https://127.0.0.1:9443/authorize', tokenEndpoint: 'https://localhost:9443/token' },
          clientID: 'chat-ui',
          clientSecret: { group: '', kind: 'Secret', name: 'chat-ui-oidc' },
          logoutPath: '/logout',
          scopes: ['openid', 'profile'],
          cookieConfig: { sameSite: 'Lax' },
          refreshToken: true,
          forwardAccessToken: false,
          passThroughAuthHeader: false,
          disableTokenEncryption: false,
        },
      });
    });

    test('the route sends the login callback and the logout path to the gateway, and removes any Authorization header and the session cookies', () => {
      const route = find(oidc({ redirectUrl: 'https://llm.example.com/login/done' }), 'HTTPRoute', 'llm');
      expect(route.spec.rules).toHaveLength(2);
      expect(route.spec.rules[1].matches).toStrictEqual([
        { path: { type: 'Exact', value: '/login/done' }, method: 'GET' },
        { path: { type: 'Exact', value: '/logout' }, method: 'GET' },
      ]);
      for (const rule of route.spec.rules) expect(rule.filters[0]).toStrictEqual({ type: 'RequestHeaderModifier', requestHeaderModifier: { remove: ['Authorization', 'Cookie'] } });
      expect(find(oidc({ redirectUrl: 'https://llm.example.com/login/done' }), 'SecurityPolicy', 'llm').spec.oidc.redirectURL).toBe('https://llm.example.com/login/done');
    });

    test('forwardAccessTokenInsecure forwards the access token: the route keeps the Authorization header the gateway writes, not the session cookies', () => {
      const objects = oidc({ forwardAccessTokenInsecure: true });
      expect(find(objects, 'SecurityPolicy', 'llm').spec.oidc.forwardAccessToken).toBe(true);
      for (const rule of find(objects, 'HTTPRoute', 'llm').spec.rules) {
        expect(rule.filters[0]).toStrictEqual({ type: 'RequestHeaderModifier', requestHeaderModifier: { remove: ['Cookie'] } });
      }
    });

    test('without OIDC the route leaves the client\'s cookies alone', () => {
      const filters = find(synth().objects, 'HTTPRoute', 'llm').spec.rules[0].filters;
      expect(JSON.stringify(filters)).not.toContain('Cookie');
    });

    test('the objects are valid against the Kubernetes schemas', () => {
      validateAgainstKubernetesSchema(oidc({ scopes: ['profile'] }));
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

  test('shared limits per identity: Global rules per distinct forwarded claim header, after the per-client ones', () => {
    const { objects } = synth({
      authentication: Authentication.jwt({
        jwksUri: 'https://127.0.0.1:8443/jwks.json', issuer: 'https://127.0.0.1:8443', audiences: ['chat'], claimToHeaders: [{ claim: 'sub', header: 'x-user-id' }],
      }),
      limits: { scope: LimitScope.SHARED, requestsPerSecond: 5, perIdentity: { header: 'x-user-id', requestsPerMinute: 30, requestsPerHour: 600 } },
    });
    const rateLimit = find(objects, 'BackendTrafficPolicy', 'llm').spec.rateLimit;
    expect(rateLimit.type).toBe('Global');
    expect(rateLimit.local).toBeUndefined();
    const perIdentity = (requests: number, unit: string) => ({
      clientSelectors: [{ path: { type: 'PathPrefix', value: '/' }, headers: [{ name: 'x-user-id', type: 'Distinct' }] }],
      limit: { requests, unit },
    });
    expect(rateLimit.global.rules.slice(2)).toStrictEqual([perIdentity(30, 'Minute'), perIdentity(600, 'Hour')]);
    validateAgainstKubernetesSchema(objects);
  });

  test('shared limits and a token budget are listed as settings the route relies on; per-replica limits are not', () => {
    const annotation = (o: any, kind = 'HTTPRoute') => find(o, kind, 'llm').metadata.annotations['secure-ai.cdk8s.io/relies-on-platform'];
    expect(annotation(synth({ limits: { scope: LimitScope.SHARED } }).objects)).toMatch(/Envoy Gateway's rate-limit service is configured \(EnvoyGateway rateLimit\.backend/);
    const budget = annotation(synth({ limits: { scope: LimitScope.SHARED, tokenBudget: { tokensPerHour: 50000 } } }).objects, 'AIGatewayRoute');
    expect(budget).toMatch(/Envoy Gateway's rate-limit service is configured/);
    expect(budget).toMatch(/the Envoy AI Gateway \(v1\.1\) controller, ServiceAccount envoy-ai-gateway-system\/ai-gateway-controller, generates HTTPRoute llm from the endpoint's AIGatewayRoute, .* io\.envoy\.ai_gateway\/llm_total_token/);
    expect(budget).toMatch(/Backend API is enabled \(EnvoyGateway extensionApis\.enableBackend/);
    expect(budget).toMatch(/the Gateway sets Strict-Transport-Security/);
    expect(budget).toMatch(/SecurityPolicy's first rule refuses \(403\) whatever is not one of the model server's inference routes/);
    expect(annotation(synth().objects)).not.toMatch(/rate-limit service|AI Gateway/);
  });

  describe('with a token budget (through the Envoy AI Gateway)', () => {
    const limits = { scope: LimitScope.SHARED, requestsPerSecond: 5, tokenBudget: { tokensPerMinute: 2000 } };
    const budgeted = (overrides = {}) => synth({ limits, ...overrides });

    test('renders an AIGatewayRoute and its backends instead of the HTTPRoute; the policies target the HTTPRoute the AI Gateway generates from it (same name)', () => {
      const { objects } = budgeted();
      expect(objects.filter((o) => o.kind === 'HTTPRoute')).toStrictEqual([]);
      expect(find(objects, 'AIGatewayRoute', 'llm').apiVersion).toBe('aigateway.envoyproxy.io/v1beta1');
      expect(find(objects, 'AIServiceBackend', 'llm').spec.backendRef).toStrictEqual({ group: 'gateway.envoyproxy.io', kind: 'Backend', name: 'llm' });
      expect(find(objects, 'Backend', 'llm').spec.endpoints).toStrictEqual([{ fqdn: { hostname: 'llm.serving.svc.cluster.local', port: 8000 } }]);
      const targetRefs = [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'llm' }];
      expect(find(objects, 'SecurityPolicy', 'llm').spec.targetRefs).toStrictEqual(targetRefs);
      expect(find(objects, 'BackendTrafficPolicy', 'llm').spec.targetRefs).toStrictEqual(targetRefs);
      validateAgainstKubernetesSchema(objects);
    });

    test('the SecurityPolicy\'s first rule refuses every path and method outside the model server\'s inference routes (the route matches every path)', () => {
      const rules = find(budgeted().objects, 'SecurityPolicy', 'llm').spec.authorization.rules;
      expect(rules[0].name).toBe('deny-outside-inference-routes');
      expect(rules[0].action).toBe('Deny');
      expect(rules[0].cel).toMatch(/^!\(/);
      expect(rules[0].cel).toContain("(request.url_path == '/v1/chat/completions' && request.method == 'POST')");
      expect(rules[0].cel).not.toMatch(/load_lora_adapter|metrics|collective_rpc|sleep/);
      // Without a budget the HTTPRoute holds the allow-list, and the policy has no such rule.
      const plain = find(synth({ sourceRanges: { allow: ['10.0.0.0/8'] } }).objects, 'SecurityPolicy', 'llm').spec.authorization.rules;
      expect(plain.map((r: any) => r.name)).not.toContain('deny-outside-inference-routes');
    });
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

  describe('the WAF through an EnvoyExtensionPolicy (coraza-proxy-wasm)', () => {
    const SHA = 'ab'.repeat(32);
    const image = CorazaWasmModule.fromImage('registry.platform.internal/waf/coraza-proxy-wasm:0.6.0', SHA);
    const withWaf = (module = image, overrides = {}) =>
      synth({ controller: EdgeController.envoyGateway({ gateway: PLATFORM_GATEWAY, waf: { module } }), waf: undefined, ...overrides });

    test('runs the profile\'s Coraza directives in the module on the route, failing closed, and nothing in the platform\'s Gateway', () => {
      const { objects, hardening } = withWaf();
      const policy = find(objects, 'EnvoyExtensionPolicy', 'llm');
      const wasm = policy.spec.wasm[0];
      expect(policy.spec.targetRefs).toStrictEqual([{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'llm' }]);
      expect(wasm.code).toStrictEqual({ type: 'Image', image: { url: 'registry.platform.internal/waf/coraza-proxy-wasm:0.6.0', sha256: SHA } });
      expect(wasm.failOpen).toBe(false);
      expect(wasm.name).toBe('coraza-llm-waf');
      // The configuration coraza-proxy-wasm reads: a directives map and the default among them.
      expect(Object.keys(wasm.config).sort()).toStrictEqual(['default_directives', 'directives_map']);
      expect(wasm.config.default_directives).toBe('llm-waf');
      const directives = wasm.config.directives_map['llm-waf'].join('\n');
      expect(directives).toMatch(/^# LLM inference WAF profile/);
      expect(directives).toContain('SecRuleEngine On\n');
      expect(directives).toContain('Include @crs-setup-conf\n');
      expect(directives).not.toContain('@verifyCC');
      expect(directives).toContain('llm\\.example\\.com');
      expect(hardening).toStrictEqual([]);
      validateAgainstKubernetesSchema(objects);
    });

    test('the directives are the profile rendered for the endpoint\'s routes and hosts, byte for byte', () => {
      const profile = new LlmWafProfile({ mode: WafMode.DETECT });
      const controller = EdgeController.envoyGateway({ gateway: PLATFORM_GATEWAY, waf: { module: image } });
      const { objects } = withWaf(image, { waf: { profile } });
      const wasm = find(objects, 'EnvoyExtensionPolicy', 'llm').spec.wasm[0];
      const m = buildEndpointModel('llm', { ...MINIMAL_ENVOY_GATEWAY_ENDPOINT, controller, waf: { profile } });
      expect(wasm.config.directives_map['llm-waf']).toStrictEqual([renderCorazaDirectives(m.waf.profile!, {
        routes: m.routes.map((r: any) => ({ path: r.path, pathMatch: r.pathType, methods: r.methods, contentTypes: r.contentTypes })),
        hosts: m.hosts,
      })]);
      expect(wasm.config.directives_map['llm-waf'][0]).toContain('SecRuleEngine DetectionOnly\n');
    });

    test('a module over HTTP is named by its URL and SHA-256; the request body is buffered whole for inspection, up to the body limit', () => {
      const { objects } = withWaf(CorazaWasmModule.fromUrl('https://wasm.platform.internal/coraza-proxy-wasm.wasm', SHA));
      expect(find(objects, 'EnvoyExtensionPolicy', 'llm').spec.wasm[0].code)
        .toStrictEqual({ type: 'HTTP', http: { url: 'https://wasm.platform.internal/coraza-proxy-wasm.wasm', sha256: SHA } });
      expect(find(objects, 'BackendTrafficPolicy', 'llm').spec.requestBuffer).toStrictEqual({ limit: '32768Ki' });
    });

    test('the route names the module the WAF relies on', () => {
      const route = find(withWaf().objects, 'HTTPRoute', 'llm');
      expect(route.metadata.annotations['secure-ai.cdk8s.io/relies-on-platform'])
        .toContain(`the platform serves the coraza-proxy-wasm module (the LLM WAF) at registry.platform.internal/waf/coraza-proxy-wasm:0.6.0 (sha256 ${SHA})`);
    });

    test('no EnvoyExtensionPolicy when the WAF is off', () => {
      expect(synth().objects.filter((o) => o.kind === 'EnvoyExtensionPolicy')).toStrictEqual([]);
    });

    test('the deployer may write EnvoyExtensionPolicies only when the endpoint writes one; change control guards them either way', () => {
      const resourcesOf = (objects: any[]) => objects.filter((o) => o.kind === 'Role' && /deployer/.test(o.metadata.name))
        .flatMap((r) => r.rules.flatMap((x: any) => x.resources));
      // The deployer's Role and the change-control policy are platform-owned objects.
      expect(resourcesOf(withWaf().platform)).toContain('envoyextensionpolicies');
      expect(resourcesOf(synth().platform)).not.toContain('envoyextensionpolicies');
      expect(resourcesOf(synth().platform)).toContain('securitypolicies');
      const guarded = (objects: any[]) => JSON.stringify(objects.filter((o) => o.kind === 'ValidatingAdmissionPolicy'));
      expect(guarded(withWaf().platform)).toContain('envoyextensionpolicies');
      expect(guarded(synth().platform)).toContain('envoyextensionpolicies');
    });

    test('fails when the WAF is on and the controller names no module, naming waf.enabled and controller waf.module', () => {
      expect(() => synth({ waf: undefined }))
        .toThrow(/Invalid waf\.enabled: true\. envoy-gateway cannot honour this option\..*waf: \{ module: CorazaWasmModule\.fromImage\(image, sha256\) \}/s);
    });
  });

  describe('Calico Ingress Gateway', () => {
    test('is rendered as Envoy Gateway, with the WAF through an EnvoyExtensionPolicy and the Envoy pods in tigera-gateway', () => {
      const module = CorazaWasmModule.fromImage('registry.platform.internal/waf/coraza-proxy-wasm:0.6.0', 'cd'.repeat(32));
      const gateway = { name: 'calico-gateway', namespace: 'tigera-gateway', sectionName: 'https' };
      const { objects } = synth({ controller: EdgeController.calicoIngressGateway({ gateway, waf: { module } }), waf: undefined });
      expect(objects.filter((o) => o.apiVersion.startsWith('gateway.')).map((o) => o.kind).sort())
        .toStrictEqual(['BackendTrafficPolicy', 'EnvoyExtensionPolicy', 'HTTPRoute', 'SecurityPolicy']);
      expect(find(objects, 'HTTPRoute', 'llm').spec.parentRefs).toStrictEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', ...gateway }]);
      expect(find(objects, 'HTTPRoute', 'llm').metadata.annotations['secure-ai.cdk8s.io/relies-on-platform']).toContain('tigera-gateway-class');
      const np = find(objects, 'NetworkPolicy', 'llm-from-controller');
      expect(np.spec.ingress[0].from[0].namespaceSelector).toStrictEqual({ matchLabels: { 'kubernetes.io/metadata.name': 'tigera-gateway' } });
      expect(np.spec.ingress[0].from[0].podSelector.matchLabels['gateway.envoyproxy.io/owning-gateway-name']).toBe('calico-gateway');
      validateAgainstKubernetesSchema(objects);
    });
  });

  describe('backendTls', () => {
    const backendTls = { issuer: CertificateIssuer.clusterIssuer('models-ca'), caBundle: BackendCaBundle.configMap('models-ca') };

    test('a BackendTLSPolicy per model Service: the CA bundle and the Service\'s DNS name; each Service by its own name', () => {
      const canary = { backend: InferenceBackend.workload({ image: DIGEST_IMAGE }), weightPercent: 10 };
      const { objects } = synth({ backendTls, canary });
      expect(objects.filter((o) => o.kind === 'BackendTLSPolicy').map((o) => [o.metadata.name, o.spec])).toStrictEqual([
        ['llm-backend-tls', {
          targetRefs: [{ group: '', kind: 'Service', name: 'llm' }],
          validation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'models-ca' }], hostname: 'llm.serving.svc' },
        }],
        ['llm-canary-backend-tls', {
          targetRefs: [{ group: '', kind: 'Service', name: 'llm-canary' }],
          validation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'models-ca' }], hostname: 'llm-canary.serving.svc' },
        }],
      ]);
      expect(objects.filter((o) => o.kind === 'BackendTLSPolicy').every((o) => o.apiVersion === 'gateway.networking.k8s.io/v1')).toBe(true);
      validateAgainstKubernetesSchema(objects);
    });

    test('the deployer writes the BackendTLSPolicies and the model servers\' Certificates; change control guards them', () => {
      const { platform } = synth({ backendTls });
      const granted = find(platform, 'Role', 'llm-deployer').rules.flatMap((r: any) => r.resources);
      expect(granted).toEqual(expect.arrayContaining(['backendtlspolicies', 'certificates']));
      const policy = find(platform, 'ValidatingAdmissionPolicy');
      expect(policy.spec.variables).toContainEqual({ name: 'serverTlsSecrets', expression: "['llm-server-tls']" });
      const reaches = policy.spec.variables.find((v: any) => v.name === 'reaches').expression;
      expect(reaches).toContain("request.resource.resource == 'backendtlspolicies' && ((has(x.spec.targetRefs) && x.spec.targetRefs.exists(t, t.group == '' && t.kind == 'Service' && t.name in variables.modelServices)))");
      expect(reaches).toContain('x.spec.secretName in variables.serverTlsSecrets');
    });

    test('without it, no BackendTLSPolicy and no rights on them, but change control still guards those aimed at the model Services', () => {
      const { objects, platform } = synth();
      expect(objects.filter((o) => o.kind === 'BackendTLSPolicy')).toStrictEqual([]);
      const granted = find(platform, 'Role', 'llm-deployer').rules.flatMap((r: any) => r.resources);
      expect(granted).not.toContain('backendtlspolicies');
      expect(granted).not.toContain('certificates');
      const policy = find(platform, 'ValidatingAdmissionPolicy');
      expect(policy.spec.matchConstraints.resourceRules.flatMap((r: any) => r.resources)).toContain('backendtlspolicies');
      expect(policy.spec.variables.find((v: any) => v.name === 'reaches').expression).toContain("request.resource.resource == 'backendtlspolicies'");
    });

    test('the security report names the CA bundle the endpoint relies on', () => {
      const route = find(synth({ backendTls }).objects, 'HTTPRoute', 'llm');
      expect(route.metadata.annotations['secure-ai.cdk8s.io/relies-on-platform'])
        .toContain('ConfigMap serving/models-ca holds under ca.crt the CA of ClusterIssuer models-ca');
    });
  });

  describe('with a gRPC API (Triton, grpc: true)', () => {
    const grpc = {
      modelServer: ModelServer.triton(['resnet50'], undefined, { grpc: true }),
      backend: InferenceBackend.workload({ image: DIGEST_IMAGE, args: ['tritonserver', '--model-repository=/models'] }),
    };

    test('a GRPCRoute on the same listener and hosts matches the preset\'s methods exactly, removes the token, sets HSTS, and sends to the gRPC port', () => {
      const { objects } = synth(grpc);
      const route = find(objects, 'GRPCRoute', 'llm');
      expect(route.spec.parentRefs).toStrictEqual(find(objects, 'HTTPRoute', 'llm').spec.parentRefs);
      expect(route.spec.hostnames).toStrictEqual(['llm.example.com']);
      expect(route.spec.rules).toHaveLength(1);
      expect(route.spec.rules[0].matches.map((m: any) => `${m.method.type} ${m.method.service}/${m.method.method}`)).toStrictEqual([
        'ServerLive', 'ServerReady', 'ModelReady', 'ServerMetadata', 'ModelMetadata', 'ModelInfer', 'ModelStreamInfer',
      ].map((method) => `Exact inference.GRPCInferenceService/${method}`));
      // Each method matches gRPC requests only: a plain HTTP POST to the method's path is not routed.
      for (const m of route.spec.rules[0].matches) {
        expect(m.headers).toStrictEqual([{ type: 'RegularExpression', name: 'content-type', value: '^application/grpc(\\+[a-z0-9]+)?$' }]);
      }
      expect(route.spec.rules[0].filters).toStrictEqual(find(objects, 'HTTPRoute', 'llm').spec.rules[0].filters);
      expect(route.spec.rules[0].backendRefs).toStrictEqual([{ kind: 'Service', name: 'llm', port: 8001 }]);
      validateAgainstKubernetesSchema(objects);
    });

    test('the SecurityPolicy targets the HTTPRoute and the GRPCRoute; the request-buffering BackendTrafficPolicy the HTTPRoute only', () => {
      const { objects } = synth(grpc);
      expect(find(objects, 'SecurityPolicy', 'llm').spec.targetRefs).toStrictEqual([
        { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'llm' },
        { group: 'gateway.networking.k8s.io', kind: 'GRPCRoute', name: 'llm' },
      ]);
      const http = find(objects, 'BackendTrafficPolicy', 'llm');
      expect(http.spec.targetRefs).toStrictEqual([{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'llm' }]);
      expect(http.spec.requestBuffer).toStrictEqual({ limit: '32768Ki' });
    });

    test('the GRPCRoute\'s own BackendTrafficPolicy: the same rate limits, no request buffer (a stream flows message by message), no request timeout, the idle timeout', () => {
      for (const limits of [{}, { scope: LimitScope.SHARED, requestsPerSecond: 5, requestsPerMinute: 120 }]) {
        const { objects } = synth({ ...grpc, limits });
        const http = find(objects, 'BackendTrafficPolicy', 'llm');
        const policy = find(objects, 'BackendTrafficPolicy', 'llm-grpc');
        expect(policy.metadata.namespace).toBe(http.metadata.namespace);
        expect(policy.spec.targetRefs).toStrictEqual([{ group: 'gateway.networking.k8s.io', kind: 'GRPCRoute', name: 'llm' }]);
        expect(policy.spec.rateLimit).toStrictEqual(http.spec.rateLimit);
        expect(policy.spec.requestBuffer).toBeUndefined();
        expect(policy.spec.timeout).toStrictEqual({
          http: { requestTimeout: '0s', streamIdleTimeout: http.spec.timeout.http.streamIdleTimeout },
          tcp: http.spec.timeout.tcp,
        });
      }
      expect(synth().objects.filter((o) => o.kind === 'BackendTrafficPolicy').map((o) => o.metadata.name)).toStrictEqual(['llm']);
    });

    test('on the endpoint\'s own listener, the GRPCRoute attaches to its ListenerSet', () => {
      const { objects } = synth({
        ...grpc,
        controller: EdgeController.envoyGateway({ gateway: { name: 'platform-gateway', namespace: 'envoy-gateway-system' }, listener: GatewayListener.own() }),
        tls: { issuer: CertificateIssuer.clusterIssuer('letsencrypt') },
      });
      expect(find(objects, 'GRPCRoute', 'llm').spec.parentRefs).toStrictEqual(find(objects, 'HTTPRoute', 'llm').spec.parentRefs);
      expect(find(objects, 'GRPCRoute', 'llm').spec.parentRefs[0].kind).toBe('ListenerSet');
    });

    test('the deployer writes GRPCRoutes; without gRPC, no GRPCRoute and no rights on them, but change control still guards those reaching the model', () => {
      const withGrpc = synth(grpc).platform;
      expect(find(withGrpc, 'Role', 'llm-deployer').rules.flatMap((r: any) => r.resources)).toContain('grpcroutes');
      const { objects, platform } = synth();
      expect(objects.filter((o) => o.kind === 'GRPCRoute')).toStrictEqual([]);
      expect(find(platform, 'Role', 'llm-deployer').rules.flatMap((r: any) => r.resources)).not.toContain('grpcroutes');
      const policy = find(platform, 'ValidatingAdmissionPolicy');
      expect(policy.spec.matchConstraints.resourceRules.flatMap((r: any) => r.resources)).toContain('grpcroutes');
      const variable = (name: string) => policy.spec.variables.find((v: any) => v.name === name).expression;
      expect(variable('reaches')).toContain("request.resource.resource == 'grpcroutes' && ((has(x.spec.rules) && x.spec.rules.exists(r, (has(r.backendRefs)");
      // A GRPCRoute serving the endpoint's hosts is judged as an HTTPRoute serving them.
      expect(JSON.stringify(policy.spec.variables)).toMatch(/request.resource.resource == 'grpcroutes' && \(\(!has\(x.spec.hostnames\)/);
      // A policy attached to the endpoint's GRPCRoute is judged as one attached to its HTTPRoute.
      expect(variable('reaches')).toContain("t.kind in ['HTTPRoute', 'GRPCRoute'] && t.name in variables.routes");
    });
  });
});
