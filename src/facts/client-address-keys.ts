/**
 * The controller ConfigMap keys that decide how each edge controller learns a client's address
 * (the nginx realip module: `real_ip_header`, `set_real_ip_from`, `real_ip_recursive`, and
 * `listen ... proxy_protocol`). Renderers write them; the security report reads them back.
 */

/** ingress-nginx ConfigMap keys (`ingress-nginx-controller`). */
export const INGRESS_NGINX_CLIENT_ADDRESS_KEYS = {
  /** Every listener expects a PROXY protocol header; its address becomes the client's. */
  useProxyProtocol: 'use-proxy-protocol',
  /**
   * Trust X-Forwarded-* headers: the client address (from `proxy-real-ip-cidr` peers) and also
   * X-Forwarded-Proto, -Host and -Port (from any peer: the controller's Lua checks no range).
   */
  useForwardedHeaders: 'use-forwarded-headers',
  /** Turn the realip module on alone: the address from `forwarded-for-header`, from `proxy-real-ip-cidr` peers. */
  enableRealIp: 'enable-real-ip',
  /** The header the address is read from (default `X-Forwarded-For`). */
  forwardedForHeader: 'forwarded-for-header',
  /** The peers trusted to tell the address, comma separated. */
  proxyRealIpCidr: 'proxy-real-ip-cidr',
  /** Append to X-Forwarded-For towards the backend instead of replacing it with the client address. */
  computeFullForwardedFor: 'compute-full-forwarded-for',
} as const;

/** What ingress-nginx trusts when `proxy-real-ip-cidr` is unset: every IPv4 address. */
export const INGRESS_NGINX_DEFAULT_PROXY_REAL_IP_CIDR = '0.0.0.0/0';

/** F5 NGINX Ingress Controller ConfigMap keys (`nginx-config`). */
export const F5_NGINX_CLIENT_ADDRESS_KEYS = {
  /** Every listener expects a PROXY protocol header. */
  proxyProtocol: 'proxy-protocol',
  /** Where the address is read from: `proxy_protocol` or a header name (nginx's default `X-Real-IP`). */
  realIpHeader: 'real-ip-header',
  /** The peers trusted to tell the address, comma separated; none when unset. */
  setRealIpFrom: 'set-real-ip-from',
  /** Skip trusted addresses from the right of the header's list. */
  realIpRecursive: 'real-ip-recursive',
} as const;
