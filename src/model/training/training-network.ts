import { AITrainingNamespaceProps } from '../../options/ai-training-namespace-props';
import { parseCidr } from '../../options/cidr';
import { DataClassification } from '../../options/data-classification';
import { dnsLabel, port } from '../../options/validate';
import { clusterDnsPolicy } from '../cluster-dns';
import { egressPolicy } from '../egress-policy';
import { defaultDenyPolicy, NetworkPolicyModel } from '../network-policy-model';
import { WeakenedControl } from '../weakening';

/** Default deny, DNS, intra-namespace traffic, declared egress and metrics scraping. @internal */
export function trainingNetworkPolicies(props: AITrainingNamespaceProps, weakenings: WeakenedControl[]): NetworkPolicyModel[] {
  const policies: NetworkPolicyModel[] = [defaultDenyPolicy(), clusterDnsPolicy(props.clusterDns)];
  if (props.allowIntraNamespaceTraffic ?? true) {
    policies.push({
      name: 'allow-intra-namespace',
      description: 'Pods of this namespace may reach each other on any port (distributed training).',
      podLabels: {},
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ peers: [{ podLabels: {} }], ports: [] }],
      egress: [{ peers: [{ podLabels: {} }], ports: [] }],
    });
  }
  const names = new Set<string>();
  (props.egress ?? []).forEach((rule, i) => {
    const field = `egress[${i}]`;
    policies.push(egressPolicy(field, rule, {}, names, weakenings));
    if (isSensitive(props.dataClassification) && rule.peer?.cidrBlock !== undefined) {
      const cidr = parseCidr(`${field}.peer`, rule.peer.cidrBlock);
      if (cidr.prefix < WIDEST_ORGANISATION_PREFIX[cidr.family]) {
        weakenings.push({
          option: `${field}.peer: ${cidr.text}`,
          effect: `Pods of a ${props.dataClassification.value} namespace may send data to ${cidr.prefix === 0 ? 'any address on the internet' : `a range wider than /${WIDEST_ORGANISATION_PREFIX[cidr.family]}, more than one organisation's network`} (egress rule ${rule.name}).`,
        });
      }
    }
  });
  if (props.metricsScrape) {
    const m = props.metricsScrape;
    const ns = dnsLabel('metricsScrape.namespace', m.namespace);
    policies.push({
      name: 'allow-metrics-scrape',
      description: `The monitoring namespace ${ns} may scrape metrics on port ${m.port} only.`,
      podLabels: m.podLabels ?? {},
      policyTypes: ['Ingress'],
      ingress: [{
        peers: [{ namespaceLabels: { 'kubernetes.io/metadata.name': ns }, podLabels: m.scraperPodLabels ?? {} }],
        ports: [{ protocol: 'TCP', port: port('metricsScrape.port', m.port) }],
      }],
    });
  }
  return policies;
}

/**
 * Ranges wider than these are more than one organisation holds (10.0.0.0/8 is the largest private
 * IPv4 block; the largest IPv6 allocations to a single network are around /19): egress to them
 * from a confidential or restricted namespace is, in effect, egress to the internet.
 */
const WIDEST_ORGANISATION_PREFIX: { [family: number]: number } = { 4: 8, 6: 16 };

/** Confidential and restricted data: wide egress and wide registries are reported. @internal */
export function isSensitive(classification: DataClassification): boolean {
  return classification === DataClassification.CONFIDENTIAL || classification === DataClassification.RESTRICTED;
}
