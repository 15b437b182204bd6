import { Authentication, CertificateIssuer, ClientAddress, ClientCaBundle, ClientCertificateVerification, EdgeController, GatewayListener, TlsVersion } from '../../../src';
import { MINIMAL_ENVOY_GATEWAY_ENDPOINT, synthEndpoint } from '../../support/endpoint-fixtures';
import { find } from '../../support/fixtures';

const GATEWAY = { name: 'platform-gateway', namespace: 'envoy-gateway-system' };
const OWN = {
  controller: EdgeController.envoyGateway({ gateway: GATEWAY, listener: GatewayListener.own() }),
  tls: { issuer: CertificateIssuer.clusterIssuer('letsencrypt') },
};
const synth = (overrides = {}) => synthEndpoint({ ...OWN, ...overrides }, MINIMAL_ENVOY_GATEWAY_ENDPOINT);

describe('the endpoint\'s own listener on Envoy Gateway', () => {
  test('renders a ListenerSet on the platform Gateway (one HTTPS listener per host, routes of the endpoint\'s namespace only), its Certificate and a ClientTrafficPolicy (snapshot)', () => {
    const { objects, endpoint } = synth({ hosts: ['llm.example.com', 'chat.example.com'] });
    expect(objects.filter((o) => ['ListenerSet', 'ClientTrafficPolicy', 'Certificate'].includes(o.kind))).toMatchSnapshot();
    const listenerSet = find(objects, 'ListenerSet', 'llm');
    expect(listenerSet.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(listenerSet.spec.parentRef).toStrictEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'platform-gateway', namespace: 'envoy-gateway-system' });
    expect(listenerSet.spec.listeners.map((l: any) => `${l.name} ${l.hostname}:${l.port} ${l.protocol} ${l.tls.certificateRefs[0].name} ${l.allowedRoutes.namespaces.from}`))
      .toStrictEqual(['llm.example.com llm.example.com:443 HTTPS llm-tls Same', 'chat.example.com chat.example.com:443 HTTPS llm-tls Same']);
    expect(find(objects, 'Certificate', 'llm').spec.dnsNames).toStrictEqual(['llm.example.com', 'chat.example.com']);
    expect(endpoint.certificateSecretName).toBe('llm-tls');
  });

  test('the route attaches to the ListenerSet, not to the Gateway', () => {
    expect(find(synth().objects, 'HTTPRoute', 'llm').spec.parentRefs)
      .toStrictEqual([{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'llm', namespace: 'serving' }]);
  });

  test('the ClientTrafficPolicy targets the ListenerSet with the endpoint\'s minimum TLS version and reads client addresses from the TCP peer by default', () => {
    expect(find(synth().objects, 'ClientTrafficPolicy', 'llm').spec).toStrictEqual({
      targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'llm' }],
      tls: { minVersion: '1.2' },
      clientIPDetection: { directSourceIP: {} },
    });
    expect(find(synth({ tls: { ...OWN.tls, minimumVersion: TlsVersion.TLS_1_3 } }).objects, 'ClientTrafficPolicy', 'llm').spec.tls).toStrictEqual({ minVersion: '1.3' });
  });

  test('X-Forwarded-For from trusted proxies maps to clientIPDetection.xForwardedFor.trustedCIDRs', () => {
    const controller = EdgeController.envoyGateway({ gateway: GATEWAY, listener: GatewayListener.own({ port: 8443 }), clientAddress: ClientAddress.forwardedFor(['10.0.0.0/16']) });
    const objects = synth({ controller }).objects;
    expect(find(objects, 'ClientTrafficPolicy', 'llm').spec.clientIPDetection).toStrictEqual({ xForwardedFor: { trustedCIDRs: ['10.0.0.0/16'] } });
    expect(find(objects, 'ListenerSet', 'llm').spec.listeners[0].port).toBe(8443);
  });

  test('the route relies on the Gateway admitting the ListenerSet, and no longer on the platform\'s certificate, TLS versions or client address detection', () => {
    const relies = find(synth().objects, 'HTTPRoute', 'llm').metadata.annotations['secure-ai.cdk8s.io/relies-on-platform'];
    expect(relies).toMatch(/allowedListeners admits ListenerSets from the endpoint's namespace.*port 443/);
    expect(relies).not.toMatch(/certificate|ClientTrafficPolicy|clientIPDetection|TLSv1/);
  });

  test('client certificates: the ClientTrafficPolicy requires one signed by the CA bundle (RequireAndVerify), and the route relies on the bundle and on no depth limit', () => {
    const { objects, endpoint } = synth({
      tls: { ...OWN.tls, clientCertificate: { caBundle: ClientCaBundle.configMap('clients-ca') } },
      authentication: Authentication.clientCertificate(),
    });
    const ctp = find(objects, 'ClientTrafficPolicy', 'llm');
    expect(ctp.spec.tls).toStrictEqual({
      minVersion: '1.2',
      clientValidation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'clients-ca' }], mode: 'RequireAndVerify' },
    });
    expect(ctp.spec.targetRefs).toStrictEqual([{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'llm' }]);
    expect(endpoint.weakenedControls.map((w) => w.option).filter((o) => o.startsWith('tls'))).toStrictEqual([]);
    const relies = find(objects, 'HTTPRoute', 'llm').metadata.annotations['secure-ai.cdk8s.io/relies-on-platform'];
    expect(relies).toMatch(/ConfigMap serving\/clients-ca holds under ca\.crt only the CAs trusted to sign the clients' certificates/);
    expect(relies).toMatch(/Envoy Gateway limits no client certificate chain's depth/);
  });

  test('client certificates from a Secret', () => {
    const objects = synth({ tls: { ...OWN.tls, clientCertificate: { caBundle: ClientCaBundle.secret('clients-ca') } } }).objects;
    expect(find(objects, 'ClientTrafficPolicy', 'llm').spec.tls.clientValidation.caCertificateRefs).toStrictEqual([{ group: '', kind: 'Secret', name: 'clients-ca' }]);
  });

  test('optional client certificates are verified only when given (VerifyIfGiven), reported as a weakened control', () => {
    const { objects, endpoint } = synth({
      tls: { ...OWN.tls, clientCertificate: { caBundle: ClientCaBundle.configMap('clients-ca'), verification: ClientCertificateVerification.OPTIONAL } },
    });
    expect(find(objects, 'ClientTrafficPolicy', 'llm').spec.tls.clientValidation.mode).toBe('VerifyIfGiven');
    expect(endpoint.weakenedControls.map((w) => w.option).filter((o) => o.startsWith('tls'))).toStrictEqual(['tls.clientCertificate.verification: OPTIONAL']);
    expect(find(objects, 'HTTPRoute', 'llm').metadata.annotations['secure-ai.cdk8s.io/weakened-controls']).toContain('tls.clientCertificate.verification: OPTIONAL');
  });

  test('fails when client certificates ask for a chain depth, which Envoy Gateway cannot limit', () => {
    expect(() => synth({ tls: { ...OWN.tls, clientCertificate: { caBundle: ClientCaBundle.configMap('clients-ca'), verifyDepth: 1 } } }))
      .toThrow(/Invalid tls\.clientCertificate\.verifyDepth: 1\. envoy-gateway cannot honour this option\..*remove verifyDepth/s);
  });

  test('fails when client certificates are asked of the platform\'s listener, naming GatewayListener.own() as the fix', () => {
    expect(() => synthEndpoint({ tls: { clientCertificate: { caBundle: ClientCaBundle.configMap('clients-ca') } } }, MINIMAL_ENVOY_GATEWAY_ENDPOINT))
      .toThrow(/Invalid tls\.clientCertificate: "clients-ca"\. envoy-gateway cannot honour this option\..*shared with other hosts.*listener: GatewayListener\.own\(\)/s);
  });

  test('fails when the endpoint owns its listener and gives no issuer, naming tls.issuer', () => {
    expect(() => synth({ tls: {} })).toThrow(/Invalid tls\.issuer: undefined\..*CertificateIssuer\.clusterIssuer/s);
  });
});
