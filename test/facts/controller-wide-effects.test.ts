import { F5_NGINX_CLIENT_ADDRESS_KEYS, INGRESS_NGINX_CLIENT_ADDRESS_KEYS } from '../../src/facts/client-address-keys';
import { CONTROLLER_WIDE_EFFECTS } from '../../src/facts/controller-wide-effects';

test('every client-address key of both controllers is controller-wide, with the effect it has on every host', () => {
  for (const key of [...Object.values(INGRESS_NGINX_CLIENT_ADDRESS_KEYS), ...Object.values(F5_NGINX_CLIENT_ADDRESS_KEYS)]) {
    expect(CONTROLLER_WIDE_EFFECTS[key]).toMatch(/every|any/);
  }
  // Per-Ingress settings are not controller-wide.
  expect(CONTROLLER_WIDE_EFFECTS['proxy-body-size']).toBeUndefined();
});
