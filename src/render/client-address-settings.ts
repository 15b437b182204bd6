import { F5_NGINX_CLIENT_ADDRESS_KEYS as F5, INGRESS_NGINX_CLIENT_ADDRESS_KEYS as NGINX } from '../facts/client-address-keys';
import { ClientAddressModel } from '../model/client-address-model';
import { ClientAddressMode } from '../options/client-address';

/**
 * The ingress-nginx ConfigMap keys for the controller's client-address mode, written in every
 * mode so that endpoints sharing the controller must agree on them.
 *
 * - direct: no realip module; the TCP peer is the client.
 * - PROXY protocol: `use-proxy-protocol`, trusted peers in `proxy-real-ip-cidr` (never left unset:
 *   ingress-nginx then trusts 0.0.0.0/0).
 * - a proxy's header: `enable-real-ip` with `forwarded-for-header` and `proxy-real-ip-cidr`, not
 *   `use-forwarded-headers`, which would also take X-Forwarded-Proto, -Host and -Port from any
 *   client, trusted range or not.
 *
 * `compute-full-forwarded-for` stays off: the backend gets one X-Forwarded-For address, the
 * client address the controller settled on, never a list a client started.
 * @internal
 */
export function ingressNginxClientAddressSettings(c: ClientAddressModel): { [key: string]: string } {
  const proxyProtocol = c.mode === ClientAddressMode.PROXY_PROTOCOL;
  const header = c.mode === ClientAddressMode.FORWARDED_HEADER;
  return {
    [NGINX.useForwardedHeaders]: 'false',
    [NGINX.useProxyProtocol]: String(proxyProtocol),
    [NGINX.enableRealIp]: String(header),
    ...(header ? { [NGINX.forwardedForHeader]: c.header! } : {}),
    ...(proxyProtocol || header ? { [NGINX.proxyRealIpCidr]: c.trustedCidrs.join(',') } : {}),
    [NGINX.computeFullForwardedFor]: 'false',
  };
}

/**
 * The F5 NGINX Ingress Controller ConfigMap keys for the controller's client-address mode.
 * Direct writes no `set-real-ip-from` (the controller then trusts no one; an empty value would
 * be an invalid directive). A proxy's header is read recursively: the rightmost address not in
 * the trusted ranges is the client.
 * @internal
 */
export function f5NginxClientAddressSettings(c: ClientAddressModel): { [key: string]: string } {
  const proxyProtocol = c.mode === ClientAddressMode.PROXY_PROTOCOL;
  const header = c.mode === ClientAddressMode.FORWARDED_HEADER;
  return {
    [F5.proxyProtocol]: proxyProtocol ? 'True' : 'False',
    ...(proxyProtocol || header ? {
      [F5.realIpHeader]: proxyProtocol ? 'proxy_protocol' : c.header!,
      [F5.setRealIpFrom]: c.trustedCidrs.join(','),
    } : {}),
    [F5.realIpRecursive]: header ? 'True' : 'False',
  };
}
