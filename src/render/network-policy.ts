import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { DESCRIPTION_ANNOTATION } from '../facts/label-keys';
import { NetworkPolicyModel, PolicyPeerModel, PolicyRuleModel } from '../model/network-policy-model';

/** The annotation carrying a policy's purpose for reviewers. @internal */


/** Renders NetworkPolicies (`networking.k8s.io/v1`) from the model, one object per policy. @internal */
export function renderNetworkPolicies(scope: Construct, namespace: string, policies: NetworkPolicyModel[],
  labels: { [k: string]: string } = {}): k8s.KubeNetworkPolicy[] {
  return policies.map((p) => new k8s.KubeNetworkPolicy(scope, p.name, {
    metadata: {
      name: p.name,
      namespace,
      labels,
      annotations: { [DESCRIPTION_ANNOTATION]: p.description },
    },
    spec: {
      podSelector: selector(p.podLabels),
      policyTypes: p.policyTypes,
      ...(p.ingress ? { ingress: p.ingress.map((r) => ({ from: r.peers.map(peer), ...ports(r) })) } : {}),
      ...(p.egress ? { egress: p.egress.map((r) => ({ to: r.peers.map(peer), ...ports(r) })) } : {}),
    },
  }));
}

function selector(labels: { [k: string]: string }): k8s.LabelSelector {
  return Object.keys(labels).length > 0 ? { matchLabels: labels } : {};
}

function peer(p: PolicyPeerModel): k8s.NetworkPolicyPeer {
  if (p.ipBlock) return { ipBlock: p.ipBlock };
  return {
    ...(p.namespaceLabels ? { namespaceSelector: selector(p.namespaceLabels) } : {}),
    podSelector: selector(p.podLabels ?? {}),
  };
}

function ports(r: PolicyRuleModel): { ports?: k8s.NetworkPolicyPort[] } {
  if (r.ports.length === 0) return {};
  return {
    ports: r.ports.map((p) => ({
      protocol: p.protocol,
      port: k8s.IntOrString.fromNumber(p.port),
      ...(p.endPort !== undefined ? { endPort: p.endPort } : {}),
    })),
  };
}
