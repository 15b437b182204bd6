import { F5_NGINX_CLIENT_ADDRESS_KEYS, INGRESS_NGINX_CLIENT_ADDRESS_KEYS, INGRESS_NGINX_DEFAULT_PROXY_REAL_IP_CIDR } from '../../src/facts/client-address-keys';

test('the client-address keys are the controllers\' own ConfigMap keys, with ingress-nginx\'s trust-everyone default', () => {
  expect(Object.values(INGRESS_NGINX_CLIENT_ADDRESS_KEYS)).toStrictEqual([
    'use-proxy-protocol', 'use-forwarded-headers', 'enable-real-ip', 'forwarded-for-header', 'proxy-real-ip-cidr', 'compute-full-forwarded-for',
  ]);
  expect(Object.values(F5_NGINX_CLIENT_ADDRESS_KEYS)).toStrictEqual(['proxy-protocol', 'real-ip-header', 'set-real-ip-from', 'real-ip-recursive']);
  expect(INGRESS_NGINX_DEFAULT_PROXY_REAL_IP_CIDR).toBe('0.0.0.0/0');
});
