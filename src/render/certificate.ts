import { Construct } from 'constructs';
import {
  Certificate,
  CertificateSpecPrivateKeyAlgorithm,
  CertificateSpecPrivateKeyRotationPolicy,
  CertificateSpecUsages,
} from '../imports/cert-manager.io';

/** What the certificate renderer needs. @internal */
export interface CertificateModel {
  readonly name: string;
  readonly namespace: string;
  readonly secretName: string;
  readonly dnsNames: string[];
  readonly issuerKind: string;
  readonly issuerName: string;
  readonly keyAlgorithm: string;
  readonly keySize: number;
  readonly durationHours: number;
  readonly renewBeforeHours: number;
}

const ALGORITHMS: { [k: string]: CertificateSpecPrivateKeyAlgorithm } = {
  ECDSA: CertificateSpecPrivateKeyAlgorithm.ECDSA,
  RSA: CertificateSpecPrivateKeyAlgorithm.RSA,
  Ed25519: CertificateSpecPrivateKeyAlgorithm.ED25519,
};

/** Renders a cert-manager `Certificate` with a fresh key at every renewal, as construct `id` of `scope`. @internal */
export function renderCertificate(scope: Construct, m: CertificateModel, labels: { [k: string]: string } = {}, id = 'certificate'): Certificate {
  return new Certificate(scope, id, {
    metadata: { name: m.name, namespace: m.namespace, labels },
    spec: {
      secretName: m.secretName,
      dnsNames: m.dnsNames,
      issuerRef: { kind: m.issuerKind, name: m.issuerName, group: 'cert-manager.io' },
      privateKey: {
        algorithm: ALGORITHMS[m.keyAlgorithm],
        ...(m.keySize > 0 ? { size: m.keySize } : {}),
        rotationPolicy: CertificateSpecPrivateKeyRotationPolicy.ALWAYS,
      },
      duration: `${m.durationHours}h0m0s`,
      renewBefore: `${m.renewBeforeHours}h0m0s`,
      usages: [CertificateSpecUsages.SERVER_AUTH, CertificateSpecUsages.DIGITAL_SIGNATURE],
    },
  });
}
