/** A cloud instance metadata endpoint: the node's cloud credentials are one request away. */
export interface CloudMetadataEndpoint {
  /** The address as a CIDR of one host. */
  readonly cidr: string;
  /** The providers that serve their metadata there. */
  readonly providers: string;
}

/**
 * The curated list of cloud metadata endpoints, used by the NetworkPolicy carve-outs (each one
 * becomes an `ipBlock.except` entry inside an allowed range), by the security report and by the
 * WAF's SSRF detector.
 *
 * Single addresses, on purpose: the rest of 169.254.0.0/16 carries services pods need, such as
 * NodeLocal DNS (169.254.20.10) and EKS Pod Identity (169.254.170.23), so it is not carved out
 * of egress as a whole.
 */
export const CLOUD_METADATA_ENDPOINTS: readonly CloudMetadataEndpoint[] = [
  { cidr: '169.254.169.254/32', providers: 'AWS, Google Cloud, Azure, Oracle Cloud, OpenStack, DigitalOcean, Hetzner' },
  { cidr: '100.100.100.200/32', providers: 'Alibaba Cloud' },
  { cidr: '169.254.0.23/32', providers: 'Tencent Cloud' },
  { cidr: 'fd00:ec2::254/128', providers: 'AWS (IMDS over IPv6)' },
];

/** The CIDRs of `CLOUD_METADATA_ENDPOINTS`. */
export const CLOUD_METADATA_CIDRS: readonly string[] = CLOUD_METADATA_ENDPOINTS.map((e) => e.cidr);
