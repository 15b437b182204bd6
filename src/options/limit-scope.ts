/**
 * Where the endpoint's rate limits and token budget are counted: by each replica of the
 * controller's proxies on its own, or in one store that every replica shares.
 */
export class LimitScope {
  /**
   * Each proxy replica counts on its own (Envoy Gateway's `Local` rate limit, ingress-nginx's and
   * F5 NGINX's limits): with N replicas a client may get up to N times the configured rate. Needs
   * nothing from the platform.
   */
  public static readonly PER_REPLICA = new LimitScope('per-replica');

  /**
   * Every proxy replica counts in one store (Envoy Gateway's `Global` rate limit: Envoy's
   * rate-limit service backed by Redis), so a client gets the configured rate however many
   * replicas serve it. Envoy Gateway only: the platform must configure its rate-limit service
   * (`rateLimit.backend` in the EnvoyGateway configuration); without it Envoy Gateway refuses the
   * endpoint's BackendTrafficPolicy, so the endpoint reports it as a setting it relies on.
   */
  public static readonly SHARED = new LimitScope('shared');

  private constructor(
    /** The name of the scope: `per-replica` or `shared`. */
    public readonly value: string,
  ) {}
}
