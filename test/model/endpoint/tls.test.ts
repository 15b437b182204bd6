import { CertificateIssuer, ClientCaBundle, ClientCertificateOptions, ClientCertificateVerification } from '../../../src';
import { clientCertificateModel, tlsModel } from '../../../src/model/endpoint/tls';
import { TargetFeature, TargetRequest } from '../../../src/model/exposure-targets';

function model(o: ClientCertificateOptions) {
  const asked: TargetRequest[] = [];
  const result = clientCertificateModel(o, (r) => asked.push(r));
  return { result, asked: asked.map((r) => `${r.feature.description} ${r.field}=${JSON.stringify(r.value)}`) };
}

describe('tls.clientCertificate', () => {
  test('a CA bundle in a ConfigMap: required by default, a chain depth of 1 for nginx, and the ConfigMap put to the target', () => {
    expect(model({ caBundle: ClientCaBundle.configMap('clients-ca') })).toStrictEqual({
      result: { caKind: 'ConfigMap', caName: 'clients-ca', verification: ClientCertificateVerification.REQUIRED, verifyDepth: 1 },
      asked: ['a client CA bundle read from a ConfigMap tls.clientCertificate.caBundle="ConfigMap clients-ca"'],
    });
  });

  test('a Secret, by caBundle or by the older caSecretName, asks nothing more of the target', () => {
    const expected = { caKind: 'Secret', caName: 'clients-ca', verification: ClientCertificateVerification.REQUIRED, verifyDepth: 1 };
    expect(model({ caBundle: ClientCaBundle.secret('clients-ca') })).toStrictEqual({ result: expected, asked: [] });
    expect(model({ caSecretName: 'clients-ca' })).toStrictEqual({ result: expected, asked: [] });
  });

  test('a chain depth is put to the target only when given (Envoy Gateway has no such limit)', () => {
    const { result, asked } = model({ caBundle: ClientCaBundle.secret('clients-ca'), verifyDepth: 2, verification: ClientCertificateVerification.OPTIONAL });
    expect(result).toMatchObject({ verifyDepth: 2, verification: ClientCertificateVerification.OPTIONAL });
    expect(asked).toStrictEqual(['a limit on the depth of a client\'s certificate chain tls.clientCertificate.verifyDepth=2']);
  });

  test('tlsModel asks the target for client certificates, naming the CA', () => {
    const asked: TargetRequest[] = [];
    const t = tlsModel('llm', { issuer: CertificateIssuer.clusterIssuer('le'), clientCertificate: { caBundle: ClientCaBundle.configMap('clients-ca') } }, [], true, (r) => asked.push(r));
    expect(t.clientCertificate).toMatchObject({ caKind: 'ConfigMap', caName: 'clients-ca' });
    expect(asked.filter((r) => r.field.startsWith('tls.clientCertificate')).map((r) => [r.feature, r.field, r.value])).toStrictEqual([
      [TargetFeature.CLIENT_CERTIFICATE_AUTH, 'tls.clientCertificate', 'clients-ca'],
      [TargetFeature.CLIENT_CA_CONFIGMAP, 'tls.clientCertificate.caBundle', 'ConfigMap clients-ca'],
    ]);
  });

  test('fails without a CA, naming caBundle and both ways to give it', () => {
    expect(() => model({})).toThrow(/Invalid tls\.clientCertificate\.caBundle: undefined\. Give the CA that signs the clients' certificates: caBundle: ClientCaBundle\.configMap\(name\) or ClientCaBundle\.secret\(name\)/);
  });

  test('fails when the CA is given twice, naming caSecretName', () => {
    expect(() => model({ caBundle: ClientCaBundle.configMap('clients-ca'), caSecretName: 'other-ca' }))
      .toThrow(/Invalid tls\.clientCertificate\.caSecretName: "other-ca"\. Give the CA once: remove caSecretName and keep caBundle, or use caBundle: ClientCaBundle\.secret\('other-ca'\) alone\./);
  });

  test('fails when caBundle is not a ClientCaBundle, or names an invalid object', () => {
    expect(() => model({ caBundle: 'clients-ca' as any })).toThrow(/Invalid tls\.clientCertificate\.caBundle: "clients-ca"\..*ClientCaBundle\.configMap\(name\)/);
    expect(() => model({ caBundle: ClientCaBundle.configMap('Clients_CA') })).toThrow(/tls\.clientCertificate\.caBundle name.*"Clients_CA"/);
  });

  test('fails when verification is not a ClientCertificateVerification, or the depth is out of range', () => {
    expect(() => model({ caSecretName: 'ca', verification: 'on' as any })).toThrow(/Invalid tls\.clientCertificate\.verification: "on"\..*ClientCertificateVerification\.REQUIRED/);
    expect(() => model({ caSecretName: 'ca', verifyDepth: 0 })).toThrow(/tls\.clientCertificate\.verifyDepth/);
  });
});
