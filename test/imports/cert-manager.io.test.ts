import { Testing } from 'cdk8s';
import {
  Certificate,
  CertificateSpecPrivateKeyAlgorithm,
  CertificateSpecPrivateKeyRotationPolicy,
  ClusterIssuer,
} from '../../src/imports/cert-manager.io';

// Guards the generated cert-manager.io bindings: a regeneration that changes the API
// group, the kinds or the field names the library relies on fails here.
describe('cert-manager.io bindings', () => {
  test('Certificate synthesises as cert-manager.io/v1 with the spec fields we set', () => {
    const chart = Testing.chart();
    new Certificate(chart, 'Cert', {
      metadata: { name: 'llm-tls', namespace: 'inference' },
      spec: {
        secretName: 'llm-tls',
        dnsNames: ['llm.example.com'],
        duration: '2160h',
        renewBefore: '360h',
        issuerRef: { kind: 'ClusterIssuer', name: 'letsencrypt' },
        privateKey: {
          algorithm: CertificateSpecPrivateKeyAlgorithm.ECDSA,
          size: 256,
          rotationPolicy: CertificateSpecPrivateKeyRotationPolicy.ALWAYS,
        },
      },
    });

    expect(Testing.synth(chart)).toStrictEqual([
      {
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        metadata: { name: 'llm-tls', namespace: 'inference' },
        spec: {
          secretName: 'llm-tls',
          dnsNames: ['llm.example.com'],
          duration: '2160h',
          renewBefore: '360h',
          issuerRef: { kind: 'ClusterIssuer', name: 'letsencrypt' },
          privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
        },
      },
    ]);
  });

  test('ClusterIssuer is cluster-scoped cert-manager.io/v1', () => {
    const chart = Testing.chart();
    new ClusterIssuer(chart, 'Issuer', {
      metadata: { name: 'self-signed' },
      spec: { selfSigned: {} },
    });

    const [issuer] = Testing.synth(chart);
    expect(issuer.apiVersion).toBe('cert-manager.io/v1');
    expect(issuer.kind).toBe('ClusterIssuer');
    expect(issuer.metadata.namespace).toBeUndefined();
    expect(issuer.spec).toStrictEqual({ selfSigned: {} });
  });
});
