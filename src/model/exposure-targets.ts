import { ClientAddressModel, clientAddressModel } from './client-address-model';
import { gatewayClientAddressModel, gatewayListenerModel, GatewayListenerModel } from './gateway-listener-model';
import { Labels } from './network-policy-model';
import { CorazaWasmModule } from '../options/coraza-wasm-module';
import { CalicoIngressGatewayOptions, EdgeController, EdgeControllerKind, EnvoyGatewayOptions } from '../options/edge-controller';
import { dnsLabel, dnsSubdomain } from '../options/validate';
import { ValidationError } from '../options/validation-error';

/**
 * Something the endpoint's options ask of the target that exposes it. The model finds what
 * the options ask once, whatever the target; the target's row in `EXPOSURE_TARGETS` says
 * whether it can honour each.
 * @internal
 */
export class TargetFeature {
  public static readonly EXTERNAL_AUTH = new TargetFeature('authentication through an external auth service');
  public static readonly JWT_AUTH = new TargetFeature('JWT validation');
  public static readonly JWKS_URI = new TargetFeature('a JWKS fetched from a URI');
  public static readonly JWKS_SECRET = new TargetFeature('a JWKS read from a Secret');
  public static readonly JWT_ISSUER_AUDIENCES = new TargetFeature('checking a JWT\'s issuer and audiences');
  public static readonly JWT_CLAIM_AUTHORIZATION = new TargetFeature('authorisation by a JWT\'s claims and scopes');
  public static readonly JWT_CLAIM_HEADERS = new TargetFeature('forwarding a JWT\'s claims as request headers');
  public static readonly PER_IDENTITY_RATE_LIMIT = new TargetFeature('rate limits per caller identity');
  public static readonly OIDC_AUTH = new TargetFeature('OpenID Connect login at the gateway');
  public static readonly API_KEY_AUTH = new TargetFeature('API-key validation');
  public static readonly CLIENT_CERTIFICATE_AUTH = new TargetFeature('client certificates');
  public static readonly CLIENT_CA_CONFIGMAP = new TargetFeature('a client CA bundle read from a ConfigMap');
  public static readonly CLIENT_CERTIFICATE_VERIFY_DEPTH = new TargetFeature('a limit on the depth of a client\'s certificate chain');
  public static readonly SOURCE_RANGES_ALLOW_AND_DENY = new TargetFeature('allow and deny source ranges together');
  public static readonly REQUESTS_PER_MINUTE = new TargetFeature('a per-minute rate limit');
  public static readonly MAX_CONNECTIONS = new TargetFeature('a per-client connection limit');
  public static readonly BURST = new TargetFeature('a burst allowance of its own');
  public static readonly SHARED_LIMITS = new TargetFeature('rate limits shared by every proxy replica');
  public static readonly TOKEN_BUDGET = new TargetFeature('an LLM token budget');
  public static readonly ENDPOINT_CERTIFICATE = new TargetFeature('a certificate of the endpoint\'s own (a cert-manager Certificate)');
  public static readonly MODSECURITY_PROFILE = new TargetFeature('the LLM WAF profile (ModSecurity)');
  public static readonly WAF = new TargetFeature('a WAF');
  public static readonly BACKEND_TLS = new TargetFeature('TLS to the model pods, with the server\'s certificate verified');
  public static readonly BACKEND_TLS_CA_CONFIGMAP = new TargetFeature('a backend CA bundle read from a ConfigMap');
  public static readonly BACKEND_TLS_CANARY = new TargetFeature('TLS to the model pods with a canary');
  public static readonly INFERENCE_POOL = new TargetFeature('an InferencePool backend (Gateway API Inference Extension)');
  public static readonly GRPC = new TargetFeature('a gRPC API routed by service and method');

  private constructor(public readonly description: string) {}
}

/** One thing the options ask, with the field and value that ask it. @internal */
export interface TargetRequest {
  readonly feature: TargetFeature;
  readonly field: string;
  readonly value: unknown;
}

/** The controller, resolved against its target's defaults. @internal */
export interface ControllerModel {
  readonly kind: EdgeControllerKind;
  /** Ingress controllers: the IngressClass. */
  readonly ingressClassName?: string;
  /** The namespace of the pods that proxy to the model (controller or gateway data plane). */
  readonly namespace: string;
  /** The labels of those pods. */
  readonly podLabels: Labels;
  /** Gateway API: the Gateway the endpoint's route attaches to. */
  readonly gateway?: GatewayReferenceModel;
  /** F5 NGINX: the controller runs NGINX Plus. */
  readonly nginxPlus: boolean;
  /** F5 NGINX: the App Protect policy (`namespace/name`). */
  readonly appProtectPolicy?: string;
  /** F5 NGINX: the App Protect log configuration (`namespace/name`). */
  readonly appProtectLogConf?: string;
  /** ingress-nginx: the WAF rules go in a snippet annotation (Critical risk, reported). */
  readonly wafSnippetAnnotation: boolean;
  /** How the controller learns each client's address (controller-wide). */
  readonly clientAddress: ClientAddressModel;
  /** Gateway API targets: the coraza-proxy-wasm module that runs the LLM WAF profile, served by the platform. */
  readonly wafModule?: CorazaWasmModule;
  /** Gateway API targets: the Envoy AI Gateway controller's ServiceAccount (`namespace/name`), which writes the HTTPRoute of an AIGatewayRoute. */
  readonly aiGatewayController?: string;
}

/** A Gateway, by reference, and the listener the endpoint's route attaches to. @internal */
export interface GatewayReferenceModel extends GatewayListenerModel {
  readonly name: string;
  readonly namespace: string;
}

/** Whether a target honours a feature: always, never, or only with some controller setting. @internal */
export interface Support {
  /** True when the target honours the feature for this controller. */
  readonly honoured: (controller: ControllerModel) => boolean;
  /** What the user can do instead, when it does not. */
  readonly fix: string;
  /**
   * The features the fix suggests instead. Each must be one the same target honours (with the
   * controller setting the row names, if any), so a hint never leads to another refusal.
   */
  readonly suggests: TargetFeature[];
}

const YES: Support = { honoured: () => true, fix: '', suggests: [] };
const no = (fix: string, ...suggests: TargetFeature[]): Support => ({ honoured: () => false, fix, suggests });
const when = (honoured: (c: ControllerModel) => boolean, fix: string, ...suggests: TargetFeature[]): Support => ({ honoured, fix, suggests });

/**
 * The Kubernetes resources a target's renderer writes, for the deployer's RBAC and change
 * control. Change control guards every object of these resources that carries the endpoint's
 * label; the CEL hooks (over `x`, the object as `dyn`) let it judge the spec of objects anyone
 * else creates: an object routing to the model Service, serving the endpoint's hosts or
 * presenting its certificate is the deployers' alone.
 * @internal
 */
export interface ResourceGroup {
  readonly apiGroups: string[];
  readonly resources: string[];
  /** CEL over `x`: the list of Service names the object sends traffic to. */
  readonly backendServicesCel?: string;
  /** CEL over `x`: the list of host names the object serves. */
  readonly hostsCel?: string;
  /** CEL over `x`: the list of TLS Secret names the object presents. */
  readonly tlsSecretsCel?: string;
  /**
   * CEL over `x` and the policy's variables (`modelServices`, `routes`, ...): true when the object
   * sends traffic to the model Services or attaches to the endpoint's routes, in ways a list of
   * names cannot say (nested references, policies that target routes).
   */
  readonly reachesCel?: string;
  /** CEL over `x` and the policy's variables (`hosts`): true when the object serves one of the endpoint's hosts. */
  readonly claimsCel?: string;
}

/** What of the endpoint decides the platform settings it relies on. @internal */
export interface EndpointReliance {
  readonly tlsMinimumVersion: string;
  /** The limits are counted in a store every proxy replica shares. */
  readonly sharedLimits: boolean;
  /** The dynamic-metadata key (namespace `io.envoy.ai_gateway`) the token budget is spent by. */
  readonly tokenBudgetKey?: string;
  /** The name of the endpoint's route (an AIGatewayRoute's generated HTTPRoute has the same name). */
  readonly routeName?: string;
  /** The endpoint's listener verifies client certificates (`tls.clientCertificate`). */
  readonly clientCertificates?: boolean;
}

/** A row of the capability table: one exposure target. @internal */
export interface ExposureTarget {
  readonly kind: EdgeControllerKind;
  /** The resources the target's renderer writes besides the core ones (Ingress, Service, ...). */
  readonly resources: ResourceGroup[];
  /**
   * Resources the renderer does not write through which anyone else could still reach the
   * endpoint on this target: change control guards them too, and the deployer gets no rights on them.
   */
  readonly guards: ResourceGroup[];
  /**
   * Resources the renderer writes only when the endpoint's WAF is on (the WAF's own objects):
   * written then (the deployer gets rights on them), guarded otherwise when `guards` lists them.
   * @default - none
   */
  readonly wafResources?: ResourceGroup[];
  /**
   * The resources the renderer writes only with `backendTls` (they then join `resources`); without
   * it, change control still guards them (an object of them aimed at the model Services would
   * change how the edge reaches the model).
   */
  readonly backendTlsResources: ResourceGroup[];
  /**
   * The resources the renderer writes only with a token budget (the Envoy AI Gateway's route and
   * backends; they then join `resources`); without it, change control still guards them.
   */
  readonly aiGatewayResources: ResourceGroup[];
  /**
   * The resources the renderer writes only with an InferencePool backend (they then join
   * `resources`); without it, change control still guards them (a pool choosing the model pods
   * reaches them without the model Service).
   * @default - none
   */
  readonly inferencePoolResources?: ResourceGroup[];
  /**
   * The resources the renderer writes only when the endpoint exposes a gRPC API (they then join
   * `resources`); without it, change control still guards them (a GRPCRoute to the model Service
   * reaches the model as an HTTPRoute does).
   * @default - none
   */
  readonly grpcResources?: ResourceGroup[];
  /**
   * True when the endpoint writes its own cert-manager Certificate; false when its route attaches
   * to a listener whose certificate the platform provides.
   */
  readonly endpointCertificate: (controller: ControllerModel) => boolean;
  /**
   * Resources the renderer writes only when the endpoint owns its listener (Gateway API: its
   * ListenerSet and the listener's ClientTrafficPolicy). When the route attaches to the
   * platform's listener, change control guards them instead (a ListenerSet elsewhere in the
   * namespace could claim the endpoint's hosts) and the deployer gets no rights on them.
   */
  readonly ownListenerResources?: ResourceGroup[];
  /**
   * Settings of the platform's controller or Gateway the endpoint relies on and does not write,
   * in words, for the security report.
   */
  readonly reliesOn: (controller: ControllerModel, endpoint: EndpointReliance) => string[];
  /** Resolves the controller's own options against the target's defaults. */
  readonly controller: (c: EdgeController) => ControllerModel;
  /** What the target can honour; a feature missing from the map is not honoured. */
  readonly honours: Map<TargetFeature, Support>;
}

/** A reference to a Service of the object's namespace, in CEL over the reference `b`. */
const SERVICE_REF = (b: string) => `(!has(${b}.group) || ${b}.group == '') && (!has(${b}.kind) || ${b}.kind == 'Service')`
  + ` && (!has(${b}.namespace) || ${b}.namespace == x.metadata.namespace) && ${b}.name in variables.modelServices`;

/**
 * A reference to an Envoy Gateway Backend: an address (FQDN, IP, Unix socket) of its author's
 * choosing, which may be a model pod's or the model Service's, so any one reaches the model.
 */
const ENVOY_BACKEND_REF = (b: string) => `(has(${b}.group) && ${b}.group == 'gateway.envoyproxy.io' && has(${b}.kind) && ${b}.kind == 'Backend')`;

/**
 * A reference to an InferencePool of the route's namespace: its selector may choose the model pods
 * (InferencePools are judged by their selector; a route to any pool is judged to reach the model).
 */
const INFERENCE_POOL_REF = (b: string) => `(has(${b}.group) && ${b}.group == 'inference.networking.k8s.io' && has(${b}.kind) && ${b}.kind == 'InferencePool')`;

/** An Envoy Gateway policy naming one of the endpoint's routes (HTTPRoute or GRPCRoute: they share the endpoint's name), or choosing its routes by label (it may choose the endpoint's). */
const ATTACHES_TO_ROUTES = "(has(x.spec.targetRefs) && x.spec.targetRefs.exists(t, t.kind in ['HTTPRoute', 'GRPCRoute'] && t.name in variables.routes))"
  + " || (has(x.spec.targetRef) && x.spec.targetRef.kind in ['HTTPRoute', 'GRPCRoute'] && x.spec.targetRef.name in variables.routes)"
  + ' || (has(x.spec.targetSelectors) && size(x.spec.targetSelectors) > 0)';

/** EnvoyExtensionPolicies attached to the endpoint's route: an extension (ext_proc, Wasm, Lua) there sees every prompt and answer. */
const ENVOY_EXTENSION_POLICIES: ResourceGroup = { apiGroups: ['gateway.envoyproxy.io'], resources: ['envoyextensionpolicies'], reachesCel: ATTACHES_TO_ROUTES };

/** Where a Gateway API target's WAF fails: the option that delivers it, per target. */
const gatewayWafFix = (factory: string) => 'The LLM WAF runs in the Gateway\'s Envoy pods as coraza-proxy-wasm, attached by an EnvoyExtensionPolicy: set the module the platform serves, '
  + `EdgeController.${factory}({ gateway, waf: { module: CorazaWasmModule.fromImage(image, sha256) } }) (or CorazaWasmModule.fromUrl(url, sha256)); `
  + 'or turn the WAF off explicitly with waf: { enabled: false } (reported as a weakened control).';

/** The capability table: what each target can honour. Adding a target is one row and one renderer. @internal */
export const EXPOSURE_TARGETS: ExposureTarget[] = [
  {
    kind: EdgeControllerKind.INGRESS_NGINX,
    resources: [],
    guards: [],
    backendTlsResources: [],
    aiGatewayResources: [],
    endpointCertificate: () => true,
    reliesOn: () => [],
    controller: (c) => {
      const o = c.ingressNginxOptions ?? {};
      return {
        kind: c.kind,
        ingressClassName: dnsSubdomain('controller ingressClassName', o.ingressClassName ?? 'nginx'),
        namespace: dnsLabel('controller controllerNamespace', o.controllerNamespace ?? 'ingress-nginx'),
        podLabels: o.controllerPodLabels ?? { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' },
        nginxPlus: false,
        wafSnippetAnnotation: o.wafSnippetAnnotationCriticalRisk ?? false,
        clientAddress: clientAddressModel('controller clientAddress', o.clientAddress),
      };
    },
    honours: new Map([
      [TargetFeature.EXTERNAL_AUTH, YES],
      [TargetFeature.JWT_AUTH, no('ingress-nginx cannot validate JWTs itself; use Authentication.external with an auth service (e.g. oauth2-proxy) that validates them.', TargetFeature.EXTERNAL_AUTH)],
      [TargetFeature.JWKS_URI, no('ingress-nginx cannot validate JWTs itself; use Authentication.external with an auth service that fetches the JWKS.', TargetFeature.EXTERNAL_AUTH)],
      [TargetFeature.JWKS_SECRET, no('ingress-nginx cannot validate JWTs itself; use Authentication.external with an auth service that reads the JWKS.', TargetFeature.EXTERNAL_AUTH)],
      [TargetFeature.JWT_ISSUER_AUDIENCES, no('ingress-nginx cannot validate JWTs itself; use Authentication.external with an auth service that checks them.', TargetFeature.EXTERNAL_AUTH)],
      [TargetFeature.JWT_CLAIM_AUTHORIZATION, no('ingress-nginx cannot validate JWTs itself; use Authentication.external with an auth service that checks the claims, or EdgeController.envoyGateway().', TargetFeature.EXTERNAL_AUTH)],
      [TargetFeature.JWT_CLAIM_HEADERS, no('ingress-nginx cannot validate JWTs itself; use Authentication.external with an auth service that returns the claims as headers (responseHeaders), or EdgeController.envoyGateway().', TargetFeature.EXTERNAL_AUTH)],
      [TargetFeature.PER_IDENTITY_RATE_LIMIT, no('ingress-nginx limits requests per client address only (limit-rps, limit-rpm); remove limits.perIdentity, or use EdgeController.envoyGateway().')],
      [TargetFeature.OIDC_AUTH, no('ingress-nginx has no OIDC login of its own; use Authentication.external with an auth service such as oauth2-proxy (url: its /oauth2/auth, signinUrl: its /oauth2/start), or EdgeController.envoyGateway().', TargetFeature.EXTERNAL_AUTH)],
      [TargetFeature.API_KEY_AUTH, no('ingress-nginx cannot check API keys itself; use Authentication.external with an auth service that does.', TargetFeature.EXTERNAL_AUTH)],
      [TargetFeature.CLIENT_CERTIFICATE_AUTH, YES],
      [TargetFeature.CLIENT_CA_CONFIGMAP, no('ingress-nginx reads the client CA from a Secret (auth-tls-secret, read by the controller): give ClientCaBundle.secret(name), a Secret with ca.crt in the endpoint\'s namespace.')],
      [TargetFeature.CLIENT_CERTIFICATE_VERIFY_DEPTH, YES],
      [TargetFeature.SOURCE_RANGES_ALLOW_AND_DENY, YES],
      [TargetFeature.REQUESTS_PER_MINUTE, YES],
      [TargetFeature.MAX_CONNECTIONS, YES],
      [TargetFeature.BURST, YES],
      [TargetFeature.SHARED_LIMITS, no('ingress-nginx counts limits in each controller replica (its global rate limit needs a memcached the library does not configure); remove limits.scope, or use EdgeController.envoyGateway().')],
      [TargetFeature.TOKEN_BUDGET, no('ingress-nginx cannot count the tokens a response used; remove limits.tokenBudget, or use EdgeController.envoyGateway() with the Envoy AI Gateway.')],
      [TargetFeature.ENDPOINT_CERTIFICATE, YES],
      [TargetFeature.MODSECURITY_PROFILE, YES],
      [TargetFeature.WAF, YES],
      [TargetFeature.BACKEND_TLS, YES],
      [TargetFeature.BACKEND_TLS_CA_CONFIGMAP, no('ingress-nginx reads the backend CA from a Secret (proxy-ssl-secret, read by the controller): give BackendCaBundle.secret(name), a Secret with ca.crt in the endpoint\'s namespace.')],
      [TargetFeature.BACKEND_TLS_CANARY, no('A canary Ingress takes the main Ingress\'s proxy-ssl settings, which verify one name (the primary Service\'s): remove the canary while backendTls is on, or use EdgeController.envoyGateway(), which verifies each Service by its own name.')],
      [TargetFeature.INFERENCE_POOL, no('An Ingress routes to Services only, not to an InferencePool: remove backend.inferencePool, or use EdgeController.envoyGateway().')],
      [TargetFeature.GRPC, no('ingress-nginx speaks gRPC to a backend only through backend-protocol: GRPC, which applies to every path of an Ingress, and the controller is retired (no fixes since March 2026): remove grpc: true, or use EdgeController.envoyGateway(), which routes each gRPC method with a GRPCRoute.')],
    ]),
  },
  {
    kind: EdgeControllerKind.F5_NGINX,
    resources: [
      {
        apiGroups: ['k8s.nginx.org'],
        resources: ['virtualservers', 'virtualserverroutes'],
        backendServicesCel: 'has(x.spec.upstreams) ? x.spec.upstreams.map(u, u.service) : []',
        hostsCel: 'has(x.spec.host) ? [x.spec.host] : []',
        tlsSecretsCel: 'has(x.spec.tls) && has(x.spec.tls.secret) ? [x.spec.tls.secret] : []',
      },
      { apiGroups: ['k8s.nginx.org'], resources: ['policies'] },
    ],
    guards: [],
    backendTlsResources: [],
    aiGatewayResources: [],
    endpointCertificate: () => true,
    reliesOn: () => [],
    controller: (c) => {
      const o = c.f5NginxOptions ?? {};
      return {
        kind: c.kind,
        ingressClassName: dnsSubdomain('controller ingressClassName', o.ingressClassName ?? 'nginx'),
        namespace: dnsLabel('controller controllerNamespace', o.controllerNamespace ?? 'nginx-ingress'),
        podLabels: o.controllerPodLabels ?? { 'app.kubernetes.io/name': 'nginx-ingress' },
        nginxPlus: o.nginxPlus ?? false,
        appProtectPolicy: namespacedName('controller appProtectPolicy', o.appProtectPolicy),
        appProtectLogConf: namespacedName('controller appProtectLogConf', o.appProtectLogConf),
        wafSnippetAnnotation: false,
        clientAddress: clientAddressModel('controller clientAddress', o.clientAddress),
      };
    },
    honours: new Map([
      [TargetFeature.EXTERNAL_AUTH, no('F5 NGINX Ingress Controller has no external-auth subrequest for Ingress; use Authentication.clientCertificate(), or Authentication.jwt with jwksSecretName if the controller runs NGINX Plus.',
        TargetFeature.CLIENT_CERTIFICATE_AUTH, TargetFeature.JWT_AUTH, TargetFeature.JWKS_SECRET)],
      [TargetFeature.JWT_AUTH, when((c) => c.nginxPlus, 'JWT validation is an NGINX Plus feature; set EdgeController.f5Nginx({ nginxPlus: true }) if the controller runs NGINX Plus.')],
      [TargetFeature.JWKS_URI, no('The k8s.nginx.org/v1 Policy schema this library targets takes the JWKS from a Secret; set jwksSecretName instead.', TargetFeature.JWKS_SECRET)],
      [TargetFeature.JWKS_SECRET, YES],
      [TargetFeature.JWT_ISSUER_AUDIENCES, no('The F5 JWT Policy checks a token\'s signature and expiry, not its issuer or audiences; use keys that only your issuer holds in the JWKS Secret and remove issuer and audiences, or use EdgeController.envoyGateway().')],
      [TargetFeature.JWT_CLAIM_AUTHORIZATION, no('The F5 JWT Policy checks a token\'s signature and expiry, not its claims or scopes; remove authentication.authorization, or use EdgeController.envoyGateway().')],
      [TargetFeature.JWT_CLAIM_HEADERS, no('The F5 JWT Policy does not forward claims as headers; remove authentication.claimToHeaders, or use EdgeController.envoyGateway().')],
      [TargetFeature.PER_IDENTITY_RATE_LIMIT, no('This release renders F5 rate limits per client address only; remove limits.perIdentity, or use EdgeController.envoyGateway().')],
      [TargetFeature.OIDC_AUTH, no('The F5 oidc Policy is an NGINX Plus feature that also needs the provider\'s JWKS URI and endpoints, and this library does not render it; use Authentication.jwt with jwksSecretName if the controller runs NGINX Plus, or EdgeController.envoyGateway().',
        TargetFeature.JWT_AUTH, TargetFeature.JWKS_SECRET)],
      [TargetFeature.API_KEY_AUTH, no('The k8s.nginx.org/v1 Policy schema this library targets (the newest the Go module proxy serves) has no API-key policy; use Authentication.clientCertificate(), or Authentication.jwt with jwksSecretName if the controller runs NGINX Plus.',
        TargetFeature.CLIENT_CERTIFICATE_AUTH, TargetFeature.JWT_AUTH, TargetFeature.JWKS_SECRET)],
      [TargetFeature.CLIENT_CERTIFICATE_AUTH, YES],
      [TargetFeature.CLIENT_CA_CONFIGMAP, no('F5 NGINX reads the client CA from a Secret of type nginx.org/ca (the ingress-mTLS Policy\'s clientCertSecret): give ClientCaBundle.secret(name).')],
      [TargetFeature.CLIENT_CERTIFICATE_VERIFY_DEPTH, YES],
      [TargetFeature.SOURCE_RANGES_ALLOW_AND_DENY, no('An F5 accessControl Policy takes either an allow or a deny list, not both; keep one.')],
      [TargetFeature.REQUESTS_PER_MINUTE, no('An F5 rateLimit Policy has one rate; express it per second (requestsPerSecond) or use ingress-nginx.')],
      [TargetFeature.MAX_CONNECTIONS, no('F5 NGINX has no per-client connection limit for VirtualServer routes; remove maxConnections.')],
      [TargetFeature.BURST, YES],
      [TargetFeature.SHARED_LIMITS, no('F5 NGINX Ingress Controller counts rate limits in each replica (NGINX Plus zone sync is not configured by this library); remove limits.scope, or use EdgeController.envoyGateway().')],
      [TargetFeature.TOKEN_BUDGET, no('F5 NGINX cannot count the tokens a response used; remove limits.tokenBudget, or use EdgeController.envoyGateway() with the Envoy AI Gateway.')],
      [TargetFeature.ENDPOINT_CERTIFICATE, YES],
      [TargetFeature.MODSECURITY_PROFILE, no('F5 NGINX runs App Protect, not ModSecurity: express the policy as an APPolicy and set appProtectPolicy.')],
      [TargetFeature.WAF, when((c) => c.nginxPlus && c.appProtectPolicy !== undefined, 'F5 NGINX uses NGINX App Protect as its WAF, which runs only in NGINX Plus: set EdgeController.f5Nginx({ nginxPlus: true, appProtectPolicy: "namespace/name" }), or waf: { enabled: false }.')],
      [TargetFeature.BACKEND_TLS, YES],
      [TargetFeature.BACKEND_TLS_CA_CONFIGMAP, no('F5 NGINX reads the backend CA from a Secret of type nginx.org/ca (the egress-mTLS Policy\'s trustedCertSecret): give BackendCaBundle.secret(name).')],
      [TargetFeature.BACKEND_TLS_CANARY, no('The egress-mTLS Policy applies to every upstream of the VirtualServer and verifies one name (sslName, the primary Service\'s): remove the canary while backendTls is on, or use EdgeController.envoyGateway(), which verifies each Service by its own name.')],
      [TargetFeature.INFERENCE_POOL, no('A VirtualServer routes to Services only, not to an InferencePool: remove backend.inferencePool, or use EdgeController.envoyGateway().')],
      [TargetFeature.GRPC, no('This library does not render F5 gRPC upstreams (a VirtualServer upstream of type grpc needs HTTP/2 on the controller\'s listener, a controller-wide setting): remove grpc: true, or use EdgeController.envoyGateway(), which routes each gRPC method with a GRPCRoute.')],
    ]),
  },
  envoyGatewayRow(EdgeControllerKind.ENVOY_GATEWAY),
  envoyGatewayRow(EdgeControllerKind.CALICO_INGRESS_GATEWAY),
];

/** The row of a controller kind. @internal */
export function exposureTarget(kind: EdgeControllerKind): ExposureTarget {
  const row = EXPOSURE_TARGETS.find((t) => t.kind === kind);
  if (!row) throw new ValidationError('controller', kind?.value, `Choose one of ${EXPOSURE_TARGETS.map((t) => t.kind.value).join(', ')}.`);
  return row;
}

/**
 * The resources the target's renderer writes for this controller: its listener's too, when the
 * endpoint owns it, its backend-TLS objects, with `backendTls`, its InferencePool, with an
 * InferencePool backend, and its GRPCRoute, with a gRPC API. @internal
 */
export function targetResources(target: ExposureTarget, controller: ControllerModel, backendTls: boolean, inferencePool = false,
  grpc = false): ResourceGroup[] {
  const own = controller.gateway?.own !== undefined;
  return [...target.resources, ...(own ? target.ownListenerResources ?? [] : []), ...(backendTls ? target.backendTlsResources : []),
    ...(inferencePool ? target.inferencePoolResources ?? [] : []), ...(grpc ? target.grpcResources ?? [] : [])];
}

/**
 * The resources change control guards without the renderer writing them: the listener's too, when
 * the platform owns it, the backend-TLS objects, without `backendTls`, InferencePools, without
 * an InferencePool backend, and GRPCRoutes, without a gRPC API. @internal
 */
export function targetGuards(target: ExposureTarget, controller: ControllerModel, backendTls: boolean, inferencePool = false,
  grpc = false): ResourceGroup[] {
  const own = controller.gateway?.own !== undefined;
  return [...target.guards, ...(own ? [] : target.ownListenerResources ?? []), ...(backendTls ? [] : target.backendTlsResources),
    ...(inferencePool ? [] : target.inferencePoolResources ?? []), ...(grpc ? [] : target.grpcResources ?? [])];
}

/**
 * Fails on the first request the target cannot honour, naming the option, the value and what
 * to do instead. The one place this error is written.
 * @internal
 */
export function assertTargetHonours(target: ExposureTarget, controller: ControllerModel, requests: TargetRequest[]): void {
  for (const r of requests) {
    const support = target.honours.get(r.feature);
    if (support === undefined) {
      throw new ValidationError(r.field, r.value, `${target.kind.value} cannot honour ${r.feature.description}; choose another controller or remove the option.`);
    }
    if (!support.honoured(controller)) {
      throw new ValidationError(r.field, r.value, `${target.kind.value} cannot honour this option. ${support.fix}`);
    }
  }
}

function namespacedName(field: string, value?: string): string | undefined {
  if (value === undefined) return undefined;
  const parts = value.split('/');
  if (parts.length !== 2) throw new ValidationError(field, value, 'Use "namespace/name".');
  dnsLabel(field, parts[0]);
  dnsSubdomain(field, parts[1]);
  return value;
}

/**
 * The row of a Gateway API target built on Envoy Gateway (Envoy Gateway itself, Calico Ingress
 * Gateway): the same renderer and resources; its own options, defaults and reliance lines.
 */
function envoyGatewayRow(kind: EdgeControllerKind): ExposureTarget {
  const calico = kind === EdgeControllerKind.CALICO_INGRESS_GATEWAY;
  const factory = calico ? 'calicoIngressGateway' : 'envoyGateway';
  return {
    kind,
    resources: [
      {
        apiGroups: ['gateway.networking.k8s.io'],
        resources: ['httproutes'],
        // A backend or a mirror to a model Service of the route's namespace (Service is the default kind),
        // or to any Envoy Gateway Backend (its addresses may be the model's) or InferencePool.
        reachesCel: 'has(x.spec.rules) && x.spec.rules.exists(r, (has(r.backendRefs) && r.backendRefs.exists(b, '
          + `(${SERVICE_REF('b')}) || ${ENVOY_BACKEND_REF('b')} || ${INFERENCE_POOL_REF('b')})) || (has(r.filters) && r.filters.exists(f, has(f.requestMirror)`
          + ` && ((${SERVICE_REF('f.requestMirror.backendRef')}) || ${ENVOY_BACKEND_REF('f.requestMirror.backendRef')}))))`,
        // A route without hostnames serves every host of the listeners it attaches to; a wildcard serves the names below it.
        claimsCel: '!has(x.spec.hostnames) || size(x.spec.hostnames) == 0 || x.spec.hostnames.exists(h, h in variables.hosts'
          + " || (h.startsWith('*.') && variables.hosts.exists(o, o.endsWith(h.substring(1)))))",
      },
      {
        apiGroups: ['gateway.envoyproxy.io'],
        resources: ['securitypolicies', 'backendtrafficpolicies'],
        // A policy naming one of the endpoint's routes, or choosing its routes by label (it may choose the endpoint's).
        reachesCel: ATTACHES_TO_ROUTES,
      },
    ],
    // With the WAF on, the endpoint writes its EnvoyExtensionPolicy (coraza-proxy-wasm): then a written resource, not only guarded.
    wafResources: [ENVOY_EXTENSION_POLICIES],
    guards: [
      ENVOY_EXTENSION_POLICIES,
      // A grant lets routes of other namespaces send traffic to the model Service.
      {
        apiGroups: ['gateway.networking.k8s.io'],
        resources: ['referencegrants'],
        reachesCel: "has(x.spec.to) && x.spec.to.exists(t, t.group == '' && t.kind == 'Service' && (!has(t.name) || t.name in variables.modelServices))",
      },
    ],
    grpcResources: [
      {
        apiGroups: ['gateway.networking.k8s.io'],
        resources: ['grpcroutes'],
        // A backend or a mirror to a model Service of the route's namespace, or to any Envoy Gateway Backend or InferencePool.
        reachesCel: 'has(x.spec.rules) && x.spec.rules.exists(r, (has(r.backendRefs) && r.backendRefs.exists(b, '
          + `(${SERVICE_REF('b')}) || ${ENVOY_BACKEND_REF('b')} || ${INFERENCE_POOL_REF('b')})) || (has(r.filters) && r.filters.exists(f, has(f.requestMirror)`
          + ` && ((${SERVICE_REF('f.requestMirror.backendRef')}) || ${ENVOY_BACKEND_REF('f.requestMirror.backendRef')}))))`,
        // A route without hostnames serves every host of the listeners it attaches to; a wildcard serves the names below it.
        claimsCel: '!has(x.spec.hostnames) || size(x.spec.hostnames) == 0 || x.spec.hostnames.exists(h, h in variables.hosts'
          + " || (h.startsWith('*.') && variables.hosts.exists(o, o.endsWith(h.substring(1)))))",
      },
    ],
    inferencePoolResources: [
      // An InferencePool whose selector chooses model pods: a route to it (or an endpoint picker
      // it names) reaches them without the model Service. The endpoint's own pool is the deployer's.
      {
        apiGroups: ['inference.networking.k8s.io'],
        resources: ['inferencepools'],
        reachesCel: 'has(x.spec.selector) && has(x.spec.selector.matchLabels) && variables.modelPodLabels.exists(p, '
          + 'x.spec.selector.matchLabels.all(k, k in p && p[k] == x.spec.selector.matchLabels[k]))',
      },
    ],
    backendTlsResources: [
      // A BackendTLSPolicy on a model Service decides which CA and name the Gateway accepts from the
      // model pods: another one (with a CA of its author's, or on an endpoint without backendTls,
      // turning TLS on towards a plain-HTTP server) would let a stranger's server answer or take the
      // endpoint down; of two policies on one Service, the oldest wins.
      {
        apiGroups: ['gateway.networking.k8s.io'],
        resources: ['backendtlspolicies'],
        reachesCel: "has(x.spec.targetRefs) && x.spec.targetRefs.exists(t, t.group == '' && t.kind == 'Service' && t.name in variables.modelServices)",
      },
    ],
    aiGatewayResources: [
      {
        apiGroups: ['aigateway.envoyproxy.io'],
        resources: ['aigatewayroutes'],
        // The AI Gateway controller turns it into an HTTPRoute of the same name: one named like the
        // endpoint's route, or sending traffic to any AIServiceBackend or InferencePool, reaches the model.
        reachesCel: 'x.metadata.name in variables.routes || (has(x.spec.rules) && x.spec.rules.exists(r, has(r.backendRefs) && size(r.backendRefs) > 0))',
        claimsCel: '!has(x.spec.hostnames) || size(x.spec.hostnames) == 0 || x.spec.hostnames.exists(h, h in variables.hosts'
          + " || (h.startsWith('*.') && variables.hosts.exists(o, o.endsWith(h.substring(1)))))",
      },
      // An AIServiceBackend names a Backend, and a Backend holds addresses of its author's choosing
      // (the model Service's DNS name, a model pod's IP): any one may reach the model.
      { apiGroups: ['aigateway.envoyproxy.io'], resources: ['aiservicebackends'], reachesCel: 'true' },
      { apiGroups: ['gateway.envoyproxy.io'], resources: ['backends'], reachesCel: 'true' },
    ],
    endpointCertificate: (c) => c.gateway?.own !== undefined,
    ownListenerResources: [
      {
        apiGroups: ['gateway.networking.k8s.io'],
        resources: ['listenersets'],
        // A listener without a hostname serves every host of its port; a wildcard serves the names below it.
        claimsCel: 'has(x.spec.listeners) && x.spec.listeners.exists(l, !has(l.hostname) || l.hostname in variables.hosts'
          + " || (l.hostname.startsWith('*.') && variables.hosts.exists(o, o.endsWith(l.hostname.substring(1)))))",
        // A listener presenting the endpoint's certificate Secret.
        reachesCel: 'has(x.spec.listeners) && x.spec.listeners.exists(l, has(l.tls) && has(l.tls.certificateRefs)'
          + ' && l.tls.certificateRefs.exists(r, r.name == variables.tlsSecret))',
      },
      {
        apiGroups: ['gateway.envoyproxy.io'],
        resources: ['clienttrafficpolicies'],
        // A policy on the endpoint's ListenerSet (named after the endpoint, like its route) sets its TLS and client addresses.
        reachesCel: "(has(x.spec.targetRefs) && x.spec.targetRefs.exists(t, t.kind == 'ListenerSet' && t.name in variables.routes))"
          + " || (has(x.spec.targetRef) && x.spec.targetRef.kind == 'ListenerSet' && x.spec.targetRef.name in variables.routes)",
      },
    ],
    reliesOn: (c, e) => [...(c.gateway!.own !== undefined ? [
      `Gateway ${c.gateway!.namespace}/${c.gateway!.name}: allowedListeners admits ListenerSets from the endpoint's namespace, and its Envoy proxies serve port ${c.gateway!.own.port}`,
      'no other listener of the Gateway serves the endpoint\'s hosts on that port (a conflicting listener of the Gateway\'s own, or an older ListenerSet, wins the host)',
      'the Gateway\'s HTTP listener redirects to HTTPS with 301 or 308 and routes nothing else',
      ...(e.clientCertificates ? ['Envoy Gateway limits no client certificate chain\'s depth: a certificate signed by an intermediate CA that a CA of the client CA bundle signed is accepted too'] : []),
    ] : [
      `Gateway ${c.gateway!.namespace}/${c.gateway!.name}${c.gateway!.sectionName ? ` listener ${c.gateway!.sectionName}` : ''}: HTTPS with a certificate for the endpoint's hosts (the platform's, issued by cert-manager's Gateway integration from the Gateway's annotations)`,
      'the Gateway\'s HTTP listener redirects to HTTPS with 301 or 308 and routes nothing else',
      `a ClientTrafficPolicy on the Gateway accepts ${e.tlsMinimumVersion} or newer only`,
      'the Gateway\'s ClientTrafficPolicy clientIPDetection reads client addresses as the platform\'s load balancer delivers them (source ranges and per-client limits use them)',
      'the Gateway\'s listeners allow routes from the endpoint\'s namespace',
      'hostname claims: the Gateway\'s listeners for the endpoint\'s hosts admit routes from the endpoint\'s namespace only (allowedRoutes.namespaces.from: Same, or a selector of it alone): a listener admitting other namespaces lets their HTTPRoutes claim the endpoint\'s hostnames, which the endpoint\'s change control cannot see',
    ]),
    ...(e.sharedLimits ? ['Envoy Gateway\'s rate-limit service is configured (EnvoyGateway rateLimit.backend, a Redis every gateway replica shares): without it Envoy Gateway refuses the endpoint\'s BackendTrafficPolicy (Accepted=False); while the service is unreachable requests pass unlimited unless rateLimit.failClosed is true'] : []),
    ...(kind === EdgeControllerKind.CALICO_INGRESS_GATEWAY ? ['the Gateway is of class tigera-gateway-class (Calico Ingress Gateway, run by the Tigera operator)'] : []),
    ...(c.wafModule ? [
      `the platform serves the coraza-proxy-wasm module (the LLM WAF) at ${c.wafModule.url} (sha256 ${c.wafModule.sha256}) where the gateway's controller can fetch it`,
      'the module loads in the Gateway\'s Envoy pods: the WAF fails closed (failOpen: false), so while it cannot be fetched or loaded the route answers 500',
    ] : []),
    ...(e.tokenBudgetKey !== undefined ? [
      `the Envoy AI Gateway (v1.1) controller, ServiceAccount ${c.aiGatewayController}, generates HTTPRoute ${e.routeName ?? 'of the endpoint'} from the endpoint's AIGatewayRoute, and its external processor runs in the Gateway's Envoy pods and writes each response's token count to dynamic metadata io.envoy.ai_gateway/${e.tokenBudgetKey}: without the controller there is no route and the endpoint serves nothing (404)`,
      'Envoy Gateway\'s Backend API is enabled (EnvoyGateway extensionApis.enableBackend, as the AI Gateway installation sets it): the AIServiceBackend reaches the model Service through a Backend',
      'the Gateway sets Strict-Transport-Security on its HTTPS listener: a route the AI Gateway generates carries no response-header filter of the endpoint\'s',
      'the endpoint\'s SecurityPolicy is Accepted: the route the AI Gateway generates matches every path and method of the endpoint\'s hosts, and the SecurityPolicy\'s first rule refuses (403) whatever is not one of the model server\'s inference routes (the HTTPRoute\'s exact-path allow-list, 404, does not exist on this route)',
    ] : []),
    // Envoy Gateway applies the most specific policy of each kind, and merges policies only with mergeType (not set here).
    'the platform\'s policies attached to the Gateway (SecurityPolicy, BackendTrafficPolicy, EnvoyExtensionPolicy) do not apply to the endpoint\'s route: its own policy of each kind replaces them (Envoy Gateway merges them only with mergeType, which the endpoint does not set), so controls the platform enforces at the Gateway (an organisation-wide external auth, WAF or address denylist) must be given to the endpoint as well'],
    controller: (c) => {
      const o: EnvoyGatewayOptions | CalicoIngressGatewayOptions | undefined = calico ? c.calicoIngressGatewayOptions : c.envoyGatewayOptions;
      if (!o || !o.gateway) throw new ValidationError('controller gateway', o?.gateway, `Give the Gateway the route attaches to: EdgeController.${factory}({ gateway: { name, namespace, sectionName } }).`);
      if (o.waf !== undefined && !(o.waf?.module instanceof CorazaWasmModule)) {
        throw new ValidationError('controller waf.module', o.waf?.module, 'Give the coraza-proxy-wasm module the platform serves: CorazaWasmModule.fromImage(image, sha256) or CorazaWasmModule.fromUrl(url, sha256).');
      }
      const listener = gatewayListenerModel(o.gateway.sectionName, o.listener);
      const gateway = {
        name: dnsSubdomain('controller gateway.name', o.gateway.name),
        namespace: dnsLabel('controller gateway.namespace', o.gateway.namespace),
        sectionName: listener.sectionName,
        ...(listener.own !== undefined ? { own: listener.own } : {}),
      };
      return {
        kind: c.kind,
        namespace: dnsLabel('controller dataPlaneNamespace', o.dataPlaneNamespace ?? (calico ? 'tigera-gateway' : 'envoy-gateway-system')),
        podLabels: o.dataPlanePodLabels ?? {
          'app.kubernetes.io/name': 'envoy',
          'app.kubernetes.io/component': 'proxy',
          'app.kubernetes.io/managed-by': 'envoy-gateway',
          'gateway.envoyproxy.io/owning-gateway-name': gateway.name,
          'gateway.envoyproxy.io/owning-gateway-namespace': gateway.namespace,
        },
        gateway,
        nginxPlus: false,
        wafSnippetAnnotation: false,
        clientAddress: gatewayClientAddressModel(listener, o.clientAddress),
        wafModule: o.waf?.module,
        aiGatewayController: namespacedName('controller aiGatewayControllerServiceAccount', o.aiGatewayControllerServiceAccount ?? 'envoy-ai-gateway-system/ai-gateway-controller'),
      };
    },
    honours: new Map([
      [TargetFeature.EXTERNAL_AUTH, YES],
      [TargetFeature.JWT_AUTH, YES],
      [TargetFeature.JWKS_URI, YES],
      [TargetFeature.JWKS_SECRET, no('Envoy Gateway reads a JWKS from a URI (or a ConfigMap), not from a Secret; set jwksUri.', TargetFeature.JWKS_URI)],
      [TargetFeature.JWT_ISSUER_AUDIENCES, YES],
      [TargetFeature.JWT_CLAIM_AUTHORIZATION, YES],
      [TargetFeature.JWT_CLAIM_HEADERS, YES],
      [TargetFeature.PER_IDENTITY_RATE_LIMIT, YES],
      [TargetFeature.OIDC_AUTH, YES],
      [TargetFeature.API_KEY_AUTH, YES],
      // Client certificates are checked in the TLS handshake, by the listener: on a platform listener,
      // shared with other hosts, the platform's ClientTrafficPolicy decides, so the endpoint must own its listener.
      [TargetFeature.CLIENT_CERTIFICATE_AUTH, when((c) => c.gateway?.own !== undefined, 'Client certificates are verified by the Gateway\'s listener (a ClientTrafficPolicy\'s tls.clientValidation), '
        + 'and the platform\'s listener is shared with other hosts and configured by the platform, not the endpoint: give the endpoint its own listener, '
        + `EdgeController.${factory}({ gateway, listener: GatewayListener.own() }), which requires them; or use Authentication.jwt or Authentication.apiKey on the route.`,
      TargetFeature.JWT_AUTH, TargetFeature.API_KEY_AUTH)],
      [TargetFeature.CLIENT_CA_CONFIGMAP, YES],
      [TargetFeature.CLIENT_CERTIFICATE_VERIFY_DEPTH, no('Envoy Gateway\'s client validation has no chain-depth limit (every chain to a CA of the bundle is accepted): remove verifyDepth, and put in the bundle only the CA that signs the clients\' certificates (reported).')],
      [TargetFeature.SOURCE_RANGES_ALLOW_AND_DENY, YES],
      [TargetFeature.REQUESTS_PER_MINUTE, YES],
      [TargetFeature.MAX_CONNECTIONS, no('Envoy Gateway has no per-client connection limit on a route; remove maxConnections (the per-client request rates bound each client).')],
      [TargetFeature.BURST, no('Envoy Gateway\'s rate limits have no burst of their own (the local limit is a token bucket as deep as its rate, the shared limit a fixed window); remove limits.burst.')],
      [TargetFeature.SHARED_LIMITS, YES],
      [TargetFeature.TOKEN_BUDGET, YES],
      [TargetFeature.ENDPOINT_CERTIFICATE, when((c) => c.gateway?.own !== undefined, 'The route attaches to the platform\'s Gateway listener, which presents the platform\'s certificate (cert-manager\'s Gateway integration issues it from the Gateway\'s annotations); remove tls.issuer, tls.challenge and the certificate settings, or give the endpoint its own listener with listener: GatewayListener.own().')],
      [TargetFeature.MODSECURITY_PROFILE, when((c) => c.wafModule !== undefined, gatewayWafFix(factory))],
      [TargetFeature.WAF, when((c) => c.wafModule !== undefined, gatewayWafFix(factory))],
      [TargetFeature.BACKEND_TLS, YES],
      [TargetFeature.BACKEND_TLS_CA_CONFIGMAP, YES],
      [TargetFeature.BACKEND_TLS_CANARY, YES],
      [TargetFeature.INFERENCE_POOL, YES],
      [TargetFeature.GRPC, YES],
    ]),
  };
}
