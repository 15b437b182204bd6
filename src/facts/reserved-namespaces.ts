/**
 * Namespaces that belong to the cluster and its platform: a construct that writes a
 * `restricted` Pod Security label or a default-deny NetworkPolicy there would break CoreDNS,
 * the CNI, the ingress controller or cert-manager. Every name starting with `kube-` is
 * reserved as well.
 */
export const RESERVED_NAMESPACES: readonly string[] = [
  'default',
  'cert-manager',
  'ingress-nginx',
  'nginx-ingress',
  'envoy-gateway-system',
  'tigera-gateway',
  'calico-system',
  'tigera-operator',
  'gatekeeper-system',
  'kyverno',
];

/** True when the namespace is reserved: `kube-*`, a name of `RESERVED_NAMESPACES`, or one of `extra`. */
export function isReservedNamespace(name: string, extra: readonly string[] = []): boolean {
  return name.startsWith('kube-') || RESERVED_NAMESPACES.includes(name) || extra.includes(name);
}
