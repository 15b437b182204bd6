/** Who owns the Gateway listener an endpoint's HTTPRoute attaches to. */
export class GatewayListenerKind {
  /** A listener of the platform's Gateway: its certificate, TLS versions and client address detection are the platform's. */
  public static readonly PLATFORM = new GatewayListenerKind('platform');
  /** A listener the endpoint writes (a ListenerSet attached to the platform's Gateway), with its own certificate and TLS policy. */
  public static readonly OWN = new GatewayListenerKind('own');

  private constructor(
    /** The kind's name. */
    public readonly value: string,
  ) {}
}

/** Options of `GatewayListener.own`. */
export interface OwnGatewayListenerOptions {
  /**
   * The port of the endpoint's HTTPS listener. It must be a port the platform's Envoy proxies
   * serve: listeners of one port share it by host name (SNI).
   * @default 443
   */
  readonly port?: number;
}

/**
 * The Gateway listener the endpoint's HTTPRoute attaches to (Envoy Gateway).
 *
 * `platform()` attaches the route to a listener of the platform's Gateway: the listener's
 * certificate, TLS versions and client address detection are the platform's, and the security
 * report names them for a reviewer to confirm. `own()` writes a listener of the endpoint's own: a
 * Gateway API `ListenerSet` attached to the platform's Gateway (which must allow ListenerSets from
 * the endpoint's namespace, `spec.allowedListeners`) with one HTTPS listener per host, admitting
 * routes of the endpoint's namespace only; a cert-manager `Certificate` from `tls.issuer`; and a
 * `ClientTrafficPolicy` on the ListenerSet for the minimum TLS version, the client certificates it
 * requires (`tls.clientCertificate`, which only an own listener takes) and how client addresses are
 * read (`EnvoyGatewayOptions.clientAddress`).
 *
 * @example GatewayListener.own()
 * @example GatewayListener.platform('https')
 */
export class GatewayListener {
  /**
   * A listener of the platform's Gateway (the default).
   * @param sectionName the listener's name; every listener of the Gateway that admits the route when not given
   */
  public static platform(sectionName?: string): GatewayListener {
    return new GatewayListener(GatewayListenerKind.PLATFORM, sectionName, undefined);
  }

  /** A listener of the endpoint's own: a ListenerSet on the platform's Gateway, with its certificate and TLS policy. */
  public static own(options: OwnGatewayListenerOptions = {}): GatewayListener {
    return new GatewayListener(GatewayListenerKind.OWN, undefined, options ?? {});
  }

  private constructor(
    /** Whose listener. */
    public readonly kind: GatewayListenerKind,
    /**
     * The platform listener's name.
     * @default - every listener of the Gateway that admits the route
     */
    public readonly sectionName?: string,
    /**
     * The endpoint's own listener's options.
     * @default - none
     */
    public readonly ownOptions?: OwnGatewayListenerOptions,
  ) {}
}
