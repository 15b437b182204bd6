import { CLOUD_METADATA_CIDRS } from '../../../facts/cloud-metadata-endpoints';
import { cidrContains, parseCidr } from '../../../options/cidr';

/**
 * Host checks for URL-bearing request fields (e.g. `image_url`), written so that
 * a host extracted from the URL into a transaction variable can be judged.
 */

/** Ranges a URL in a prompt may never name: link-local (where most metadata endpoints live) and "this host". */
const NEVER_FETCHED = ['169.254.0.0/16', 'fe80::/10', '0.0.0.0/8'];

/**
 * Cloud metadata endpoints and the ranges around them, for `@ipMatch`: the link-local ranges
 * whole (a URL has no business there, unlike a pod's egress to NodeLocal DNS), then every
 * curated metadata endpoint (facts/cloud-metadata-endpoints.ts) they do not cover, such as
 * Alibaba's 100.100.100.200 and AWS's IPv6 address (bare: libmodsecurity 3.0 rejects /128).
 */
export const METADATA_CIDRS = [
  NEVER_FETCHED[0],
  ...CLOUD_METADATA_CIDRS
    .filter((c) => !NEVER_FETCHED.some((r) => cidrContains(parseCidr('range', r), parseCidr('metadata', c))))
    .map((c) => c.replace(/\/128$/, '')),
  ...NEVER_FETCHED.slice(1),
];

/** Private and loopback ranges (blocked when the option is on). */
export const PRIVATE_CIDRS = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '127.0.0.0/8',
  '100.64.0.0/10',
  '::1', // bare address: libmodsecurity 3.0 rejects /128
  'fc00::/7',
];

/** Metadata host names (lower case, without a trailing dot). */
export const METADATA_HOSTNAME_REGEX = '^(?:metadata|metadata\\.google\\.internal|metadata\\.goog|metadata\\.azure\\.com|metadata\\.azure\\.internal|instance-data(?:\\.ec2\\.internal)?|metadata\\.tencentyun\\.com|metadata\\.platformequinix\\.com|metadata\\.packet\\.net)\\.?$';

/** Host names that point at the link-local metadata address through wildcard DNS (e.g. 169.254.169.254.nip.io). */
export const EMBEDDED_METADATA_IP_REGEX = '(?:^|[.-])(?:169[.-]254[.-][0-9]{1,3}[.-][0-9]{1,3}|a9fe[0-9a-f]{4}|0*2852[0-9]{6})(?:[.-]|$)';

/** Loopback and cluster-internal host names (blocked with private ranges). */
export const PRIVATE_HOSTNAME_REGEX = '(?:^localhost|\\.localhost|\\.local|\\.internal|\\.svc|\\.cluster\\.local|\\.localdomain)\\.?$';

/** Any numeric host written in a non-canonical notation (decimal, hex, octal, short forms). */
export const NUMERIC_HOST_REGEX = '^(?:0x[0-9a-f]*|[0-9]+)(?:\\.(?:0x[0-9a-f]*|[0-9]+)){0,3}\\.?$';

/** A canonical dotted-quad IPv4 address (no leading zeros). */
export const CANONICAL_IPV4_REGEX = '^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$';

/** IPv6 literals that embed an IPv4 address (mapped, compatible, NAT64, 6to4). */
export const EMBEDDED_IPV4_IN_IPV6_REGEX = '(?:[0-9]\\.[0-9]|^[0:]*:ffff:|^64:ff9b:|^2002:|^::[0-9a-f]{1,4}:[0-9a-f]{1,4}$)';

/**
 * The only shapes a URL field may have: an http(s) URL without the characters a URL never
 * carries unencoded (white space, quotes, angle brackets, backslash), or an inline
 * base64 image, audio or video (`data:image/png;base64,...`). Anything else (other schemes,
 * `data:text/html`, markup) is refused. Case-insensitive; linear on multi-megabyte images.
 */
export const URL_FIELD_SHAPE_REGEX = '(?i)\\A(?:https?://[^\\s<>\\x22\\x27\\\\]*|data:(?:image|audio|video)/[a-z0-9.+-]{1,64}(?:;[a-z0-9.+-]{1,64}=[a-z0-9.+-]{1,64}){0,4};base64,[a-z0-9+/]*={0,2})\\z';
