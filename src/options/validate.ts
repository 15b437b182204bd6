import { ValidationError } from './validation-error';

/**
 * Validators shared by every construct. Each throws a `ValidationError` that names the
 * field, the value and the fix; each returns the value it accepted, normalised.
 * @internal
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUANTITY = /^([+]?[0-9.]+)([eE][-+]?[0-9]+|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;

/** A DNS-1123 label (namespace, service and most object names). */
export function dnsLabel(field: string, value: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 63 || !DNS1123_LABEL.test(value)) {
    const hint = typeof value === 'string' && value.length > 0
      ? ` Did you mean ${JSON.stringify(suggestLabel(value))}?`
      : '';
    throw new ValidationError(field, value,
      `Use a DNS-1123 label: at most 63 characters, lower-case letters, digits and '-', starting and ending with a letter or digit.${hint}`);
  }
  return value;
}

/** A DNS-1123 subdomain (object names such as ConfigMaps, Roles, hosts without wildcards). */
export function dnsSubdomain(field: string, value: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 253 || !DNS1123_SUBDOMAIN.test(value)) {
    throw new ValidationError(field, value,
      'Use a DNS-1123 subdomain: at most 253 characters of lower-case letters, digits, \'-\' and \'.\', each part starting and ending with a letter or digit.');
  }
  return value;
}

/** A Kubernetes label value (63 characters, alphanumerics with '-', '_', '.'). */
export function labelValue(field: string, value: string): string {
  if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value)) {
    throw new ValidationError(field, value,
      'Use a label value: at most 63 characters of letters, digits, \'-\', \'_\' and \'.\', starting and ending with a letter or digit.');
  }
  return value;
}

/**
 * A Kubernetes label key (also a taint key): an optional DNS-1123 subdomain prefix and '/', then a
 * name of at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit.
 */
export function labelKey(field: string, value: string): string {
  const fail = (): never => {
    throw new ValidationError(field, value,
      'Use a label key: an optional DNS subdomain prefix and \'/\' (e.g. "nvidia.com/"), then at most 63 letters, digits, \'-\', \'_\' and \'.\', starting and ending with a letter or digit.');
  };
  if (typeof value !== 'string') return fail();
  const slash = value.indexOf('/');
  const prefix = slash >= 0 ? value.slice(0, slash) : undefined;
  const name = slash >= 0 ? value.slice(slash + 1) : value;
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) fail();
  if (name.length === 0 || name.length > 63 || !LABEL_VALUE.test(name)) fail();
  return value;
}

/** A non-empty string without line breaks, for annotations such as `purpose`. */
export function singleLine(field: string, value: string, maxLength = 1024): string {
  if (typeof value !== 'string' || value.trim().length === 0 || /[\r\n]/.test(value) || value.length > maxLength) {
    throw new ValidationError(field, value, `Use a non-empty single line of at most ${maxLength} characters.`);
  }
  return value.trim();
}

/** A Kubernetes resource quantity such as `500m`, `64`, `256Gi`. */
export function quantity(field: string, value: string): string {
  if (typeof value !== 'string' || !QUANTITY.test(value) || !/[0-9]/.test(value) || (value.match(/\./g) ?? []).length > 1) {
    throw new ValidationError(field, value,
      'Use a Kubernetes quantity such as "500m", "16", "64Gi" or "2Ti" (binary suffixes Ki, Mi, Gi, Ti; decimal k, M, G, T).');
  }
  if (quantityValue(value) <= 0) {
    throw new ValidationError(field, value, 'Use a quantity greater than zero.');
  }
  return value;
}

/** Converts a validated quantity to a number (bytes, cores) for comparisons. */
export function quantityValue(value: string): number {
  const m = QUANTITY.exec(value);
  if (!m) return NaN;
  const base = Number(m[1]);
  const suffix = m[2] ?? '';
  const factors: Record<string, number> = {
    '': 1,
    'm': 1e-3,
    'k': 1e3,
    'M': 1e6,
    'G': 1e9,
    'T': 1e12,
    'P': 1e15,
    'E': 1e18,
    'Ki': 2 ** 10,
    'Mi': 2 ** 20,
    'Gi': 2 ** 30,
    'Ti': 2 ** 40,
    'Pi': 2 ** 50,
    'Ei': 2 ** 60,
  };
  if (/^[eE][-+]?[0-9]+$/.test(suffix)) {
    return base * 10 ** Number(suffix.slice(1));
  }
  return base * factors[suffix];
}

/** A whole number within [min, max]. */
export function integer(field: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(field, value, `Use a whole number from ${min} to ${max}.`);
  }
  return value;
}

/** A TCP/UDP port number. */
export function port(field: string, value: number): number {
  return integer(field, value, 1, 65535);
}

/** A non-empty list. */
export function nonEmpty<T>(field: string, value: T[] | undefined, fix: string): T[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new ValidationError(field, value, fix);
  }
  return value;
}

/** Fails when a list holds the same value twice. */
export function unique(field: string, values: string[]): string[] {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) {
      throw new ValidationError(field, v, 'Each value may appear only once; remove the duplicate.');
    }
    seen.add(v);
  }
  return values;
}

/**
 * An extended resource name such as `nvidia.com/gpu` or `amd.com/gpu`: a domain prefix with a dot
 * outside `kubernetes.io`, '/', and a lower-case name. Device plugins advertise lower-case names
 * and names are case-sensitive, so `nvidia.com/GPU` would quota or request a resource no node has.
 */
export function extendedResourceName(field: string, value: string): string {
  const fail = (fix: string): never => { throw new ValidationError(field, value, fix); };
  const example = 'Use the name the device plugin advertises, e.g. "nvidia.com/gpu" or "amd.com/gpu"';
  if (typeof value !== 'string' || value.length === 0) fail(`${example}.`);
  if (/^(requests|limits)\./.test(value)) {
    fail(`Give the resource name without the quota prefix. Did you mean "${value.replace(/^(requests|limits)\./, '')}"?`);
  }
  const parts = value.split('/');
  if (parts.length !== 2) {
    fail(`An extended resource name is a domain, '/' and a name. ${example}${/^[a-z]*gpu$/i.test(value) ? '; did you mean "nvidia.com/gpu"?' : '.'}`);
  }
  const [domain, name] = parts;
  if (value !== value.toLowerCase() && EXTENDED_NAME.test(name.toLowerCase()) && DNS1123_SUBDOMAIN.test(domain.toLowerCase())) {
    fail(`Resource names are case-sensitive and device plugins advertise them in lower case. Did you mean "${value.toLowerCase()}"?`);
  }
  if (domain.length > 253 || !DNS1123_SUBDOMAIN.test(domain) || !domain.includes('.')) {
    fail(`The prefix "${domain}" is not a domain name (lower-case, with a dot). ${example}.`);
  }
  if (domain === 'kubernetes.io' || domain.endsWith('.kubernetes.io')) {
    fail(`The kubernetes.io prefix is reserved for native resources. ${example}.`);
  }
  if (name.length > 63 || !EXTENDED_NAME.test(name)) {
    fail(`The name "${name}" must be at most 63 lower-case letters, digits, '-', '_' and '.', starting and ending with a letter or digit. ${example}.`);
  }
  return value;
}

const EXTENDED_NAME = /^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/;

function suggestLabel(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63) || 'name';
}
