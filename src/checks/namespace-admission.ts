/** The label every namespace carries with its own name. */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Whether the NetworkPolicies of `namespace` in the output can let pods of namespace `source`
 * connect to its pods: false only when a policy isolates every pod of the namespace for ingress
 * and no ingress peer of its policies can match a pod of `source` (a namespace selector that
 * names other namespaces by `kubernetes.io/metadata.name`, or a pod selector alone when `source`
 * is another namespace). Selectors that cannot be read as names (other labels, expressions) and
 * ipBlocks may match: they count as admitting. A controller whose pods cannot reach a namespace
 * does not serve its routes.
 * @internal
 */
export function admitsFromNamespace(objects: any[], namespace: string | undefined, source: string | undefined): boolean {
  const ingressPolicies = objects.filter((p) => p.kind === 'NetworkPolicy' && p.metadata?.namespace === namespace && policyTypes(p).includes('Ingress'));
  const isolated = ingressPolicies.some((p) => Object.keys(p.spec?.podSelector ?? {}).length === 0);
  if (!isolated) return true;
  return ingressPolicies.some((p) => (p.spec?.ingress ?? []).some((rule: any) =>
    !(rule.from?.length) || rule.from.some((peer: any) => peerMayMatch(peer, namespace, source))));
}

function policyTypes(p: any): string[] {
  return p.spec?.policyTypes ?? (p.spec?.egress ? ['Ingress', 'Egress'] : ['Ingress']);
}

function peerMayMatch(peer: any, namespace: string | undefined, source: string | undefined): boolean {
  if (peer.ipBlock) return true;
  const selector = peer.namespaceSelector;
  if (selector === undefined) return namespace === source;
  if ((selector.matchExpressions ?? []).length > 0) return true;
  const labels = selector.matchLabels ?? {};
  return labels[NAMESPACE_NAME_LABEL] === undefined || labels[NAMESPACE_NAME_LABEL] === source;
}
