/**
 * The hand-written Gateway API and Envoy Gateway objects the spike translates with egctl: the
 * shape a Gateway API exposure of SecureInferenceEndpoint would emit (HTTPRoute, SecurityPolicy,
 * the model Service), plus what the platform owns (GatewayClass, EnvoyProxy, Gateway).
 */
import * as YAML from 'yaml';

/** Envoy Gateway's GatewayClass controller name. */
export const ENVOY_GATEWAY_CONTROLLER = 'gateway.envoyproxy.io/gatewayclass-controller';
export const GATEWAY_NAMESPACE = 'llm-edge';
export const GATEWAY_NAME = 'edge';
export const ROUTE_NAMESPACE = 'llm-serving';
export const ROUTE_NAME = 'chat';
export const POLICY_NAME = 'chat-jwt';
export const CHAT_PATH = '/v1/chat/completions';
/** The route's hostname: requests carry it as their Host header; nothing resolves it. */
export const ROUTE_HOSTNAME = 'localhost';
/** The header Envoy fills from the token's `sub` claim (claimToHeaders). */
export const SUBJECT_HEADER = 'x-jwt-subject';

export interface JwtProviderInput {
  readonly issuer: string;
  readonly audience: string;
  readonly jwks: string;
}

/** How the SecurityPolicy gets its JWKS: inline in the policy, or from a ConfigMap (`valueRef`). */
export type JwksSource = 'inline' | 'configmap';

export interface GatewayInputOptions {
  readonly jwt: JwtProviderInput;
  /** @default 'inline' */
  readonly jwksSource?: JwksSource;
  /** The route the SecurityPolicy targets. @default ROUTE_NAME */
  readonly policyTarget?: string;
}

type Obj = { [key: string]: unknown };

export function gatewayInputObjects(opts: GatewayInputOptions): Obj[] {
  const source = opts.jwksSource ?? 'inline';
  const objects: Obj[] = [
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'envoy-gateway' },
      spec: {
        controllerName: ENVOY_GATEWAY_CONTROLLER,
        parametersRef: { group: 'gateway.envoyproxy.io', kind: 'EnvoyProxy', name: 'proxy', namespace: 'envoy-gateway-system' },
      },
    },
    {
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'EnvoyProxy',
      metadata: { name: 'proxy', namespace: 'envoy-gateway-system' },
      spec: { logging: { level: { default: 'warn' } } },
    },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: GATEWAY_NAMESPACE } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ROUTE_NAMESPACE } },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: GATEWAY_NAME, namespace: GATEWAY_NAMESPACE },
      spec: {
        gatewayClassName: 'envoy-gateway',
        listeners: [{ name: 'http', protocol: 'HTTP', port: 8080, allowedRoutes: { namespaces: { from: 'All' } } }],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'chat-model', namespace: ROUTE_NAMESPACE },
      // egctl routes to the Service's cluster IP; the spike replaces that endpoint by its stand-in.
      spec: { clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 8000, targetPort: 8000, protocol: 'TCP' }] },
    },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: ROUTE_NAME, namespace: ROUTE_NAMESPACE },
      spec: {
        parentRefs: [{ name: GATEWAY_NAME, namespace: GATEWAY_NAMESPACE, sectionName: 'http' }],
        hostnames: [ROUTE_HOSTNAME],
        rules: [{
          matches: [{ path: { type: 'Exact', value: CHAT_PATH }, method: 'POST' }],
          // Envoy Gateway verifies the JWT but forwards it (its jwt_authn providers set
          // `forward: true`): the route strips it so the model server never sees the token.
          filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { remove: ['Authorization'] } }],
          backendRefs: [{ name: 'chat-model', port: 8000 }],
        }],
      },
    },
  ];
  const localJWKS = source === 'inline'
    ? { type: 'Inline', inline: opts.jwt.jwks }
    : { type: 'ValueRef', valueRef: { group: '', kind: 'ConfigMap', name: 'chat-jwks' } };
  if (source === 'configmap') {
    objects.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'chat-jwks', namespace: ROUTE_NAMESPACE },
      data: { jwks: opts.jwt.jwks },
    });
  }
  objects.push({
    apiVersion: 'gateway.envoyproxy.io/v1alpha1',
    kind: 'SecurityPolicy',
    metadata: { name: POLICY_NAME, namespace: ROUTE_NAMESPACE },
    spec: {
      targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: opts.policyTarget ?? ROUTE_NAME }],
      jwt: {
        providers: [{
          name: 'spike-issuer',
          issuer: opts.jwt.issuer,
          audiences: [opts.jwt.audience],
          localJWKS,
          claimToHeaders: [{ header: SUBJECT_HEADER, claim: 'sub' }],
        }],
      },
    },
  });
  return objects;
}

/** The objects as one multi-document YAML file, egctl's input. */
export function toMultiDocumentYaml(objects: Obj[]): string {
  return objects.map((o) => YAML.stringify(o)).join('---\n');
}
