/**
 * Plain-data NetworkPolicy intent, shared by every construct: what the renderer turns into
 * `networking.k8s.io/v1` NetworkPolicies. Nothing here knows about options or cdk8s.
 * @internal
 */

export type Labels = { [key: string]: string };

export interface PolicyPeerModel {
  readonly ipBlock?: { readonly cidr: string; readonly except?: string[] };
  readonly namespaceLabels?: Labels;
  readonly podLabels?: Labels;
}

export interface PolicyPortModel {
  readonly protocol: string;
  readonly port: number;
  readonly endPort?: number;
}

export interface PolicyRuleModel {
  readonly peers: PolicyPeerModel[];
  /** Empty: every port. */
  readonly ports: PolicyPortModel[];
}

export interface NetworkPolicyModel {
  /** The NetworkPolicy's name. */
  readonly name: string;
  /** What it is for, written to an annotation for reviewers. */
  readonly description: string;
  /** `{}` selects every pod of the namespace. */
  readonly podLabels: Labels;
  readonly ingress?: PolicyRuleModel[];
  readonly egress?: PolicyRuleModel[];
  /** Policy types even without rules (a deny-all lists both). */
  readonly policyTypes: string[];
}

/** DNS egress to the cluster resolver (its pods, and NodeLocal DNSCache's address) only, TCP and UDP 53. @internal */
export function dnsEgressPolicy(namespaceLabels: Labels, podLabels: Labels, nodeLocalDnsCidr: string): NetworkPolicyModel {
  const ports = [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }];
  return {
    name: 'allow-dns',
    description: `Every pod may resolve names through the cluster DNS (and NodeLocal DNSCache at ${nodeLocalDnsCidr}), and nothing else on port 53.`,
    podLabels: {},
    policyTypes: ['Egress'],
    egress: [
      { peers: [{ namespaceLabels, podLabels }], ports },
      { peers: [{ ipBlock: { cidr: nodeLocalDnsCidr } }], ports },
    ],
  };
}

/** Denies all ingress and egress to every pod of the namespace. @internal */
export function defaultDenyPolicy(): NetworkPolicyModel {
  return {
    name: 'default-deny',
    description: 'Denies all ingress and egress for every pod; other policies open only declared paths.',
    podLabels: {},
    policyTypes: ['Ingress', 'Egress'],
  };
}
