import { INGRESS_NGINX_RULES_PATH, renderIngressNginxWafControllerConfig } from '../../../src/render/waf/ingress-nginx-controller-config';

describe('renderIngressNginxWafControllerConfig', () => {
  const context = { routes: [{ path: '/v1/chat/completions', pathMatch: 'Exact', methods: ['POST'] }], hosts: ['llm.example.com'] };

  test('turns ModSecurity on, the controller CRS off, and includes the mounted rules file', () => {
    expect(renderIngressNginxWafControllerConfig(context)).toStrictEqual({
      'enable-modsecurity': 'true',
      'enable-owasp-modsecurity-crs': 'false',
      'modsecurity-snippet': `Include ${INGRESS_NGINX_RULES_PATH}\n`,
    });
  });

  test('fails when the context is invalid', () => {
    expect(() => renderIngressNginxWafControllerConfig({ routes: [] })).toThrow(/context.routes is empty/);
  });
});
