import { JwtAuthorizationRule, JwtClaimValueType } from '../../options/jwt-authorization-rule';
import { JwtClaimHeader } from '../../options/jwt-claim-header';
import { dnsLabel, nonEmpty, singleLine, unique } from '../../options/validate';
import { ValidationError } from '../../options/validation-error';

/** A claim requirement, validated. @internal */
export interface JwtClaimRequirementModel {
  readonly claim: string;
  readonly values: string[];
  readonly valueType: JwtClaimValueType;
}

/** An authorisation rule by claims and scopes, validated and named. @internal */
export interface JwtAuthorizationRuleModel {
  readonly name: string;
  readonly claims: JwtClaimRequirementModel[];
  readonly scopes: string[];
}

/** A claim forwarded as a request header, validated (the header in lower case). @internal */
export interface JwtClaimHeaderModel {
  readonly claim: string;
  readonly header: string;
}

/**
 * Headers a claim may never be written into: the request's own framing and routing, the
 * credential, and the client-address headers limits and source ranges rely on.
 */
const RESERVED_HEADERS = ['host', 'authorization', 'content-length', 'content-type', 'transfer-encoding', 'connection', 'te', 'upgrade',
  'cookie', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'x-real-ip', 'x-envoy-external-address', 'forwarded'];

/** The names of the rules the endpoint writes itself (source ranges, forwarded claims). */
const RESERVED_RULE_NAMES = ['deny-tokens-without-forwarded-claims', 'deny-source-ranges', 'allow-source-ranges'];

/** A claim name: letters, digits, '_', '-', ':', '/' and '.', the dots separating a nested claim's path. */
function claimName(field: string, value: string): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_:/-]+(\.[A-Za-z0-9_:/-]+)*$/.test(value) || value.length > 253) {
    throw new ValidationError(field, value, 'Name a claim by letters, digits, "_", "-", ":" and "/" (a nested claim by its path with dots, e.g. "realm_access.roles").');
  }
  return value;
}

/** Authorisation rules, validated. @internal */
export function jwtAuthorizationModel(rules: JwtAuthorizationRule[] | undefined): JwtAuthorizationRuleModel[] {
  if (rules === undefined) return [];
  const list = nonEmpty('authentication.authorization', rules,
    'Give at least one rule (e.g. [{ claims: [JwtClaimRequirement.listContains("groups", ["ml-team"])] }]), or omit authorization.');
  const models = list.map((r, i) => {
    const field = `authentication.authorization[${i}]`;
    if (!r || typeof r !== 'object') throw new ValidationError(field, r, 'Give a rule with claims and/or scopes.');
    const claims = (r.claims ?? []).map((c, j) => {
      const f = `${field}.claims[${j}]`;
      if (!c || !(c.valueType instanceof JwtClaimValueType)) {
        throw new ValidationError(f, c, 'Use JwtClaimRequirement.listContains(claim, values) or JwtClaimRequirement.stringEquals(claim, values).');
      }
      const values = nonEmpty(`${f}.values`, c.values, 'Give at least one accepted value.')
        .map((v, k) => singleLine(`${f}.values[${k}]`, v, 1024));
      return { claim: claimName(`${f}.claim`, c.claim), values: unique(`${f}.values`, values), valueType: c.valueType };
    });
    const scopes = (r.scopes ?? []).map((s, j) => {
      if (typeof s !== 'string' || !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(s)) {
        throw new ValidationError(`${field}.scopes[${j}]`, s, 'A scope is one word of printable characters without spaces, quotes or backslashes (e.g. "inference:invoke"), as RFC 6749 defines.');
      }
      return s;
    });
    if (claims.length === 0 && scopes.length === 0) {
      throw new ValidationError(field, r, 'A rule needs claims or scopes to match; a rule without them would let every valid token in (omit authorization for that).');
    }
    const name = r.name === undefined ? `allow-${i + 1}` : dnsLabel(`${field}.name`, r.name);
    if (RESERVED_RULE_NAMES.includes(name)) {
      throw new ValidationError(`${field}.name`, r.name, `The endpoint names its own rules ${RESERVED_RULE_NAMES.join(', ')}; choose another name.`);
    }
    return { name, claims, scopes: unique(`${field}.scopes`, scopes) };
  });
  unique('authentication.authorization (rule names)', models.map((m) => m.name));
  return models;
}

/** Claims forwarded as headers, validated. @internal */
export function jwtClaimHeadersModel(headers: JwtClaimHeader[] | undefined): JwtClaimHeaderModel[] {
  if (headers === undefined) return [];
  const list = nonEmpty('authentication.claimToHeaders', headers, 'Give at least one claim and header (e.g. [{ claim: "sub", header: "x-user-id" }]), or omit claimToHeaders.');
  const models = list.map((h, i) => {
    const field = `authentication.claimToHeaders[${i}]`;
    if (!h || typeof h !== 'object') throw new ValidationError(field, h, 'Give { claim, header }, e.g. { claim: "sub", header: "x-user-id" }.');
    if (typeof h.header !== 'string' || !/^[A-Za-z0-9-]+$/.test(h.header)) {
      throw new ValidationError(`${field}.header`, h.header, 'Use an HTTP header name of letters, digits and "-" (e.g. "x-user-id").');
    }
    const header = h.header.toLowerCase();
    if (RESERVED_HEADERS.includes(header) || header.startsWith('x-envoy-') || header.startsWith(':')) {
      throw new ValidationError(`${field}.header`, h.header, 'This header carries the request\'s framing, routing, credential or client address; forward the claim in a header of its own (e.g. "x-user-id").');
    }
    return { claim: claimName(`${field}.claim`, h.claim), header };
  });
  unique('authentication.claimToHeaders (headers)', models.map((m) => m.header));
  return models;
}
