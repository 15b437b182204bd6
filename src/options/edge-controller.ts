import { ClientAddress } from './client-address';
import { CorazaWasmModule } from './coraza-wasm-module';
import { GatewayListener } from './gateway-listener';

/** ingress-nginx settings. */
export interface IngressNginxOptions {
  /**
   * The IngressClass.
   * @default 'nginx'
   */
  readonly ingressClassName?: string;

  /**
   * The controller's namespace (its pods alone may reach the model pods).
   * @default 'ingress-nginx'
   */
  readonly controllerNamespace?: string;

  /**
   * Labels of the controller's pods.
   * @default { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' }
   */
  readonly controllerPodLabels?: { [key: string]: string };

  /**
   * Deliver the WAF rules through a per-Ingress `modsecurity-snippet` annotation. Snippet annotations
   * are rated Critical risk (they were the core of CVE-2025-1974) and are disabled by default in the
   * controller; enabling them lets anyone who can edit an Ingress inject nginx configuration. Reported.
   * @default false (the rules are delivered in the controller-level configuration)
   */
  readonly wafSnippetAnnotationCriticalRisk?: boolean;

  /**
   * How the controller learns each client's address (PROXY protocol, a trusted proxy's header, or
   * the TCP peer). Controller-wide: it applies to every host of the controller, so every endpoint
   * on it must give the same one. Pick `ClientAddress.direct()` when the controller sees clients'
   * own addresses (`externalTrafficPolicy: Local`, or a load balancer that keeps them), otherwise
   * `ClientAddress.proxyProtocol(lbCidrs)` or `ClientAddress.forwardedFor(proxyCidrs)`.
   * @default ClientAddress.direct()
   */
  readonly clientAddress?: ClientAddress;
}

/** F5 NGINX Ingress Controller settings. */
export interface F5NginxOptions {
  /**
   * The IngressClass.
   * @default 'nginx'
   */
  readonly ingressClassName?: string;

  /**
   * The controller's namespace.
   * @default 'nginx-ingress'
   */
  readonly controllerNamespace?: string;

  /**
   * Labels of the controller's pods.
   * @default { 'app.kubernetes.io/name': 'nginx-ingress' }
   */
  readonly controllerPodLabels?: { [key: string]: string };

  /**
   * The controller runs NGINX Plus (needed for JWT validation).
   * @default false
   */
  readonly nginxPlus?: boolean;

  /**
   * The NGINX App Protect WAF policy (`APPolicy`, as `namespace/name`) the `waf` Policy references.
   * Required when the WAF is on: F5 NGINX uses App Protect, not ModSecurity.
   * @default - none
   */
  readonly appProtectPolicy?: string;

  /**
   * The App Protect security log configuration (`APLogConf`, as `namespace/name`) and destination.
   * @default - no security log
   */
  readonly appProtectLogConf?: string;

  /**
   * How the controller learns each client's address (PROXY protocol, a trusted proxy's header, or
   * the TCP peer). Controller-wide: it applies to every host of the controller, so every endpoint
   * on it must give the same one. Pick `ClientAddress.direct()` when the controller sees clients'
   * own addresses (`externalTrafficPolicy: Local`, or a load balancer that keeps them), otherwise
   * `ClientAddress.proxyProtocol(lbCidrs)` or `ClientAddress.forwardedFor(proxyCidrs)`.
   * @default ClientAddress.direct()
   */
  readonly clientAddress?: ClientAddress;
}

/** A Gateway (Gateway API) the endpoint's HTTPRoute attaches to, by reference. */
export interface GatewayReference {
  /** The Gateway's name. */
  readonly name: string;

  /** The Gateway's namespace. */
  readonly namespace: string;

  /**
   * The listener the route attaches to (the HTTPS listener serving the endpoint's hosts). The
   * same as `listener: GatewayListener.platform(sectionName)`; not with `GatewayListener.own()`.
   * @default - every listener of the Gateway that admits the route
   */
  readonly sectionName?: string;
}

/**
 * How the LLM WAF runs in the Gateway's Envoy pods: the profile's Coraza directives in the
 * coraza-proxy-wasm filter, attached to the endpoint's route by an EnvoyExtensionPolicy.
 */
export interface GatewayWafOptions {
  /**
   * The coraza-proxy-wasm module the platform serves (an OCI image or an HTTP(S) URL, pinned by its SHA-256).
   * Required when the endpoint's WAF is on.
   */
  readonly module: CorazaWasmModule;
}

/**
 * Envoy Gateway settings. The endpoint attaches to a Gateway the platform team owns. On a
 * listener of the platform's (the default), the listener's TLS certificate and versions, client
 * certificates, the HTTP to HTTPS redirect and its ClientTrafficPolicy are the platform's, which
 * the endpoint relies on and never writes. With `listener: GatewayListener.own()`, the endpoint
 * writes its own listener (a ListenerSet on the platform's Gateway), its certificate and the
 * ClientTrafficPolicy of that listener.
 */
export interface EnvoyGatewayOptions {
  /** The Gateway the endpoint's HTTPRoute (or its ListenerSet) attaches to. */
  readonly gateway: GatewayReference;

  /**
   * The listener the endpoint's HTTPRoute attaches to: one of the platform's Gateway, or one of the
   * endpoint's own (a ListenerSet on that Gateway, with a certificate from `tls.issuer` and a
   * ClientTrafficPolicy for `tls.minimumVersion` and `clientAddress`).
   * @default GatewayListener.platform(gateway.sectionName)
   */
  readonly listener?: GatewayListener;

  /**
   * How the endpoint's own listener learns each client's address: `ClientAddress.direct()` (the
   * TCP peer) or `ClientAddress.forwardedFor(proxyCidrs)` (X-Forwarded-For from trusted proxies).
   * Only with `GatewayListener.own()`: on a platform listener, the platform's ClientTrafficPolicy
   * decides (reported as a setting the endpoint relies on).
   * @default ClientAddress.direct()
   */
  readonly clientAddress?: ClientAddress;

  /**
   * The namespace of the Gateway's Envoy pods (the data plane; its pods alone may reach the
   * model pods). Envoy Gateway deploys them in its own namespace by default; with the
   * `GatewayNamespace` deploy mode they run in the Gateway's namespace.
   * @default 'envoy-gateway-system'
   */
  readonly dataPlaneNamespace?: string;

  /**
   * Labels of the Gateway's Envoy pods.
   * @default { 'app.kubernetes.io/name': 'envoy', 'app.kubernetes.io/component': 'proxy', 'app.kubernetes.io/managed-by': 'envoy-gateway', 'gateway.envoyproxy.io/owning-gateway-name': <gateway name>, 'gateway.envoyproxy.io/owning-gateway-namespace': <gateway namespace> }
   */
  readonly dataPlanePodLabels?: { [key: string]: string };

  /**
   * The WAF's delivery: the coraza-proxy-wasm module that runs the LLM WAF profile through an
   * EnvoyExtensionPolicy on the endpoint's route. Required when the endpoint's WAF is on
   * (the default); without it, turn the WAF off explicitly (`waf: { enabled: false }`, reported).
   * @default - none (the endpoint's WAF must be off)
   */
  readonly waf?: GatewayWafOptions;

  /**
   * The ServiceAccount (`namespace/name`) of the platform's Envoy AI Gateway controller. With a
   * token budget the endpoint writes an `AIGatewayRoute`, and this controller writes the HTTPRoute
   * generated from it (same name): the endpoint's change control lets this account, besides the
   * deployers, create, change and delete that HTTPRoute and no other object.
   * @default 'envoy-ai-gateway-system/ai-gateway-controller' (the Envoy AI Gateway Helm chart's)
   */
  readonly aiGatewayControllerServiceAccount?: string;
}

/**
 * Calico Ingress Gateway settings. Calico Ingress Gateway is Tigera's hardened build of Envoy
 * Gateway (Gateway API, GatewayClass `tigera-gateway-class`): the endpoint attaches to a Gateway
 * of that class the platform team owns, and is rendered as for Envoy Gateway (HTTPRoute,
 * SecurityPolicy, BackendTrafficPolicy, and the WAF through an EnvoyExtensionPolicy running
 * coraza-proxy-wasm; Calico's own WAFPolicy and WAFPlugin resources are not written).
 */
export interface CalicoIngressGatewayOptions {
  /** The Gateway (of class `tigera-gateway-class`) the endpoint's HTTPRoute (or its ListenerSet) attaches to. */
  readonly gateway: GatewayReference;

  /**
   * The listener the endpoint's HTTPRoute attaches to: one of the platform's Gateway, or one of the
   * endpoint's own (a ListenerSet on that Gateway), as for Envoy Gateway.
   * @default GatewayListener.platform(gateway.sectionName)
   */
  readonly listener?: GatewayListener;

  /**
   * How the endpoint's own listener learns each client's address, as for Envoy Gateway (only with
   * `GatewayListener.own()`).
   * @default ClientAddress.direct()
   */
  readonly clientAddress?: ClientAddress;

  /**
   * The namespace of the Gateway's Envoy pods. The Tigera operator runs Envoy Gateway and its
   * proxies in `tigera-gateway`; with the operator's `GatewayNamespace` deployment mode the
   * proxies run in each Gateway's own namespace.
   * @default 'tigera-gateway'
   */
  readonly dataPlaneNamespace?: string;

  /**
   * Labels of the Gateway's Envoy pods (Envoy Gateway's own).
   * @default { 'app.kubernetes.io/name': 'envoy', 'app.kubernetes.io/component': 'proxy', 'app.kubernetes.io/managed-by': 'envoy-gateway', 'gateway.envoyproxy.io/owning-gateway-name': <gateway name>, 'gateway.envoyproxy.io/owning-gateway-namespace': <gateway namespace> }
   */
  readonly dataPlanePodLabels?: { [key: string]: string };

  /**
   * The WAF's delivery: the coraza-proxy-wasm module that runs the LLM WAF profile through an
   * EnvoyExtensionPolicy on the endpoint's route. Required when the endpoint's WAF is on.
   * @default - none (the endpoint's WAF must be off)
   */
  readonly waf?: GatewayWafOptions;

  /**
   * The ServiceAccount (`namespace/name`) of the platform's Envoy AI Gateway controller. With a
   * token budget the endpoint writes an `AIGatewayRoute`, and this controller writes the HTTPRoute
   * generated from it (same name): the endpoint's change control lets this account, besides the
   * deployers, create, change and delete that HTTPRoute and no other object.
   * @default 'envoy-ai-gateway-system/ai-gateway-controller' (the Envoy AI Gateway Helm chart's)
   */
  readonly aiGatewayControllerServiceAccount?: string;
}

/** Options of `EdgeController.migrating`: the controller the endpoint leaves and the one it moves to. */
export interface EdgeMigrationOptions {
  /** The controller the endpoint is exposed through today (e.g. `EdgeController.ingressNginx()`). */
  readonly from: EdgeController;
  /** The controller the endpoint moves to (e.g. `EdgeController.envoyGateway({ gateway, listener: GatewayListener.own() })`). */
  readonly to: EdgeController;
}

/** The kind of edge controller. */
export class EdgeControllerKind {
  /** The community ingress-nginx controller (retired March 2026). */
  public static readonly INGRESS_NGINX = new EdgeControllerKind('ingress-nginx');
  /** F5 NGINX Ingress Controller. */
  public static readonly F5_NGINX = new EdgeControllerKind('f5-nginx');
  /** Envoy Gateway (Gateway API). */
  public static readonly ENVOY_GATEWAY = new EdgeControllerKind('envoy-gateway');
  /** Calico Ingress Gateway (Tigera's hardened Envoy Gateway, `tigera-gateway-class`). */
  public static readonly CALICO_INGRESS_GATEWAY = new EdgeControllerKind('calico-ingress-gateway');

  private constructor(
    /** The kind's name. */
    public readonly value: string,
  ) {}
}

/**
 * The controller that exposes the endpoint. The endpoint's options are the same for every
 * controller; an option a controller cannot honour fails at synthesis.
 */
export class EdgeController {
  /**
   * ingress-nginx. Retired in March 2026 (no more fixes, including security fixes): plan the move
   * to Gateway API. Supported here because many clusters still run it.
   */
  public static ingressNginx(options: IngressNginxOptions = {}): EdgeController {
    return new EdgeController(EdgeControllerKind.INGRESS_NGINX, options, undefined);
  }

  /** F5 NGINX Ingress Controller: limits and authentication through `k8s.nginx.org/v1` Policy resources. */
  public static f5Nginx(options: F5NginxOptions = {}): EdgeController {
    return new EdgeController(EdgeControllerKind.F5_NGINX, undefined, options);
  }

  /**
   * Envoy Gateway (Gateway API): an HTTPRoute attached to a Gateway the platform team owns (on a
   * listener of the platform's, or on the endpoint's own ListenerSet with `GatewayListener.own()`),
   * with a SecurityPolicy (authentication, client address ranges), a BackendTrafficPolicy
   * (rate, size and time limits) and, with the WAF on, an EnvoyExtensionPolicy (the LLM WAF
   * profile in coraza-proxy-wasm) targeting the route. The only target whose rate limits can be
   * shared by every proxy replica (`limits.scope: LimitScope.SHARED`, through the platform's
   * Envoy Gateway rate-limit service) and which keeps an LLM token budget (`limits.tokenBudget`:
   * the endpoint then writes an Envoy AI Gateway `AIGatewayRoute` instead of the HTTPRoute).
   */
  public static envoyGateway(options: EnvoyGatewayOptions): EdgeController {
    return new EdgeController(EdgeControllerKind.ENVOY_GATEWAY, undefined, undefined, options);
  }

  /**
   * Calico Ingress Gateway (Tigera's hardened Envoy Gateway): rendered as for Envoy Gateway, on a
   * Gateway of class `tigera-gateway-class`, with the Envoy pods in Calico's `tigera-gateway`
   * namespace by default.
   */
  public static calicoIngressGateway(options: CalicoIngressGatewayOptions): EdgeController {
    return new EdgeController(EdgeControllerKind.CALICO_INGRESS_GATEWAY, undefined, undefined, undefined, undefined, options);
  }

  /**
   * Both controllers at once, during a move: the endpoint is exposed through `from` (e.g. its
   * Ingress) and through `to` (e.g. its HTTPRoute) side by side, with the same options, so both
   * paths enforce the same controls (an option either controller cannot honour fails); its
   * NetworkPolicies admit both data planes; change control and the deployer cover the objects of
   * both. Objects keep their names: when the move is done, set `controller` to `to` and the
   * `from` objects (the Ingress) are no longer written, nothing else changes.
   */
  public static migrating(options: EdgeMigrationOptions): EdgeController {
    const o = options ?? ({} as EdgeMigrationOptions);
    const to = o.to instanceof EdgeController ? o.to : undefined;
    return new EdgeController(to?.kind as EdgeControllerKind, to?.ingressNginxOptions, to?.f5NginxOptions, to?.envoyGatewayOptions,
      { from: o.from, to: o.to }, to?.calicoIngressGatewayOptions);
  }

  private constructor(
    /** Which controller. */
    public readonly kind: EdgeControllerKind,
    /**
     * ingress-nginx settings.
     * @default - none
     */
    public readonly ingressNginxOptions?: IngressNginxOptions,
    /**
     * F5 NGINX settings.
     * @default - none
     */
    public readonly f5NginxOptions?: F5NginxOptions,
    /**
     * Envoy Gateway settings.
     * @default - none
     */
    public readonly envoyGatewayOptions?: EnvoyGatewayOptions,
    /**
     * During a move (`EdgeController.migrating`): the controller the endpoint leaves and the one it moves to.
     * @default - none
     */
    public readonly migration?: EdgeMigrationOptions,
    /**
     * Calico Ingress Gateway settings.
     * @default - none
     */
    public readonly calicoIngressGatewayOptions?: CalicoIngressGatewayOptions,
  ) {}
}
