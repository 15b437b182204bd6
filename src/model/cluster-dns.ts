import { dnsEgressPolicy, NetworkPolicyModel } from './network-policy-model';
import { CLOUD_METADATA_ENDPOINTS } from '../facts/cloud-metadata-endpoints';
import { ClusterDnsOptions } from '../options/ai-training-namespace-props';
import { cidrOverlaps, parseCidr } from '../options/cidr';
import { ValidationError } from '../options/validation-error';

/** NodeLocal DNSCache's usual link-local address (it listens on every node's host network). */
const NODE_LOCAL_DNS_DEFAULT = '169.254.20.10/32';

/**
 * The `allow-dns` policy of a namespace: the cluster DNS pods, and NodeLocal DNSCache, which
 * answers on a link-local address of the node (not a pod a selector can reach). The address
 * never overlaps a cloud metadata endpoint.
 * @internal
 */
export function clusterDnsPolicy(dns: ClusterDnsOptions | undefined): NetworkPolicyModel {
  return dnsEgressPolicy(dns?.namespaceLabels ?? { 'kubernetes.io/metadata.name': 'kube-system' }, dns?.podLabels ?? { 'k8s-app': 'kube-dns' }, nodeLocalDnsCidr(dns));
}

/**
 * How a namespace's `allow-dns` reaches the cluster DNS, in words: constructs sharing a namespace
 * share that policy, so they must agree on it.
 * @internal
 */
export function describeClusterDns(dns: ClusterDnsOptions | undefined): string {
  const labels = (l: { [k: string]: string }) => Object.entries(l).map(([k, v]) => `${k}=${v}`).join(',');
  return `pods ${labels(dns?.podLabels ?? { 'k8s-app': 'kube-dns' })} in namespaces ${labels(dns?.namespaceLabels ?? { 'kubernetes.io/metadata.name': 'kube-system' })},`
    + ` NodeLocal DNSCache ${nodeLocalDnsCidr(dns)}`;
}

/** The NodeLocal DNSCache address, validated and normalised. @internal */
export function nodeLocalDnsCidr(dns: ClusterDnsOptions | undefined): string {
  const field = 'clusterDns.nodeLocalDnsCidr';
  const nodeLocal = parseCidr(field, dns?.nodeLocalDnsCidr ?? NODE_LOCAL_DNS_DEFAULT);
  const metadata = CLOUD_METADATA_ENDPOINTS.find((m) => cidrOverlaps(parseCidr('metadata', m.cidr), nodeLocal));
  if (metadata) {
    throw new ValidationError(field, nodeLocal.text,
      `It includes the cloud metadata endpoint ${metadata.cidr} (${metadata.providers}); give NodeLocal DNSCache's own address, e.g. "${NODE_LOCAL_DNS_DEFAULT}".`);
  }
  return nodeLocal.text;
}
