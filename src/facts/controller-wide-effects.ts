import { F5_NGINX_CLIENT_ADDRESS_KEYS as F5, INGRESS_NGINX_CLIENT_ADDRESS_KEYS as NGINX } from './client-address-keys';

/**
 * Settings that change behaviour for every tenant of the controller, not only for the
 * endpoints that ask for them: named in the output and in the security report, which also finds
 * controller ConfigMaps by them.
 * @internal
 */
export const CONTROLLER_WIDE_EFFECTS: { [key: string]: string } = {
  [NGINX.useForwardedHeaders]: 'whether X-Forwarded-* headers from clients are trusted, for every host',
  [NGINX.useProxyProtocol]: 'whether every connection, to any host, must start with a PROXY protocol header, whose address becomes the client address',
  [NGINX.enableRealIp]: 'whether the client address on every host is read from forwarded-for-header, sent by proxy-real-ip-cidr peers',
  [NGINX.forwardedForHeader]: 'the header the client address on every host is read from',
  [NGINX.proxyRealIpCidr]: 'the peers trusted to tell the client address on every host (unset: every address)',
  [NGINX.computeFullForwardedFor]: 'the X-Forwarded-For every backend of every host receives',
  [F5.proxyProtocol]: 'whether every connection, to any host, must start with a PROXY protocol header',
  [F5.realIpHeader]: 'where the client address on every host is read from (PROXY protocol or a header)',
  [F5.setRealIpFrom]: 'the peers trusted to tell the client address on every host',
  [F5.realIpRecursive]: 'how the client address on every host is picked from a list of proxies',
  'hsts': 'HSTS on every host the controller serves',
  'hsts-max-age': 'the HSTS lifetime of every host',
  'hsts-include-subdomains': 'HSTS for every subdomain of every host the controller serves',
  'hsts-preload': 'HSTS preload for every host',
  'ssl-protocols': 'the TLS versions every host accepts',
  'ssl-ciphers': 'the TLS 1.2 ciphers every host accepts',
  'ssl-prefer-server-ciphers': 'cipher preference on every host',
  'server-tokens': 'the Server header of every response',
  'log-format-upstream': 'the access-log format of every host',
  'log-format': 'the access-log format of every host',
  'log-format-escape-json': 'access-log escaping for every host',
  'log-format-escaping': 'access-log escaping for every host',
  'allow-snippet-annotations': 'whether any Ingress may carry snippet annotations',
  'annotations-risk-level': 'the riskiest annotation any Ingress may carry',
  'enable-modsecurity': 'ModSecurity loaded for every server (our rules are gated to our hosts)',
  'enable-owasp-modsecurity-crs': 'the OWASP CRS for every server',
  'modsecurity-snippet': 'ModSecurity directives at http level (our rules are gated to our hosts)',
};
