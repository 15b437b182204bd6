import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { renderGatewayListener } from './envoy-gateway-listener';
import { RenderedTarget } from './rendered-target';
import {
  BackendTrafficPolicy,
  BackendTrafficPolicySpecRateLimitLocalRules,
  BackendTrafficPolicySpecRateLimitLocalRulesClientSelectorsSourceCidrType,
  BackendTrafficPolicySpecRateLimitLocalRulesLimitUnit,
  BackendTrafficPolicySpecRateLimitType,
  BackendTrafficPolicySpecRequestBufferLimit,
  SecurityPolicy,
  SecurityPolicySpec,
  SecurityPolicySpecAuthorizationDefaultAction,
  SecurityPolicySpecAuthorizationRules,
  SecurityPolicySpecAuthorizationRulesAction,
} from '../../imports/gateway.envoyproxy.io';
import {
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
import { EndpointModel } from '../../model/endpoint-model';
import { AuthenticationKind } from '../../options/authentication';
import { ValidationError } from '../../options/validation-error';

/** IPv4 and IPv6: a per-client limit counts each address of either family on its own. */
const EVERY_CLIENT = ['0.0.0.0/0', '::/0'];

/**
 * Renders the endpoint for Envoy Gateway: an `HTTPRoute` attached to the platform's Gateway
 * that matches only the inference routes (exact path and method; anything else gets 404), sends
 * them to the model Service (and the canary, by weight or header), removes the credential the
 * gateway has checked before the request reaches the model server (Envoy Gateway forwards a
 * verified JWT by default), and adds HSTS; a `SecurityPolicy` on the route for authentication
 * and client address ranges; a `BackendTrafficPolicy` on the route for per-client rate limits,
 * the body limit and the timeouts LLM streaming needs. With an endpoint-owned listener, its
 * ListenerSet and ClientTrafficPolicy (`envoy-gateway-listener.ts`), and the route attaches to
 * the ListenerSet. Nothing is written into the Gateway or the controller: the settings the
 * endpoint relies on are the platform's, listed in `reliesOn`.
 * @internal
 */
export function renderEnvoyGateway(scope: Construct, _hardeningScope: Construct, m: EndpointModel,
  labels: { [k: string]: string } = {}): RenderedTarget {
  const gateway = m.controller.gateway!;
  const metadata = (suffix = '') => ({ name: `${m.name}${suffix}`, namespace: m.namespace, labels });

  const removed = m.auth.kind === AuthenticationKind.JWT || m.auth.kind === AuthenticationKind.EXTERNAL ? ['Authorization'] : [];
  const filters: HttpRouteSpecRulesFilters[] = [
    ...(removed.length > 0 ? [{ type: HttpRouteSpecRulesFiltersType.REQUEST_HEADER_MODIFIER, requestHeaderModifier: { remove: removed } }] : []),
    ...(m.tls.hstsMaxAgeSeconds > 0 ? [{
      type: HttpRouteSpecRulesFiltersType.RESPONSE_HEADER_MODIFIER,
      responseHeaderModifier: { set: [{ name: 'Strict-Transport-Security', value: `max-age=${m.tls.hstsMaxAgeSeconds}; includeSubDomains` }] },
    }] : []),
  ];
  const backendRef = (b: BackendModel, weight?: number): HttpRouteSpecRulesBackendRefs =>
    ({ kind: 'Service', name: b.serviceName, port: b.port, ...(weight !== undefined ? { weight } : {}) });
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
  ];
  // The endpoint's own listener (a ListenerSet on the platform's Gateway), or the platform's.
  const listener = gateway.own !== undefined ? renderGatewayListener(scope, m, labels) : undefined;
  const route = new HttpRoute(scope, 'http-route', {
    metadata: metadata(),
    spec: {
      parentRefs: [listener ? listener.parentRef : {
        group: 'gateway.networking.k8s.io',
        kind: 'Gateway',
        name: gateway.name,
        namespace: gateway.namespace,
        ...(gateway.sectionName !== undefined ? { sectionName: gateway.sectionName } : {}),
      }],
      hostnames: m.hosts,
      rules,
    },
  });
  const targetRefs = [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: route.name }];

  if (listener) route.addDependency(listener.listenerSet);

  const policies: ApiObject[] = [];
  const security = securityPolicySpec(m);
  if (security) policies.push(new SecurityPolicy(scope, 'security-policy', { metadata: metadata(), spec: { targetRefs, ...security } }));

  const l = m.limits;
  const rateRules: BackendTrafficPolicySpecRateLimitLocalRules[] = EVERY_CLIENT.flatMap((cidr) => [
    { requests: l.requestsPerSecond, unit: BackendTrafficPolicySpecRateLimitLocalRulesLimitUnit.SECOND },
    ...(l.requestsPerMinute !== undefined
      ? [{ requests: l.requestsPerMinute, unit: BackendTrafficPolicySpecRateLimitLocalRulesLimitUnit.MINUTE }] : []),
  ].map((limit) => ({
    clientSelectors: [{ sourceCidr: { type: BackendTrafficPolicySpecRateLimitLocalRulesClientSelectorsSourceCidrType.DISTINCT, value: cidr } }],
    limit,
  })));
  policies.push(new BackendTrafficPolicy(scope, 'backend-traffic-policy', {
    metadata: metadata(),
    spec: {
      targetRefs,
      rateLimit: { type: BackendTrafficPolicySpecRateLimitType.LOCAL, local: { rules: rateRules } },
      // The body limit: Envoy buffers each request up to it and answers 413 above it.
      requestBuffer: { limit: BackendTrafficPolicySpecRequestBufferLimit.fromString(`${l.maxBodyKiB}Ki`) },
      // A stream may last readTimeoutSeconds, and stay that long without a byte (a slow first token).
      timeout: {
        http: { requestTimeout: `${l.readTimeoutSeconds}s`, streamIdleTimeout: `${l.readTimeoutSeconds}s` },
        tcp: { connectTimeout: `${l.connectTimeoutSeconds}s` },
      },
    },
  }));
  for (const p of policies) p.addDependency(route);

  return { routes: [route], policies: listener ? [listener.listenerSet, listener.clientTrafficPolicy, ...policies] : policies };
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
          }],
        },
      };
      break;
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
  const rules: SecurityPolicySpecAuthorizationRules[] = [
    ...(deny.length > 0 ? [{ name: 'deny-source-ranges', action: SecurityPolicySpecAuthorizationRulesAction.DENY, principal: { clientCidRs: deny } }] : []),
    ...(allow.length > 0 ? [{ name: 'allow-source-ranges', action: SecurityPolicySpecAuthorizationRulesAction.ALLOW, principal: { clientCidRs: allow } }] : []),
  ];
  const authorization = rules.length > 0 ? {
    authorization: {
      defaultAction: allow.length > 0 ? SecurityPolicySpecAuthorizationDefaultAction.DENY : SecurityPolicySpecAuthorizationDefaultAction.ALLOW,
      rules,
    },
  } : {};
  const spec = { ...auth, ...authorization };
  return Object.keys(spec).length > 0 ? spec : undefined;
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
