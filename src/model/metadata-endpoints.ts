import { CLOUD_METADATA_CIDRS } from '../facts/cloud-metadata-endpoints';
import { cidrContains, cidrOverlaps, parseCidr } from '../options/cidr';

// Cloud instance metadata endpoints (facts/cloud-metadata-endpoints.ts): credentials for the
// node's cloud identity are one HTTP request away from any pod that can reach them. They are
// carved out of every allowed range unless a rule explicitly allows them.

/** The `ipBlock` for an allowed range: metadata endpoints inside it become `except` entries. @internal */
export function ipBlockWithoutMetadata(cidr: string, allowMetadata: boolean): { cidr: string; except?: string[] } {
  const range = parseCidr('cidr', cidr);
  if (allowMetadata) return { cidr: range.text };
  const except = CLOUD_METADATA_CIDRS
    .map((m) => parseCidr('metadata', m))
    .filter((m) => cidrContains(range, m) && range.prefix < m.prefix)
    .map((m) => m.text);
  return except.length > 0 ? { cidr: range.text, except } : { cidr: range.text };
}

/** True when the range is a metadata endpoint or lies inside one (so `except` cannot carve it). @internal */
export function isInsideMetadataEndpoint(cidr: string): boolean {
  const range = parseCidr('cidr', cidr);
  return CLOUD_METADATA_CIDRS.map((m) => parseCidr('metadata', m)).some((m) => cidrOverlaps(m, range) && range.prefix >= m.prefix);
}
