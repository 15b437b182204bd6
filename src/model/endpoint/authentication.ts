import { JwtAuthorizationRuleModel, jwtAuthorizationModel, JwtClaimHeaderModel, jwtClaimHeadersModel } from './jwt-identity';
import { OidcModel, oidcModel } from './oidc';
import { TlsModel } from './tls';
import { Authentication, AuthenticationKind, JwtAuthOptions } from '../../options/authentication';
import { TlsOptions, ClientCertificateVerification } from '../../options/tls-options';
import { dnsSubdomain, singleLine } from '../../options/validate';
import { ValidationError } from '../../options/validation-error';
import { TargetFeature, TargetRequest } from '../exposure-targets';
import { WeakenedControl } from '../weakening';

/** How callers authenticate, resolved. @internal */
export interface AuthModel {
  readonly kind: AuthenticationKind;
  readonly externalUrl?: string;
  readonly signinUrl?: string;
  readonly responseHeaders?: string[];
  readonly jwksUri?: string;
  readonly jwksSecretName?: string;
  readonly realm?: string;
  readonly issuer?: string;
  readonly audiences?: string[];
  /** JWT: who may call, by claims and scopes (none: every valid token). */
  readonly authorization: JwtAuthorizationRuleModel[];
  /** JWT: claims forwarded as request headers. */
  readonly claimToHeaders: JwtClaimHeaderModel[];
  readonly apiKeySecretName?: string;
  readonly apiKeyHeader?: string;
  /** OIDC login settings. */
  readonly oidc?: OidcModel;
}

/**
 * Authentication, validated. `ask` puts each scheme to the target before its settings are
 * read, so a scheme the target cannot honour fails first.
 * @internal
 */
export function authModel(a: Authentication, tls: TlsModel, tlsIn: TlsOptions, ask: (r: TargetRequest) => void,
  weakenings: WeakenedControl[], can: (f: TargetFeature) => boolean): AuthModel {
  if (!a) {
    throw new ValidationError('authentication', a, 'Choose Authentication.external(...), jwt(...), oidc(...), apiKey(...), clientCertificate(), or Authentication.noneInsecure(reason).');
  }
  let auth: AuthModel = { kind: a.kind, authorization: [], claimToHeaders: [] };
  switch (a.kind) {
    case AuthenticationKind.EXTERNAL: {
      ask({ feature: TargetFeature.EXTERNAL_AUTH, field: 'authentication', value: a.kind.value });
      const e = a.externalOptions!;
      auth = {
        kind: a.kind,
        authorization: [],
        claimToHeaders: [],
        externalUrl: url('authentication.url', e.url),
        signinUrl: e.signinUrl === undefined ? undefined : url('authentication.signinUrl', e.signinUrl),
        responseHeaders: (e.responseHeaders ?? []).map((h, i) => headerName(`authentication.responseHeaders[${i}]`, h)),
      };
      break;
    }
    case AuthenticationKind.JWT: {
      ask({ feature: TargetFeature.JWT_AUTH, field: 'authentication', value: a.kind.value });
      const j = a.jwtOptions!;
      if ((j.jwksUri === undefined) === (j.jwksSecretName === undefined)) {
        throw new ValidationError('authentication.jwt', j, 'Give exactly one of jwksUri or jwksSecretName.');
      }
      if (j.jwksUri !== undefined) ask({ feature: TargetFeature.JWKS_URI, field: 'authentication.jwksUri', value: j.jwksUri });
      if (j.jwksSecretName !== undefined) ask({ feature: TargetFeature.JWKS_SECRET, field: 'authentication.jwksSecretName', value: j.jwksSecretName });
      if (j.issuer !== undefined) ask({ feature: TargetFeature.JWT_ISSUER_AUDIENCES, field: 'authentication.issuer', value: j.issuer });
      if (j.audiences !== undefined) ask({ feature: TargetFeature.JWT_ISSUER_AUDIENCES, field: 'authentication.audiences', value: j.audiences });
      if (j.audiences !== undefined && (!Array.isArray(j.audiences) || j.audiences.length === 0)) {
        throw new ValidationError('authentication.audiences', j.audiences, 'Give at least one audience (e.g. ["chat"]), or omit audiences.');
      }
      if (j.authorization !== undefined) ask({ feature: TargetFeature.JWT_CLAIM_AUTHORIZATION, field: 'authentication.authorization', value: j.authorization });
      if (j.claimToHeaders !== undefined) ask({ feature: TargetFeature.JWT_CLAIM_HEADERS, field: 'authentication.claimToHeaders', value: j.claimToHeaders });
      auth = {
        kind: a.kind,
        authorization: jwtAuthorizationModel(j.authorization),
        claimToHeaders: jwtClaimHeadersModel(j.claimToHeaders),
        jwksUri: j.jwksUri === undefined ? undefined : url('authentication.jwksUri', j.jwksUri, true),
        jwksSecretName: j.jwksSecretName === undefined ? undefined : dnsSubdomain('authentication.jwksSecretName', j.jwksSecretName),
        realm: j.realm ?? 'inference',
        issuer: j.issuer === undefined ? undefined : singleLine('authentication.issuer', j.issuer, 1024),
        audiences: j.audiences?.map((v, i) => singleLine(`authentication.audiences[${i}]`, v, 1024)),
      };
      issuerAndAudiencesRequired(j, can(TargetFeature.JWT_ISSUER_AUDIENCES), weakenings);
      break;
    }
    case AuthenticationKind.API_KEY: {
      ask({ feature: TargetFeature.API_KEY_AUTH, field: 'authentication', value: a.kind.value });
      const k = a.apiKeyOptions!;
      auth = { kind: a.kind, authorization: [], claimToHeaders: [], apiKeySecretName: dnsSubdomain('authentication.secretName', k.secretName), apiKeyHeader: headerName('authentication.header', k.header ?? 'X-API-Key') };
      break;
    }
    case AuthenticationKind.OIDC:
      ask({ feature: TargetFeature.OIDC_AUTH, field: 'authentication', value: a.kind.value });
      auth = { kind: a.kind, authorization: [], claimToHeaders: [], oidc: oidcModel(a.oidcOptions!, weakenings) };
      break;
    case AuthenticationKind.CLIENT_CERTIFICATE:
      ask({ feature: TargetFeature.CLIENT_CERTIFICATE_AUTH, field: 'authentication', value: a.kind.value });
      if (!tls.clientCertificate || tls.clientCertificate.verification !== ClientCertificateVerification.REQUIRED) {
        throw new ValidationError('tls.clientCertificate', tlsIn.clientCertificate, 'Authentication.clientCertificate() needs tls.clientCertificate with ClientCertificateVerification.REQUIRED.');
      }
      break;
    case AuthenticationKind.NONE:
      weakenings.push({ option: 'authentication: noneInsecure', effect: `No authentication: anyone who reaches the host can use the model. Reason given: ${a.insecureReason}` });
      break;
  }
  if (tls.clientCertificate && tls.clientCertificate.verification !== ClientCertificateVerification.REQUIRED) {
    weakenings.push({ option: 'tls.clientCertificate.verification: OPTIONAL', effect: 'Client certificates are verified only when presented; they do not authenticate.' });
  }
  return auth;
}

/**
 * Where the target checks a token's issuer and audiences, both are required: without them Envoy
 * accepts any token signed by a key of the JWKS, whoever issued it and whatever service it is for.
 * `anyIssuerOrAudienceInsecure` turns the requirement off, reported.
 */
function issuerAndAudiencesRequired(j: JwtAuthOptions, checkable: boolean, weakenings: WeakenedControl[]): void {
  const insecure = j.anyIssuerOrAudienceInsecure ?? false;
  if (typeof insecure !== 'boolean') throw new ValidationError('authentication.anyIssuerOrAudienceInsecure', insecure, 'Use true or false.');
  if (insecure) {
    if (j.issuer !== undefined && j.audiences !== undefined) {
      throw new ValidationError('authentication.anyIssuerOrAudienceInsecure', insecure, 'Both issuer and audiences are given, so nothing is accepted from other issuers or audiences; remove anyIssuerOrAudienceInsecure.');
    }
    const any = [...(j.issuer === undefined ? ['from any issuer'] : []), ...(j.audiences === undefined ? ['for any audience'] : [])];
    weakenings.push({
      option: 'authentication.anyIssuerOrAudienceInsecure: true',
      effect: `JWTs ${any.join(' and ')} are accepted when signed by a key of the JWKS (a key shared with other issuers or services lets their tokens in).`,
    });
    return;
  }
  if (!checkable) return;
  if (j.issuer === undefined) {
    throw new ValidationError('authentication.issuer', j.issuer, 'Give the issuer tokens must name (iss, e.g. "https://idp.example.com"): without it any issuer\'s token signed by a key of the JWKS is accepted. '
      + 'To accept them knowingly, set anyIssuerOrAudienceInsecure: true (reported).');
  }
  if (j.audiences === undefined) {
    throw new ValidationError('authentication.audiences', j.audiences, 'Give the audiences tokens must name one of (aud, e.g. ["chat"]): without them a token minted for any other service is accepted. '
      + 'To accept them knowingly, set anyIssuerOrAudienceInsecure: true (reported).');
  }
}

/**
 * Characters a URL never needs unencoded that would end up verbatim in an annotation or in the
 * controller's configuration: whitespace and control characters, ';', quotes, backslash, braces.
 * ingress-nginx drops an Ingress whose auth-url or auth-signin carries them.
 */
const UNSAFE_URL_CHARACTERS = /[\s\u0000-\u001f\u007f;'"`\\{}]/;

function url(field: string, value: string, httpsOnly = false): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new ValidationError(field, value, 'Give an absolute URL such as "https://auth.example.com/oauth2/auth".');
  }
  if (UNSAFE_URL_CHARACTERS.test(value)) {
    const found = value.match(UNSAFE_URL_CHARACTERS)![0];
    throw new ValidationError(field, value,
      `The URL contains ${JSON.stringify(found)}, which is written verbatim into the controller's configuration; percent-encode it (${percentEncoded(found)}) or remove it.`);
  }
  if (!['http:', 'https:'].includes(u.protocol) || (httpsOnly && u.protocol !== 'https:')) {
    throw new ValidationError(field, value, httpsOnly ? 'Use an https:// URL.' : 'Use an http:// (in-cluster) or https:// URL.');
  }
  return value;
}

function headerName(field: string, value: string): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9-]+$/.test(value)) throw new ValidationError(field, value, 'Use an HTTP header name of letters, digits and "-".');
  return value;
}

function percentEncoded(c: string): string {
  return `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
}
