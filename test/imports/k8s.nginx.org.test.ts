import { Testing } from 'cdk8s';
import { Policy } from '../../src/imports/k8s.nginx.org';

// Guards the generated k8s.nginx.org bindings (F5 NGINX Ingress Controller).
// jsii-style property names (ingressMtls, jwksUri, clientId) must map back to the
// CRD's wire names (ingressMTLS, jwksURI, clientID).
describe('k8s.nginx.org bindings', () => {
  test('Policy synthesises as k8s.nginx.org/v1 with rateLimit', () => {
    const chart = Testing.chart();
    new Policy(chart, 'RateLimit', {
      metadata: { name: 'llm-rate-limit' },
      spec: {
        rateLimit: { rate: '10r/s', key: '${binary_remote_addr}', zoneSize: '10M', burst: 20, noDelay: true, rejectCode: 429 },
      },
    });

    expect(Testing.synth(chart)).toStrictEqual([
      {
        apiVersion: 'k8s.nginx.org/v1',
        kind: 'Policy',
        metadata: { name: 'llm-rate-limit' },
        spec: {
          rateLimit: { rate: '10r/s', key: '${binary_remote_addr}', zoneSize: '10M', burst: 20, noDelay: true, rejectCode: 429 },
        },
      },
    ]);
  });

  test('Policy maps renamed properties back to the CRD wire names', () => {
    const chart = Testing.chart();
    new Policy(chart, 'MTLS', {
      metadata: { name: 'client-mtls' },
      spec: { ingressMtls: { clientCertSecret: 'ca', verifyClient: 'on', verifyDepth: 1 } },
    });
    new Policy(chart, 'OIDC', {
      metadata: { name: 'oidc' },
      spec: {
        oidc: {
          clientId: 'llm',
          clientSecret: 'oidc-secret',
          authEndpoint: 'https://idp.example.com/auth',
          tokenEndpoint: 'https://idp.example.com/token',
          jwksUri: 'https://idp.example.com/keys',
        },
      },
    });
    new Policy(chart, 'Others', {
      metadata: { name: 'others' },
      spec: {
        jwt: { realm: 'llm', secret: 'jwk', token: '$http_token' },
        accessControl: { allow: ['10.0.0.0/8'] },
        waf: { enable: true, apPolicy: 'default/ai-policy' },
      },
    });

    const [mtls, oidc, others] = Testing.synth(chart);
    expect(mtls.spec).toStrictEqual({ ingressMTLS: { clientCertSecret: 'ca', verifyClient: 'on', verifyDepth: 1 } });
    expect(oidc.spec.oidc).toStrictEqual({
      clientID: 'llm',
      clientSecret: 'oidc-secret',
      authEndpoint: 'https://idp.example.com/auth',
      tokenEndpoint: 'https://idp.example.com/token',
      jwksURI: 'https://idp.example.com/keys',
    });
    expect(others.spec).toStrictEqual({
      jwt: { realm: 'llm', secret: 'jwk', token: '$http_token' },
      accessControl: { allow: ['10.0.0.0/8'] },
      waf: { enable: true, apPolicy: 'default/ai-policy' },
    });
  });
});
