import { CERT_MANAGER_SERVICE_ACCOUNT } from '../../facts/cert-manager';
import { ClientCaBundle } from '../../options/client-ca-bundle';
import { SubjectKind } from '../../options/subject';
import { CertificateChallenge, ClientCertificateOptions, ClientCertificateVerification, PrivateKeyAlgorithm, TlsOptions, TlsVersion } from '../../options/tls-options';
import { dnsSubdomain, integer } from '../../options/validate';
import { ValidationError } from '../../options/validation-error';
import { TargetFeature, TargetRequest } from '../exposure-targets';
import { WeakenedControl } from '../weakening';

/** Client certificates, resolved. @internal */
export interface ClientCertificateModel {
  /** `ConfigMap` or `Secret`, in the endpoint's namespace, with `ca.crt`. */
  readonly caKind: string;
  readonly caName: string;
  readonly verification: ClientCertificateVerification;
  /** The chain depth nginx verifies (ingress-nginx, F5 NGINX); Envoy Gateway has no such limit. */
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
  if (t.clientCertificate !== undefined) {
    ask({ feature: TargetFeature.CLIENT_CERTIFICATE_AUTH, field: 'tls.clientCertificate', value: t.clientCertificate?.caBundle?.name ?? t.clientCertificate?.caSecretName });
  }
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
  const clientCertificate = t.clientCertificate === undefined ? undefined : clientCertificateModel(t.clientCertificate, ask);
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

const CLIENT_CA_FIX = 'Give the CA that signs the clients\' certificates: caBundle: ClientCaBundle.configMap(name) or ClientCaBundle.secret(name), holding ca.crt in the endpoint\'s namespace.';

/**
 * Client certificates, validated: the CA once (`caBundle`, or the older `caSecretName`), put to
 * the target with how it is read (`ask`); a chain depth only when given, since not every target
 * can limit it.
 * @internal
 */
export function clientCertificateModel(c: ClientCertificateOptions, ask: (r: TargetRequest) => void = () => undefined): ClientCertificateModel {
  if (!c || typeof c !== 'object') throw new ValidationError('tls.clientCertificate', c, `${CLIENT_CA_FIX} Or remove tls.clientCertificate.`);
  if (c.caBundle !== undefined && c.caSecretName !== undefined) {
    throw new ValidationError('tls.clientCertificate.caSecretName', c.caSecretName,
      `Give the CA once: remove caSecretName and keep caBundle, or use caBundle: ClientCaBundle.secret('${c.caSecretName}') alone.`);
  }
  let caKind = 'Secret';
  let caName: string;
  if (c.caBundle !== undefined) {
    if (!(c.caBundle instanceof ClientCaBundle)) throw new ValidationError('tls.clientCertificate.caBundle', c.caBundle, CLIENT_CA_FIX);
    caKind = c.caBundle.kind;
    caName = dnsSubdomain('tls.clientCertificate.caBundle name', c.caBundle.name);
  } else {
    if (c.caSecretName === undefined) throw new ValidationError('tls.clientCertificate.caBundle', c.caBundle, CLIENT_CA_FIX);
    caName = dnsSubdomain('tls.clientCertificate.caSecretName', c.caSecretName);
  }
  if (caKind === 'ConfigMap') ask({ feature: TargetFeature.CLIENT_CA_CONFIGMAP, field: 'tls.clientCertificate.caBundle', value: `ConfigMap ${caName}` });
  const verification = c.verification ?? ClientCertificateVerification.REQUIRED;
  if (!(verification instanceof ClientCertificateVerification)) {
    throw new ValidationError('tls.clientCertificate.verification', verification, 'Give ClientCertificateVerification.REQUIRED (the default) or ClientCertificateVerification.OPTIONAL.');
  }
  if (c.verifyDepth !== undefined) ask({ feature: TargetFeature.CLIENT_CERTIFICATE_VERIFY_DEPTH, field: 'tls.clientCertificate.verifyDepth', value: c.verifyDepth });
  return { caKind, caName, verification, verifyDepth: integer('tls.clientCertificate.verifyDepth', c.verifyDepth ?? 1, 1, 10) };
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
