import { ClientCertificateVerification, PrivateKeyAlgorithm, TlsOptions, TlsVersion } from '../../options/tls-options';
import { dnsSubdomain, integer } from '../../options/validate';
import { ValidationError } from '../../options/validation-error';
import { WeakenedControl } from '../weakening';

/** Client certificates, resolved. @internal */
export interface ClientCertificateModel {
  readonly caSecretName: string;
  readonly verification: ClientCertificateVerification;
  readonly verifyDepth: number;
}

/** TLS: certificate, versions, HSTS, client certificates. @internal */
export interface TlsModel {
  readonly issuerKind: string;
  readonly issuerName: string;
  readonly secretName: string;
  readonly keyAlgorithm: string;
  readonly keySize: number;
  readonly durationHours: number;
  readonly renewBeforeHours: number;
  readonly protocols: string[];
  readonly minimumVersion: string;
  readonly hstsMaxAgeSeconds: number;
  readonly clientCertificate?: ClientCertificateModel;
}

/** TLS options, validated, with their weakenings recorded. @internal */
export function tlsModel(name: string, t: TlsOptions, weakenings: WeakenedControl[]): TlsModel {
  if (!t || !t.issuer) throw new ValidationError('tls.issuer', t?.issuer, 'Give CertificateIssuer.clusterIssuer(name) or CertificateIssuer.issuer(name).');
  dnsSubdomain('tls.issuer name', t.issuer.name);
  const durationHours = integer('tls.durationHours', t.durationHours ?? 2160, 1, 87600);
  const renewBeforeHours = integer('tls.renewBeforeHours', t.renewBeforeHours ?? 720, 1, 87600);
  if (renewBeforeHours >= durationHours) {
    throw new ValidationError('tls.renewBeforeHours', renewBeforeHours, `Renew before expiry, but within the lifetime: use less than durationHours (${durationHours}).`);
  }
  const key = t.privateKey ?? PrivateKeyAlgorithm.ECDSA_P256;
  const minimumVersion = t.minimumVersion ?? TlsVersion.TLS_1_2;
  const hstsMaxAgeSeconds = integer('tls.hstsMaxAgeSeconds', t.hstsMaxAgeSeconds ?? 31536000, 0, 63072000);
  if (hstsMaxAgeSeconds === 0) weakenings.push({ option: 'tls.hstsMaxAgeSeconds: 0', effect: 'HSTS is off: browsers may be downgraded to plain HTTP.' });
  let clientCertificate: ClientCertificateModel | undefined;
  if (t.clientCertificate) {
    clientCertificate = {
      caSecretName: dnsSubdomain('tls.clientCertificate.caSecretName', t.clientCertificate.caSecretName),
      verification: t.clientCertificate.verification ?? ClientCertificateVerification.REQUIRED,
      verifyDepth: integer('tls.clientCertificate.verifyDepth', t.clientCertificate.verifyDepth ?? 1, 1, 10),
    };
  }
  return {
    issuerKind: t.issuer.kind,
    issuerName: t.issuer.name,
    secretName: `${name}-tls`,
    keyAlgorithm: key.algorithm,
    keySize: key.size,
    durationHours,
    renewBeforeHours,
    protocols: minimumVersion.protocols,
    minimumVersion: minimumVersion.name,
    hstsMaxAgeSeconds,
    clientCertificate,
  };
}
