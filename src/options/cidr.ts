/* eslint-disable no-bitwise -- address arithmetic on IP prefixes is bitwise by nature */
import { ValidationError } from './validation-error';

/**
 * A parsed IPv4 or IPv6 CIDR, with the containment arithmetic NetworkPolicy needs
 * (`ipBlock.except` entries must lie inside their `cidr`).
 * @internal
 */
export interface ParsedCidr {
  readonly family: 4 | 6;
  /** The network address as a big integer. */
  readonly network: bigint;
  readonly prefix: number;
  /** The canonical text, e.g. `10.0.0.0/8`. */
  readonly text: string;
}

/** Parses and validates a CIDR; the message says how to fix a missing mask or host bits. @internal */
export function parseCidr(field: string, value: string): ParsedCidr {
  if (typeof value !== 'string' || value.trim() !== value || value.length === 0) {
    throw new ValidationError(field, value, 'Use a CIDR such as "10.0.0.0/8" or "2001:db8::/32".');
  }
  const slash = value.indexOf('/');
  if (slash < 0) {
    const family = value.includes(':') ? 6 : 4;
    // Suggest a host mask only for a valid address: "not-a-cidr/32" would only fail again.
    if ((family === 4 ? parseIPv4(value) : parseIPv6(value)) === undefined) {
      throw new ValidationError(field, value, 'Use a CIDR: an IPv4 or IPv6 address and a mask, such as "10.0.0.0/8", "192.0.2.10/32" or "2001:db8::/32".');
    }
    throw new ValidationError(field, value,
      `CIDR mask is missing. Did you mean "${value}/${family === 4 ? 32 : 128}"?`);
  }
  const addr = value.slice(0, slash);
  const prefixText = value.slice(slash + 1);
  const family: 4 | 6 = addr.includes(':') ? 6 : 4;
  const bits = family === 4 ? 32 : 128;
  const ip = family === 4 ? parseIPv4(addr) : parseIPv6(addr);
  if (ip === undefined) {
    throw new ValidationError(field, value, `"${addr}" is not a valid IPv${family} address.`);
  }
  if (!/^[0-9]{1,3}$/.test(prefixText) || Number(prefixText) > bits) {
    throw new ValidationError(field, value, `The mask must be a number from 0 to ${bits}.`);
  }
  const prefix = Number(prefixText);
  const mask = prefixMask(prefix, bits);
  const network = ip & mask;
  const text = `${family === 4 ? formatIPv4(network) : formatIPv6(network)}/${prefix}`;
  if (network !== ip) {
    throw new ValidationError(field, value, `The address has bits set outside the mask. Did you mean "${text}"?`);
  }
  return { family, network, prefix, text };
}

/** True when `inner` lies inside `outer` (same family). @internal */
export function cidrContains(outer: ParsedCidr, inner: ParsedCidr): boolean {
  if (outer.family !== inner.family || inner.prefix < outer.prefix) return false;
  const bits = outer.family === 4 ? 32 : 128;
  return (inner.network & prefixMask(outer.prefix, bits)) === outer.network;
}

/** True when the two ranges share at least one address. @internal */
export function cidrOverlaps(a: ParsedCidr, b: ParsedCidr): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

/**
 * True when the ranges together hold every address of the family (e.g. `0.0.0.0/0`, or
 * `0.0.0.0/1` and `128.0.0.0/1`): a list of trusted proxies that trusts everyone.
 * @internal
 */
export function cidrsCoverEveryAddress(family: 4 | 6, ranges: ParsedCidr[]): boolean {
  const bits = family === 4 ? 32 : 128;
  const spans = ranges.filter((r) => r.family === family)
    .map((r) => ({ first: r.network, end: r.network + (1n << BigInt(bits - r.prefix)) }))
    .sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  let next = 0n;
  for (const s of spans) {
    if (s.first > next) return false;
    if (s.end > next) next = s.end;
  }
  return next === 1n << BigInt(bits);
}

function prefixMask(prefix: number, bits: number): bigint {
  if (prefix === 0) return 0n;
  const all = (1n << BigInt(bits)) - 1n;
  return (all >> BigInt(bits - prefix)) << BigInt(bits - prefix);
}

function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let out = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255) return undefined;
    out = (out << 8n) | BigInt(Number(p));
  }
  return out;
}

function parseIPv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const groups = [...head, ...tail];
  if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  if (halves.length === 1 && groups.length !== 8) return undefined;
  if (halves.length === 2 && groups.length > 7) return undefined;
  const zeros = 8 - groups.length;
  const all = [...head, ...Array(halves.length === 2 ? zeros : 0).fill('0'), ...tail];
  let out = 0n;
  for (const g of all) out = (out << 16n) | BigInt(parseInt(g, 16));
  return out;
}

function formatIPv4(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => ((n >> s) & 255n).toString()).join('.');
}

function formatIPv6(n: bigint): string {
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((n >> BigInt(i * 16)) & 0xffffn).toString(16));
  // compress the longest run of zero groups
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen && j - i > 1) { best = i; bestLen = j - i; }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}
