import { ipBlockWithoutMetadata, isInsideMetadataEndpoint } from './metadata-endpoints';
import { Labels, NetworkPolicyModel } from './network-policy-model';
import { WeakenedControl } from './weakening';
import { EgressRule } from '../options/egress-rule';
import { dnsLabel } from '../options/validate';
import { ValidationError } from '../options/validation-error';

/**
 * The NetworkPolicy of one declared egress rule: only its destination and ports, cloud metadata
 * endpoints carved out of every range unless the rule explicitly allows them.
 * @internal
 */
export function egressPolicy(field: string, rule: EgressRule, defaultPodLabels: Labels, names: Set<string>,
  weakenings: WeakenedControl[]): NetworkPolicyModel {
  const ruleName = dnsLabel(`${field}.name`, rule.name);
  if (ruleName.length > 50) {
    throw new ValidationError(`${field}.name`, ruleName, 'Use at most 50 characters: the policy is named allow-egress-<name>.');
  }
  if (names.has(ruleName)) throw new ValidationError(`${field}.name`, ruleName, 'Each egress rule needs its own name.');
  names.add(ruleName);
  if (!rule.peer) throw new ValidationError(`${field}.peer`, rule.peer, 'Give the destination: NetworkPeer.cidr(...), NetworkPeer.namespace(...) or NetworkPeer.selector(...).');
  if (!Array.isArray(rule.ports) || rule.ports.length === 0) {
    throw new ValidationError(`${field}.ports`, rule.ports, 'List the destination ports, e.g. [NetworkPort.tcp(443)]; egress to every port is never opened.');
  }
  const allowMetadata = rule.allowCloudMetadataEndpoints ?? false;
  let peer;
  if (rule.peer.cidrBlock !== undefined) {
    if (!allowMetadata && isInsideMetadataEndpoint(rule.peer.cidrBlock)) {
      throw new ValidationError(`${field}.peer`, rule.peer.cidrBlock, 'This is a cloud metadata endpoint: pods reaching it can take the node\'s cloud credentials. Remove the rule, or set allowCloudMetadataEndpoints: true if you really need it.');
    }
    peer = { ipBlock: ipBlockWithoutMetadata(rule.peer.cidrBlock, allowMetadata) };
  } else {
    peer = { namespaceLabels: rule.peer.namespaceLabels, podLabels: rule.peer.podLabels ?? {} };
  }
  if (allowMetadata) weakenings.push({ option: `${field}.allowCloudMetadataEndpoints: true`, effect: `Egress rule ${ruleName} may reach the cloud metadata endpoints.` });
  return {
    name: `allow-egress-${ruleName}`,
    description: `Declared egress "${ruleName}".`,
    podLabels: rule.podLabels ?? defaultPodLabels,
    policyTypes: ['Egress'],
    egress: [{
      peers: [peer],
      ports: rule.ports.map((p) => ({ protocol: p.protocol, port: p.port, ...(p.endPort !== undefined ? { endPort: p.endPort } : {}) })),
    }],
  };
}
