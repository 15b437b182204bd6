import { AITrainingNamespaceProps } from '../../options/ai-training-namespace-props';
import { dnsLabel, port } from '../../options/validate';
import { egressPolicy } from '../egress-policy';
import { defaultDenyPolicy, dnsEgressPolicy, NetworkPolicyModel } from '../network-policy-model';
import { WeakenedControl } from '../weakening';

/** Default deny, DNS, intra-namespace traffic, declared egress and metrics scraping. @internal */
export function trainingNetworkPolicies(props: AITrainingNamespaceProps, weakenings: WeakenedControl[]): NetworkPolicyModel[] {
  const dns = props.clusterDns ?? {};
  const policies: NetworkPolicyModel[] = [
    defaultDenyPolicy(),
    dnsEgressPolicy(dns.namespaceLabels ?? { 'kubernetes.io/metadata.name': 'kube-system' }, dns.podLabels ?? { 'k8s-app': 'kube-dns' }),
  ];
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
