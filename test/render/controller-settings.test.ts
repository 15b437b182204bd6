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

  test('names the effect of every setting the renderers write as controller-wide', () => {
    for (const key of ['use-forwarded-headers', 'hsts-include-subdomains', 'ssl-protocols', 'modsecurity-snippet']) {
      expect(CONTROLLER_WIDE_EFFECTS[key]).toMatch(/every|any|http level/);
    }
  });
});
