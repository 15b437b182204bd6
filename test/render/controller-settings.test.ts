import { composeControllerSettings, CONTROLLER_WIDE_EFFECTS } from '../../src/render/controller-settings';

describe('composeControllerSettings', () => {
  test('merges the endpoints\' settings: equal values once, switches on when one needs them, the highest risk level', () => {
    expect(composeControllerSettings('ingress-nginx/ingress-nginx-controller', [
      { endpoint: 'a/chat', data: { 'hsts': 'true', 'enable-modsecurity': 'false', 'annotations-risk-level': 'High' } },
      { endpoint: 'b/vision', data: { 'hsts': 'true', 'enable-modsecurity': 'true', 'annotations-risk-level': 'Critical', 'server-tokens': 'false' } },
    ])).toStrictEqual({ 'hsts': 'true', 'enable-modsecurity': 'true', 'annotations-risk-level': 'Critical', 'server-tokens': 'false' });
  });

  test('fails when two endpoints need different values of a controller-wide setting, naming the key, both endpoints and the fix', () => {
    expect(() => composeControllerSettings('ingress-nginx/ingress-nginx-controller', [
      { endpoint: 'a/chat', data: { 'hsts-max-age': '31536000' } },
      { endpoint: 'b/vision', data: { 'hsts-max-age': '0' } },
    ])).toThrow(/Invalid controller settings "hsts-max-age" of ingress-nginx\/ingress-nginx-controller: "a\/chat: \\"31536000\\", b\/vision: \\"0\\"". This setting is controller-wide \(the HSTS lifetime of every host\).*align their options/);
  });

  test('fails when two endpoints read client addresses differently, naming the clientAddress option', () => {
    expect(() => composeControllerSettings('ingress-nginx/ingress-nginx-controller', [
      { endpoint: 'a/chat', data: { 'use-proxy-protocol': 'false' } },
      { endpoint: 'b/vision', data: { 'use-proxy-protocol': 'true', 'proxy-real-ip-cidr': '10.0.0.0/16' } },
    ])).toThrow(/Invalid controller settings "use-proxy-protocol" of ingress-nginx\/ingress-nginx-controller: "a\/chat: \\"false\\", b\/vision: \\"true\\"". This setting is controller-wide \(whether every connection, to any host, must start with a PROXY protocol header.*align their controller clientAddress .*give every endpoint on this controller the same ClientAddress/);
    expect(() => composeControllerSettings('nginx-ingress/nginx-config', [
      { endpoint: 'a/chat', data: { 'set-real-ip-from': '10.0.0.0/16' } },
      { endpoint: 'b/vision', data: { 'set-real-ip-from': '10.1.0.0/16' } },
    ])).toThrow(/"set-real-ip-from".*the peers trusted to tell the client address on every host.*align their controller clientAddress/);
  });

  test('names the effect of every setting the renderers write as controller-wide', () => {
    for (const key of ['use-forwarded-headers', 'hsts-include-subdomains', 'ssl-protocols', 'modsecurity-snippet',
      'use-proxy-protocol', 'enable-real-ip', 'forwarded-for-header', 'proxy-real-ip-cidr', 'compute-full-forwarded-for',
      'proxy-protocol', 'real-ip-header', 'set-real-ip-from', 'real-ip-recursive']) {
      expect(CONTROLLER_WIDE_EFFECTS[key]).toMatch(/every|any|http level/);
    }
  });
});
