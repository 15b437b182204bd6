import { ClientAddress } from './client-address';

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
   * The listener the route attaches to (the HTTPS listener serving the endpoint's hosts).
   * @default - every listener of the Gateway that admits the route
   */
  readonly sectionName?: string;
}

/**
 * Envoy Gateway settings. The endpoint attaches to a Gateway the platform team owns: its
 * listeners (TLS certificate and versions, client certificates, the HTTP to HTTPS redirect) and
 * its ClientTrafficPolicy are the platform's, which the endpoint relies on and never writes.
 */
export interface EnvoyGatewayOptions {
  /** The Gateway the endpoint's HTTPRoute attaches to. */
  readonly gateway: GatewayReference;

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
   * The ServiceAccount (`namespace/name`) of the platform's Envoy AI Gateway controller. With a
   * token budget the endpoint writes an `AIGatewayRoute`, and this controller writes the HTTPRoute
   * generated from it (same name): the endpoint's change control lets this account, besides the
   * deployers, create, change and delete that HTTPRoute and no other object.
   * @default 'envoy-ai-gateway-system/ai-gateway-controller' (the Envoy AI Gateway Helm chart's)
   */
  readonly aiGatewayControllerServiceAccount?: string;
}

/** The kind of edge controller. */
export class EdgeControllerKind {
  /** The community ingress-nginx controller (retired March 2026). */
  public static readonly INGRESS_NGINX = new EdgeControllerKind('ingress-nginx');
  /** F5 NGINX Ingress Controller. */
  public static readonly F5_NGINX = new EdgeControllerKind('f5-nginx');
  /** Envoy Gateway (Gateway API). */
  public static readonly ENVOY_GATEWAY = new EdgeControllerKind('envoy-gateway');

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
   * Envoy Gateway (Gateway API): an HTTPRoute attached to a Gateway the platform team owns,
   * with a SecurityPolicy (authentication, client address ranges) and a BackendTrafficPolicy
   * (rate, size and time limits) targeting the route. The only target whose rate limits can be
   * shared by every proxy replica (`limits.scope: LimitScope.SHARED`, through the platform's
   * Envoy Gateway rate-limit service) and which keeps an LLM token budget (`limits.tokenBudget`:
   * the endpoint then writes an Envoy AI Gateway `AIGatewayRoute` instead of the HTTPRoute).
   */
  public static envoyGateway(options: EnvoyGatewayOptions): EdgeController {
    return new EdgeController(EdgeControllerKind.ENVOY_GATEWAY, undefined, undefined, options);
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
  ) {}
}
