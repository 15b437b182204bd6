import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { renderAiGatewayRoute } from './envoy-ai-gateway';
import { renderGatewayListener } from './envoy-gateway-listener';
import { renderInferencePool } from './inference-pool';
import { RenderedTarget } from './rendered-target';
import {
  BackendTrafficPolicy,
  BackendTrafficPolicySpecRateLimit,
  BackendTrafficPolicySpecRateLimitGlobalRules,
  BackendTrafficPolicySpecRateLimitGlobalRulesClientSelectorsHeadersType,
  BackendTrafficPolicySpecRateLimitGlobalRulesClientSelectorsPathType,
  BackendTrafficPolicySpecRateLimitGlobalRulesClientSelectorsSourceCidrType,
  BackendTrafficPolicySpecRateLimitGlobalRulesCostRequestFrom,
  BackendTrafficPolicySpecRateLimitGlobalRulesCostResponseFrom,
  BackendTrafficPolicySpecRateLimitGlobalRulesLimitUnit,
  BackendTrafficPolicySpecRateLimitLocalRules,
  BackendTrafficPolicySpecRateLimitLocalRulesClientSelectorsHeadersType,
  BackendTrafficPolicySpecRateLimitLocalRulesClientSelectorsSourceCidrType,
  BackendTrafficPolicySpecRateLimitLocalRulesLimitUnit,
  BackendTrafficPolicySpecRateLimitType,
  BackendTrafficPolicySpecRequestBufferLimit,
  EnvoyExtensionPolicy,
  EnvoyExtensionPolicySpecWasmCodeType,
  SecurityPolicy,
  SecurityPolicySpec,
  SecurityPolicySpecAuthorizationDefaultAction,
  SecurityPolicySpecAuthorizationRules,
  SecurityPolicySpecAuthorizationRulesAction,
  SecurityPolicySpecAuthorizationRulesPrincipalJwtClaimsValueType,
  SecurityPolicySpecOidcCookieConfigSameSite,
} from '../../imports/gateway.envoyproxy.io';
import {
  BackendTlsPolicy,
  GrpcRoute,
  GrpcRouteSpecRulesFiltersType,
  GrpcRouteSpecRulesMatchesHeadersType,
  GrpcRouteSpecRulesMatchesMethodType,
  HttpRoute,
  HttpRouteSpecRules,
  HttpRouteSpecRulesBackendRefs,
  HttpRouteSpecRulesFilters,
  HttpRouteSpecRulesFiltersType,
  HttpRouteSpecRulesMatches,
  HttpRouteSpecRulesMatchesMethod,
  HttpRouteSpecRulesMatchesPathType,
} from '../../imports/gateway.networking.k8s.io';
import { BackendModel } from '../../model/endpoint/backend';
import { IdentityLimitsModel, LimitsModel } from '../../model/endpoint/limits';
import { EndpointModel } from '../../model/endpoint-model';
import { AuthenticationKind } from '../../options/authentication';
import { WasmCodeSource } from '../../options/coraza-wasm-module';
import { LimitScope } from '../../options/limit-scope';
import { ValidationError } from '../../options/validation-error';
import { renderCorazaDirectives } from '../waf/llm-waf-rules';

/** The name of the WAF's directives in coraza-proxy-wasm's configuration (`directives_map`). */
export const CORAZA_DIRECTIVES_NAME = 'llm-waf';

const LimitUnit = BackendTrafficPolicySpecRateLimitLocalRulesLimitUnit;

/** The content types of gRPC requests: `application/grpc`, or with a message format (`application/grpc+proto`). */
const GRPC_CONTENT_TYPE = '^application/grpc(\\+[a-z0-9]+)?$';

/** IPv4 and IPv6: a per-client limit counts each address of either family on its own. */
const EVERY_CLIENT = ['0.0.0.0/0', '::/0'];

/** The dynamic-metadata namespace the Envoy AI Gateway writes each response's token counts to. */
const AI_GATEWAY_METADATA_NAMESPACE = 'io.envoy.ai_gateway';

/**
 * Renders the endpoint for Envoy Gateway: an `HTTPRoute` attached to the platform's Gateway
 * that matches only the inference routes (exact path and method; anything else gets 404), sends
 * them to the model Service (and the canary, by weight or header), removes the credential the
 * gateway has checked before the request reaches the model server (Envoy Gateway forwards a
 * verified JWT by default), and adds HSTS; a `SecurityPolicy` on the route for authentication,
 * authorisation by client address ranges and JWT claims, and claims forwarded as headers; a
 * `BackendTrafficPolicy` on the route for rate limits per client address and per caller identity
 * (local to each Envoy replica, or global: shared by every replica through Envoy Gateway's
 * rate-limit service, with the token budget spent by each response's token count), the body limit
 * and the timeouts LLM streaming needs; with `backendTls`, a `BackendTLSPolicy` per model Service
 * (the CA bundle and the Service's DNS name). With an InferencePool backend, the pool
 * (`inference-pool.ts`), which the route names instead of the model Service. With an endpoint-owned listener, its ListenerSet and
 * ClientTrafficPolicy (`envoy-gateway-listener.ts`), and the route attaches to the ListenerSet.
 * With a gRPC API (`ModelServer.triton(..., { grpc: true })`), a `GRPCRoute` on the same listener
 * and hosts matching the preset's service and methods exactly, to the model Service's gRPC port;
 * the SecurityPolicy targets it too, and a `BackendTrafficPolicy` of its own (`<name>-grpc`) gives
 * it the same rate limits without the request buffer and the request timeout, so that a
 * bidirectional stream flows message by message (a stream is closed when idle for the read timeout).
 * With the WAF on, an `EnvoyExtensionPolicy` on the route running the LLM WAF profile's Coraza
 * directives in coraza-proxy-wasm, failing closed. With a token budget, an `AIGatewayRoute` and its
 * backends replace the HTTPRoute (see `renderAiGatewayRoute`): the policies target the HTTPRoute the
 * AI Gateway generates from it, and the SecurityPolicy holds the path and method allow-list.
 * Nothing is written into the Gateway or the controller: the settings the endpoint relies on are
 * the platform's, listed in `reliesOn`.
 * @internal
 */
export function renderEnvoyGateway(scope: Construct, _hardeningScope: Construct, m: EndpointModel,
  labels: { [k: string]: string } = {}): RenderedTarget {
  const gateway = m.controller.gateway!;
  const metadata = (suffix = '') => ({ name: `${m.name}${suffix}`, namespace: m.namespace, labels });

  // The credential the gateway checked never reaches the model server; with OIDC the gateway
  // writes the user's access token there only when forwardAccessTokenInsecure asks it to. Envoy's
  // OAuth2 filter hands each request on with its session cookies rewritten to the user's access
  // and ID tokens in clear: the route drops the Cookie header (after the filter has read it).
  const oidc = m.auth.oidc;
  const removed = [
    ...(m.auth.kind === AuthenticationKind.JWT || m.auth.kind === AuthenticationKind.EXTERNAL
      || (oidc !== undefined && !oidc.forwardAccessToken) ? ['Authorization'] : []),
    ...(oidc !== undefined ? ['Cookie'] : []),
  ];
  const filters: HttpRouteSpecRulesFilters[] = [
    ...(removed.length > 0 ? [{ type: HttpRouteSpecRulesFiltersType.REQUEST_HEADER_MODIFIER, requestHeaderModifier: { remove: removed } }] : []),
    ...(m.tls.hstsMaxAgeSeconds > 0 ? [{
      type: HttpRouteSpecRulesFiltersType.RESPONSE_HEADER_MODIFIER,
      responseHeaderModifier: { set: [{ name: 'Strict-Transport-Security', value: `max-age=${m.tls.hstsMaxAgeSeconds}; includeSubDomains` }] },
    }] : []),
  ];
  // An InferencePool backend: the route names the pool (no port: the pool's target port is the pods').
  const pool = m.inferencePool ? renderInferencePool(scope, m.namespace, m.inferencePool, labels) : undefined;
  const backendRef = (b: BackendModel, weight?: number): HttpRouteSpecRulesBackendRefs => (pool
    ? { group: 'inference.networking.k8s.io', kind: 'InferencePool', name: pool.name }
    : { kind: 'Service', name: b.serviceName, port: b.port, ...(weight !== undefined ? { weight } : {}) });
  const matches = (header?: { name: string; value: string }): HttpRouteSpecRulesMatches[] => m.routes.flatMap((r) => r.methods.map((method) => ({
    path: { type: r.pathType === 'Exact' ? HttpRouteSpecRulesMatchesPathType.EXACT : HttpRouteSpecRulesMatchesPathType.PATH_PREFIX, value: r.path },
    method: method as HttpRouteSpecRulesMatchesMethod,
    ...(header ? { headers: [header] } : {}),
  })));
  const canary = m.canary;
  const weighted = canary?.weightPercent !== undefined && canary.weightPercent > 0;
  const rules: HttpRouteSpecRules[] = [
    ...(canary?.header !== undefined ? [{
      matches: matches({ name: canary.header, value: canary.headerValue ?? 'always' }),
      filters,
      backendRefs: [backendRef(canary.backend)],
    }] : []),
    {
      matches: matches(),
      filters,
      backendRefs: weighted
        ? [backendRef(m.backend, 100 - canary!.weightPercent!), backendRef(canary!.backend, canary!.weightPercent!)]
        : [backendRef(m.backend)],
    },
    // OIDC: the login callback and the logout path must match the route for the gateway's OAuth2
    // filter (which answers them itself) to see them; GET only, nothing reaches the model server.
    ...(oidc !== undefined ? [{
      matches: [oidc.callbackPath, oidc.logoutPath].map((value) => ({
        path: { type: HttpRouteSpecRulesMatchesPathType.EXACT, value },
        method: HttpRouteSpecRulesMatchesMethod.GET,
      })),
      filters,
      backendRefs: [backendRef(m.backend)],
    }] : []),
  ];
  // The endpoint's own listener (a ListenerSet on the platform's Gateway), or the platform's.
  const listener = gateway.own !== undefined ? renderGatewayListener(scope, m, labels) : undefined;
  // A token budget: the AI Gateway counts each response's tokens only on the routes it generates
  // from an AIGatewayRoute, so the endpoint writes one (and its backends) instead of the HTTPRoute.
  const aiRoute = m.aiGateway ? renderAiGatewayRoute(scope, m, labels, removed) : undefined;
  const parentRefs = [listener ? listener.parentRef : {
    group: 'gateway.networking.k8s.io',
    kind: 'Gateway',
    name: gateway.name,
    namespace: gateway.namespace,
    ...(gateway.sectionName !== undefined ? { sectionName: gateway.sectionName } : {}),
  }];
  const route = aiRoute ? aiRoute.route : new HttpRoute(scope, 'http-route', {
    metadata: metadata(),
    spec: {
      parentRefs,
      hostnames: m.hosts,
      rules,
    },
  });
  // A gRPC API: a GRPCRoute (named like the endpoint) on the same listener and hosts, matching the
  // preset's methods exactly (any other method of the service, or any other service, is not
  // routed), with the same credential removal and HSTS, to the model Service's gRPC port.
  const grpc = m.grpc;
  const grpcRoute = grpc === undefined ? undefined : new GrpcRoute(scope, 'grpc-route', {
    metadata: metadata(),
    spec: {
      parentRefs,
      hostnames: m.hosts,
      rules: [{
        // Only gRPC requests: a plain HTTP request to a method's path (another content type) is not routed.
        matches: grpc.methods.map((method) => ({
          method: { type: GrpcRouteSpecRulesMatchesMethodType.EXACT, service: grpc.service, method },
          headers: [{ type: GrpcRouteSpecRulesMatchesHeadersType.REGULAR_EXPRESSION, name: 'content-type', value: GRPC_CONTENT_TYPE }],
        })),
        filters: filters.map((f) => (f.type === HttpRouteSpecRulesFiltersType.REQUEST_HEADER_MODIFIER
          ? { type: GrpcRouteSpecRulesFiltersType.REQUEST_HEADER_MODIFIER, requestHeaderModifier: f.requestHeaderModifier }
          : { type: GrpcRouteSpecRulesFiltersType.RESPONSE_HEADER_MODIFIER, responseHeaderModifier: f.responseHeaderModifier })),
        backendRefs: [{ kind: 'Service', name: m.backend.serviceName, port: grpc.port }],
      }],
    },
  });
  // The policies target the HTTPRoute (the endpoint's, or the one the AI Gateway generates: same name) and the GRPCRoute.
  const httpRouteRef = { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: route.name };
  const grpcRouteRef = grpcRoute ? { group: 'gateway.networking.k8s.io', kind: 'GRPCRoute', name: grpcRoute.name } : undefined;
  const targetRefs = [httpRouteRef, ...(grpcRouteRef ? [grpcRouteRef] : [])];

  if (listener) route.addDependency(listener.listenerSet);
  if (pool) route.addDependency(pool);
  if (listener && grpcRoute) grpcRoute.addDependency(listener.listenerSet);

  const policies: ApiObject[] = [];
  const security = securityPolicySpec(m);
  if (security) policies.push(new SecurityPolicy(scope, 'security-policy', { metadata: metadata(), spec: { targetRefs, ...security } }));

  const l = m.limits;
  const rateLimit = () => (l.scope === LimitScope.SHARED ? globalRateLimit(l, m.identityLimits) : localRateLimit(l, m.identityLimits));
  policies.push(new BackendTrafficPolicy(scope, 'backend-traffic-policy', {
    metadata: metadata(),
    spec: {
      targetRefs: [httpRouteRef],
      rateLimit: rateLimit(),
      // The body limit: Envoy buffers each request up to it and answers 413 above it.
      requestBuffer: { limit: BackendTrafficPolicySpecRequestBufferLimit.fromString(`${l.maxBodyKiB}Ki`) },
      // A stream may last readTimeoutSeconds, and stay that long without a byte (a slow first token).
      timeout: {
        http: { requestTimeout: `${l.readTimeoutSeconds}s`, streamIdleTimeout: `${l.readTimeoutSeconds}s` },
        tcp: { connectTimeout: `${l.connectTimeoutSeconds}s` },
      },
    },
  }));
  // The GRPCRoute's own policy (named <endpoint>-grpc): the same rate limits and connect timeout, but
  // no request buffer, which would hold a bidirectional stream (ModelStreamInfer) until the client
  // ends its side, and no request timeout, which would cut a long-lived stream: a gRPC stream is
  // closed after readTimeoutSeconds without a byte either way (the body limit and request timeout
  // the gRPC API goes without are recorded as a weakened control).
  if (grpcRouteRef) {
    policies.push(new BackendTrafficPolicy(scope, 'grpc-backend-traffic-policy', {
      metadata: metadata('-grpc'),
      spec: {
        targetRefs: [grpcRouteRef],
        rateLimit: rateLimit(),
        timeout: {
          http: { requestTimeout: '0s', streamIdleTimeout: `${l.readTimeoutSeconds}s` },
          tcp: { connectTimeout: `${l.connectTimeoutSeconds}s` },
        },
      },
    }));
  }
  // backendTls: the Gateway speaks TLS to each model Service and accepts only a certificate for the
  // Service's name signed by the CA bundle (Gateway API BackendTLSPolicy, one per Service: one hostname each).
  for (const t of m.backendTls?.servers ?? []) {
    policies.push(new BackendTlsPolicy(scope, `backend-tls-policy-${t.serviceName}`, {
      metadata: { name: `${t.serviceName}-backend-tls`, namespace: m.namespace, labels },
      spec: {
        targetRefs: [{ group: '', kind: 'Service', name: t.serviceName }],
        validation: {
          caCertificateRefs: [{ group: '', kind: m.backendTls!.caKind, name: m.backendTls!.caName }],
          hostname: t.hostname,
        },
      },
    }));
  }
  if (m.waf.profile) {
    // Coraza inspects bodies as coraza-proxy-wasm receives them: the BackendTrafficPolicy's
    // requestBuffer above (Envoy's buffer filter, which Envoy Gateway places before Wasm filters)
    // hands it each request whole, up to the body limit, and answers 413 above it.
    const module = m.controller.wafModule!;
    const directives = renderCorazaDirectives(m.waf.profile, {
      routes: m.routes.map((r) => ({ path: r.path, pathMatch: r.pathType, methods: r.methods, contentTypes: r.contentTypes })),
      hosts: m.hosts,
    });
    const code = module.source === WasmCodeSource.IMAGE
      ? { type: EnvoyExtensionPolicySpecWasmCodeType.IMAGE, image: { url: module.url, sha256: module.sha256 } }
      : { type: EnvoyExtensionPolicySpecWasmCodeType.HTTP, http: { url: module.url, sha256: module.sha256 } };
    policies.push(new EnvoyExtensionPolicy(scope, 'envoy-extension-policy', {
      metadata: metadata(),
      spec: {
        targetRefs,
        wasm: [{
          name: 'coraza-llm-waf',
          code,
          // coraza-proxy-wasm's plugin configuration: one set of directives, the default for every host of the route.
          config: { directives_map: { [CORAZA_DIRECTIVES_NAME]: [directives] }, default_directives: CORAZA_DIRECTIVES_NAME },
          // No WAF, no traffic: a module that cannot be fetched or loaded stops the route instead of letting requests through uninspected.
          failOpen: false,
        }],
      },
    }));
  }
  for (const p of policies) {
    p.addDependency(route);
    if (grpcRoute) p.addDependency(grpcRoute);
  }

  const listenerObjects = listener ? [listener.listenerSet, listener.clientTrafficPolicy] : [];
  return {
    routes: [route, ...(grpcRoute ? [grpcRoute] : [])],
    policies: [...listenerObjects, ...(pool ? [pool] : []), ...(aiRoute?.backends ?? []), ...policies],
  };
}

/** The limits of one caller identity, as (requests, unit) pairs in the units of a local or a global rule. */
function identityLimits<U>(id: IdentityLimitsModel, units: { SECOND: U; MINUTE: U; HOUR: U }): { requests: number; unit: U }[] {
  return [
    ...(id.requestsPerSecond !== undefined ? [{ requests: id.requestsPerSecond, unit: units.SECOND }] : []),
    ...(id.requestsPerMinute !== undefined ? [{ requests: id.requestsPerMinute, unit: units.MINUTE }] : []),
    ...(id.requestsPerHour !== undefined ? [{ requests: id.requestsPerHour, unit: units.HOUR }] : []),
  ];
}

/**
 * Per-client request rates (and per caller identity: one budget per value of the forwarded claim
 * header, which the gateway writes from the verified token; a request reaches this filter only with
 * it, see the SecurityPolicy), counted by each Envoy replica on its own.
 */
function localRateLimit(l: LimitsModel, id: IdentityLimitsModel | undefined): BackendTrafficPolicySpecRateLimit {
  const perClient: BackendTrafficPolicySpecRateLimitLocalRules[] = EVERY_CLIENT.flatMap((cidr) => [
    { requests: l.requestsPerSecond, unit: LimitUnit.SECOND },
    ...(l.requestsPerMinute !== undefined ? [{ requests: l.requestsPerMinute, unit: LimitUnit.MINUTE }] : []),
  ].map((limit) => ({
    clientSelectors: [{ sourceCidr: { type: BackendTrafficPolicySpecRateLimitLocalRulesClientSelectorsSourceCidrType.DISTINCT, value: cidr } }],
    limit,
  })));
  const perIdentity: BackendTrafficPolicySpecRateLimitLocalRules[] = id === undefined ? [] : identityLimits(id, LimitUnit).map((limit) => ({
    clientSelectors: [{ headers: [{ name: id.header, type: BackendTrafficPolicySpecRateLimitLocalRulesClientSelectorsHeadersType.DISTINCT }] }],
    limit,
  }));
  return { type: BackendTrafficPolicySpecRateLimitType.LOCAL, local: { rules: [...perClient, ...perIdentity] } };
}

/**
 * Per-client request rates and token budget, counted by Envoy Gateway's rate-limit service in one
 * store for every Envoy replica (fixed windows of the limit's unit). A token-budget rule costs
 * nothing when the request arrives (it only checks the budget is not spent: 429 once it is) and
 * the tokens the response used once it is done, read from the metadata the AI Gateway writes.
 */
function globalRateLimit(l: LimitsModel, id: IdentityLimitsModel | undefined): BackendTrafficPolicySpecRateLimit {
  const Unit = BackendTrafficPolicySpecRateLimitGlobalRulesLimitUnit;
  const budget = l.tokenBudget;
  const tokenCost = budget === undefined ? undefined : {
    request: { from: BackendTrafficPolicySpecRateLimitGlobalRulesCostRequestFrom.NUMBER, number: 0 },
    response: {
      from: BackendTrafficPolicySpecRateLimitGlobalRulesCostResponseFrom.METADATA,
      metadata: { namespace: AI_GATEWAY_METADATA_NAMESPACE, key: budget.costMetadataKey },
    },
  };
  const rules: BackendTrafficPolicySpecRateLimitGlobalRules[] = EVERY_CLIENT.flatMap((cidr) => {
    const distinct = BackendTrafficPolicySpecRateLimitGlobalRulesClientSelectorsSourceCidrType.DISTINCT;
    // Every path (prefix "/"): the path selector gives each rule a descriptor of its own in the
    // rate-limit service. Without it, rules with the same client selectors get the same descriptor,
    // and Envoy Gateway configures the limit of the first of them only (the per-minute limit and
    // the token budget would be counted against the per-second limit).
    const clientSelectors = [{
      path: { type: BackendTrafficPolicySpecRateLimitGlobalRulesClientSelectorsPathType.PATH_PREFIX, value: '/' },
      sourceCidr: { type: distinct, value: cidr },
    }];
    const rule = (requests: number | undefined, unit: BackendTrafficPolicySpecRateLimitGlobalRulesLimitUnit, cost?: typeof tokenCost) =>
      (requests === undefined ? [] : [{ clientSelectors, limit: { requests, unit }, ...(cost ? { cost } : {}) }]);
    return [
      ...rule(l.requestsPerSecond, Unit.SECOND),
      ...rule(l.requestsPerMinute, Unit.MINUTE),
      ...rule(budget?.tokensPerMinute, Unit.MINUTE, tokenCost),
      ...rule(budget?.tokensPerHour, Unit.HOUR, tokenCost),
    ];
  });
  // Per caller identity (the forwarded claim header), with the path selector for the same reason.
  const perIdentity: BackendTrafficPolicySpecRateLimitGlobalRules[] = id === undefined ? [] : identityLimits(id, Unit).map((limit) => ({
    clientSelectors: [{
      path: { type: BackendTrafficPolicySpecRateLimitGlobalRulesClientSelectorsPathType.PATH_PREFIX, value: '/' },
      headers: [{ name: id.header, type: BackendTrafficPolicySpecRateLimitGlobalRulesClientSelectorsHeadersType.DISTINCT }],
    }],
    limit,
  }));
  return { type: BackendTrafficPolicySpecRateLimitType.GLOBAL, global: { rules: [...rules, ...perIdentity] } };
}

function securityPolicySpec(m: EndpointModel): Omit<SecurityPolicySpec, 'targetRefs'> | undefined {
  const a = m.auth;
  let auth: Omit<SecurityPolicySpec, 'targetRefs'> = {};
  switch (a.kind) {
    case AuthenticationKind.JWT:
      auth = {
        jwt: {
          providers: [{
            name: a.realm!,
            remoteJwks: { uri: a.jwksUri! },
            ...(a.issuer !== undefined ? { issuer: a.issuer } : {}),
            ...(a.audiences !== undefined ? { audiences: a.audiences } : {}),
            ...(a.claimToHeaders.length > 0 ? { claimToHeaders: a.claimToHeaders.map((h) => ({ claim: h.claim, header: h.header })) } : {}),
          }],
        },
      };
      break;
    case AuthenticationKind.OIDC: {
      const o = a.oidc!;
      auth = {
        oidc: {
          provider: {
            issuer: o.issuer,
            ...(o.authorizationEndpoint !== undefined ? { authorizationEndpoint: o.authorizationEndpoint } : {}),
            ...(o.tokenEndpoint !== undefined ? { tokenEndpoint: o.tokenEndpoint } : {}),
          },
          clientId: o.clientId,
          clientSecret: { group: '', kind: 'Secret', name: o.clientSecretName },
          ...(o.redirectUrl !== undefined ? { redirectUrl: o.redirectUrl } : {}),
          logoutPath: o.logoutPath,
          scopes: o.scopes,
          // Envoy's OAuth2 filter writes its cookies Secure and HttpOnly, and encrypts the tokens in them.
          cookieConfig: { sameSite: o.cookieSameSite.value as SecurityPolicySpecOidcCookieConfigSameSite },
          refreshToken: true,
          forwardAccessToken: o.forwardAccessToken,
          passThroughAuthHeader: false,
          disableTokenEncryption: false,
        },
      };
      break;
    }
    case AuthenticationKind.API_KEY:
      auth = { apiKeyAuth: { credentialRefs: [{ name: a.apiKeySecretName! }], extractFrom: [{ headers: [a.apiKeyHeader!] }], sanitize: true } };
      break;
    case AuthenticationKind.EXTERNAL: {
      const service = inClusterService('authentication.url', a.externalUrl!);
      const backendRefs = [{ name: service.name, namespace: service.namespace, port: service.port }];
      auth = { extAuth: { http: { backendRefs, path: service.path, headersToBackend: a.responseHeaders } } };
      break;
    }
  }
  const { allow, deny } = m.sourceRanges;
  // Envoy Gateway takes the first rule that matches, and a rule's principal matches only when all
  // its parts do: the denied ranges come first; each claim rule carries the allowed ranges, so a
  // request must come from an allowed range and hold the claims.
  const claimRules = a.authorization.map((rule): SecurityPolicySpecAuthorizationRules => ({
    name: rule.name,
    action: SecurityPolicySpecAuthorizationRulesAction.ALLOW,
    principal: {
      ...(allow.length > 0 ? { clientCidRs: allow } : {}),
      jwt: {
        provider: a.realm!,
        ...(rule.claims.length > 0 ? {
          claims: rule.claims.map((c) => ({
            name: c.claim,
            valueType: c.valueType.value as SecurityPolicySpecAuthorizationRulesPrincipalJwtClaimsValueType,
            values: c.values,
          })),
        } : {}),
        ...(rule.scopes.length > 0 ? { scopes: rule.scopes } : {}),
      },
    },
  }));
  // Envoy's JWT filter writes each forwarded claim over the header a client sent, and removes
  // that header when the token lacks the claim: a request reaching the authorisation filter
  // without the header holds a token without the claim, and is refused (the model server and
  // the per-identity limit always get an identity the gateway vouches for).
  const claimHeaders = a.claimToHeaders.map((h) => h.header);
  const rules: SecurityPolicySpecAuthorizationRules[] = [
    ...(m.aiGateway ? [inferenceRoutesOnly(m)] : []),
    ...(claimHeaders.length > 0 ? [{
      name: 'deny-tokens-without-forwarded-claims',
      action: SecurityPolicySpecAuthorizationRulesAction.DENY,
      cel: claimHeaders.map((h) => `!('${h}' in request.headers)`).join(' || '),
    }] : []),
    ...(deny.length > 0 ? [{ name: 'deny-source-ranges', action: SecurityPolicySpecAuthorizationRulesAction.DENY, principal: { clientCidRs: deny } }] : []),
    ...(claimRules.length > 0 ? claimRules
      : allow.length > 0 ? [{ name: 'allow-source-ranges', action: SecurityPolicySpecAuthorizationRulesAction.ALLOW, principal: { clientCidRs: allow } }] : []),
  ];
  const authorization = rules.length > 0 ? {
    authorization: {
      // Only the rules' callers, when the rules name who may call (ranges or claims).
      defaultAction: allow.length > 0 || claimRules.length > 0
        ? SecurityPolicySpecAuthorizationDefaultAction.DENY : SecurityPolicySpecAuthorizationDefaultAction.ALLOW,
      rules,
    },
  } : {};
  const spec = { ...auth, ...authorization };
  return Object.keys(spec).length > 0 ? spec : undefined;
}

/**
 * Through the AI Gateway the generated route matches every path of the endpoint's hosts: the
 * first authorisation rule refuses (403) any request outside the model server's inference routes
 * (the path and method allow-list the HTTPRoute holds otherwise).
 */
function inferenceRoutesOnly(m: EndpointModel): SecurityPolicySpecAuthorizationRules {
  const quoted = (v: string) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const allowed = m.routes.map((r) => {
    const path = r.pathType === 'Exact' ? `request.url_path == ${quoted(r.path)}` : `request.url_path.startsWith(${quoted(r.path)})`;
    const methods = r.methods.length === 1 ? `request.method == ${quoted(r.methods[0])}` : `request.method in [${r.methods.map(quoted).join(', ')}]`;
    return `(${path} && ${methods})`;
  });
  return {
    name: 'deny-outside-inference-routes',
    action: SecurityPolicySpecAuthorizationRulesAction.DENY,
    cel: `!(${allowed.join(' || ')})`,
  };
}

/** An in-cluster Service URL (`http://<name>.<namespace>.svc[.cluster.local][:port]/path`), as a backend reference. */
function inClusterService(field: string, url: string): { name: string; namespace: string; port: number; path: string } {
  const u = new URL(url);
  const host = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.svc(\.cluster\.local)?$/.exec(u.hostname);
  if (u.protocol !== 'http:' || !host) {
    throw new ValidationError(field, url, 'Envoy Gateway calls the auth service as a backend of the route: give its in-cluster Service URL, '
      + '"http://<service>.<namespace>.svc.cluster.local[:port]/path" (the platform grants the route access to it with a ReferenceGrant in that namespace).');
  }
  return { name: host[1], namespace: host[3], port: u.port === '' ? 80 : Number(u.port), path: u.pathname };
}
