import { CERT_MANAGER_SERVICE_ACCOUNT } from '../../facts/cert-manager';
import { SubjectKind } from '../../options/subject';
import { CertificateChallenge, ClientCertificateVerification, PrivateKeyAlgorithm, TlsOptions, TlsVersion } from '../../options/tls-options';
import { dnsSubdomain, integer } from '../../options/validate';
import { ValidationError } from '../../options/validation-error';
import { TargetFeature, TargetRequest } from '../exposure-targets';
import { WeakenedControl } from '../weakening';

/** Client certificates, resolved. @internal */
export interface ClientCertificateModel {
  readonly caSecretName: string;
  readonly verification: ClientCertificateVerification;
  readonly verifyDepth: number;
}

/** How the issuer proves the hosts are ours. @internal */
export interface ChallengeModel {
  /** `HTTP-01`, `DNS-01` or `none`. */
  readonly kind: string;
  /** HTTP-01: the user cert-manager authenticates as (it creates the solver objects). */
  readonly certManagerUser?: string;
}

/** TLS: certificate, versions, HSTS, client certificates. @internal */
export interface TlsModel {
  readonly challenge: ChallengeModel;
  /** The endpoint writes its own Certificate (false: the listener presents the platform's). */
  readonly certificate: boolean;
  readonly issuerKind?: string;
  readonly issuerName?: string;
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

/**
 * TLS options, validated, with their weakenings recorded. `endpointCertificate` is the target's:
 * when false, the certificate settings are put to the target (`ask`), which refuses them.
 * @internal
 */
export function tlsModel(name: string, t: TlsOptions, weakenings: WeakenedControl[], endpointCertificate = true,
  ask: (r: TargetRequest) => void = () => undefined): TlsModel {
  if (!t) throw new ValidationError('tls', t, 'Give the TLS options, e.g. { issuer: CertificateIssuer.clusterIssuer(name) }.');
  if (t.issuer !== undefined) ask({ feature: TargetFeature.ENDPOINT_CERTIFICATE, field: 'tls.issuer', value: t.issuer.name });
  for (const field of ['challenge', 'privateKey', 'durationHours', 'renewBeforeHours'] as const) {
    if (t[field] !== undefined) ask({ feature: TargetFeature.ENDPOINT_CERTIFICATE, field: `tls.${field}`, value: t[field] });
  }
  if (t.clientCertificate !== undefined) ask({ feature: TargetFeature.CLIENT_CERTIFICATE_AUTH, field: 'tls.clientCertificate', value: t.clientCertificate.caSecretName });
  if (endpointCertificate && !t.issuer) throw new ValidationError('tls.issuer', t.issuer, 'Give CertificateIssuer.clusterIssuer(name) or CertificateIssuer.issuer(name).');
  if (t.issuer) dnsSubdomain('tls.issuer name', t.issuer.name);
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
    challenge: endpointCertificate ? challengeModel(t.challenge) : { kind: 'none' },
    certificate: endpointCertificate,
    issuerKind: t.issuer?.kind,
    issuerName: t.issuer?.name,
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

const CHALLENGE_FIX = 'Give CertificateChallenge.http01(), CertificateChallenge.dns01() or CertificateChallenge.none().';

/** The challenge, with cert-manager's identity resolved for HTTP-01. @internal */
export function challengeModel(c: CertificateChallenge | undefined): ChallengeModel {
  const challenge = c ?? CertificateChallenge.http01();
  if (!(challenge instanceof CertificateChallenge)) throw new ValidationError('tls.challenge', challenge, CHALLENGE_FIX);
  if (challenge.kind !== 'HTTP-01') return { kind: challenge.kind };
  const subject = challenge.http01Options?.certManager;
  if (subject === undefined) {
    return { kind: challenge.kind, certManagerUser: `system:serviceaccount:${CERT_MANAGER_SERVICE_ACCOUNT.namespace}:${CERT_MANAGER_SERVICE_ACCOUNT.name}` };
  }
  if (subject.kind === SubjectKind.GROUP) {
    throw new ValidationError('tls.challenge certManager', `group ${subject.name}`, 'cert-manager is one identity, not a group: give Subject.serviceAccount(name, namespace) or Subject.user(name).');
  }
  if (subject.kind === SubjectKind.SERVICE_ACCOUNT) {
    if (subject.namespace === undefined) {
      throw new ValidationError('tls.challenge certManager', subject.name, `Give cert-manager's namespace too, e.g. Subject.serviceAccount('${subject.name}', 'cert-manager').`);
    }
    return { kind: challenge.kind, certManagerUser: `system:serviceaccount:${subject.namespace}:${subject.name}` };
  }
  return { kind: challenge.kind, certManagerUser: subject.name };
}
