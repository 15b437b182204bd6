import { BackendCaBundle, CertificateIssuer, ClientCaBundle, InferenceBackend } from '../../../src';
import { DIGEST_IMAGE, synthEndpoint } from '../../support/endpoint-fixtures';
import { find } from '../../support/fixtures';

const A = 'nginx.ingress.kubernetes.io/';
const backendTls = { issuer: CertificateIssuer.clusterIssuer('models-ca'), caBundle: BackendCaBundle.secret('models-ca') };

describe('the ingress-nginx target with backendTls', () => {
  test('HTTPS to the model server, its certificate and name verified against the CA Secret, the name sent by SNI', () => {
    const { objects } = synthEndpoint({ backendTls });
    const a = find(objects, 'Ingress', 'llm').metadata.annotations;
    expect(a[`${A}backend-protocol`]).toBe('HTTPS');
    expect(a[`${A}proxy-ssl-secret`]).toBe('serving/models-ca');
    expect(a[`${A}proxy-ssl-verify`]).toBe('on');
    expect(a[`${A}proxy-ssl-verify-depth`]).toBe('2');
    expect(a[`${A}proxy-ssl-name`]).toBe('llm.serving.svc');
    expect(a[`${A}proxy-ssl-server-name`]).toBe('on');
    expect(a[`${A}proxy-ssl-protocols`]).toBe('TLSv1.2 TLSv1.3');
    const cert = find(objects, 'Certificate', 'llm-server-tls');
    expect(cert.spec).toMatchObject({
      secretName: 'llm-server-tls',
      dnsNames: ['llm', 'llm.serving', 'llm.serving.svc', 'llm.serving.svc.cluster.local'],
      issuerRef: { kind: 'ClusterIssuer', name: 'models-ca', group: 'cert-manager.io' },
    });
  });

  test('without it, plain HTTP and no proxy-ssl annotation', () => {
    const a = find(synthEndpoint().objects, 'Ingress', 'llm').metadata.annotations;
    expect(a[`${A}backend-protocol`]).toBe('HTTP');
    expect(Object.keys(a).filter((k) => k.includes('proxy-ssl'))).toStrictEqual([]);
  });

  test('fails for a CA in a ConfigMap (the controller reads a Secret) and with a canary (one name per Ingress)', () => {
    expect(() => synthEndpoint({ backendTls: { ...backendTls, caBundle: BackendCaBundle.configMap('models-ca') } }))
      .toThrow(/^Invalid backendTls\.caBundle: "ConfigMap models-ca"\. ingress-nginx cannot honour this option\. ingress-nginx reads the backend CA from a Secret/);
    expect(() => synthEndpoint({ backendTls, canary: { backend: InferenceBackend.workload({ image: DIGEST_IMAGE }), weightPercent: 10 } }))
      .toThrow(/^Invalid backendTls: "canary llm-canary"\. ingress-nginx cannot honour this option\. A canary Ingress takes the main Ingress's proxy-ssl settings/);
  });
});

describe('the ingress-nginx target with client certificates', () => {
  test('auth-tls annotations from a ClientCaBundle Secret: required, depth 1, the certificate not passed on; no snippet, the risk level unchanged', () => {
    const { objects, hardening } = synthEndpoint({ tls: { issuer: CertificateIssuer.issuer('ca'), clientCertificate: { caBundle: ClientCaBundle.secret('clients-ca') } } });
    const a = find(objects, 'Ingress', 'llm').metadata.annotations;
    expect(a[`${A}auth-tls-secret`]).toBe('serving/clients-ca');
    expect(a[`${A}auth-tls-verify-client`]).toBe('on');
    expect(a[`${A}auth-tls-verify-depth`]).toBe('1');
    expect(a[`${A}auth-tls-pass-certificate-to-upstream`]).toBe('false');
    expect(Object.keys(a).filter((k) => k.endsWith('-snippet'))).toStrictEqual([]);
    expect(hardening.find((o) => o.kind === 'ConfigMap')?.data['annotations-risk-level']).toBe('High');
    expect(a['secure-ai.cdk8s.io/relies-on-platform']).toMatch(/Secret serving\/clients-ca holds under ca\.crt only the CAs trusted to sign the clients' certificates/);
  });

  test('fails for a client CA in a ConfigMap (the controller reads a Secret), naming ClientCaBundle.secret', () => {
    expect(() => synthEndpoint({ tls: { issuer: CertificateIssuer.issuer('ca'), clientCertificate: { caBundle: ClientCaBundle.configMap('clients-ca') } } }))
      .toThrow(/Invalid tls\.clientCertificate\.caBundle: "ConfigMap clients-ca"\. ingress-nginx cannot honour this option\..*ClientCaBundle\.secret\(name\)/s);
  });
});
