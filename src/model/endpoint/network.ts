import { clusterDnsPolicy } from '../cluster-dns';
import { egressPolicy } from '../egress-policy';
import { ControllerModel } from '../exposure-targets';
import { defaultDenyPolicy, NetworkPolicyModel, PolicyPeerModel } from '../network-policy-model';
import { WeakenedControl } from '../weakening';
import { BackendModel, CanaryModel } from './backend';
import { InferencePoolModel } from './inference-pool';
import { ChallengeModel } from './tls';
import { HTTP01_SOLVER_LABEL, HTTP01_SOLVER_LABEL_VALUE, HTTP01_SOLVER_PORT } from '../../facts/cert-manager';
import { ClusterDnsOptions, MetricsScrapeOptions } from '../../options/ai-training-namespace-props';
import { EgressRule } from '../../options/egress-rule';
import { dnsLabel, port } from '../../options/validate';
import { ValidationError } from '../../options/validation-error';

/** What the endpoint's NetworkPolicies are built from. @internal */
export interface EndpointNetworkInput {
  readonly name: string;
  readonly controller: ControllerModel;
  /** During a move, the controller the endpoint is also exposed through: its pods are admitted too. */
  readonly alsoControllers?: ControllerModel[];
  readonly backend: BackendModel;
  readonly canary?: CanaryModel;
  readonly metricsScrape?: MetricsScrapeOptions;
  readonly egress?: EgressRule[];
  /** HTTP-01: the controller must reach cert-manager's solver pods. */
  readonly challenge?: ChallengeModel;
  /**
   * An InferencePool backend: the controller pods reach its endpoint picker, and the picker reads
   * the model pods' metrics.
   * @default - none
   */
  readonly inferencePool?: InferencePoolModel;
}

/**
 * The namespace's own policies, written once however many endpoints share the namespace:
 * default deny and DNS. @internal
 */
export function namespaceNetworkPolicies(clusterDns: ClusterDnsOptions | undefined): NetworkPolicyModel[] {
  return [defaultDenyPolicy(), clusterDnsPolicy(clusterDns)];
}

/**
 * The endpoint's own policies: the controller's pods alone to each model backend, metrics
 * scraping and the declared egress. @internal
 */
export function endpointNetworkPolicies(input: EndpointNetworkInput, weakenings: WeakenedControl[]): NetworkPolicyModel[] {
  const { name, controller, backend, canary } = input;
  const controllers = [controller, ...(input.alsoControllers ?? [])];
  const who = controllers.map((c) => `${c.kind.value} controller pods (namespace ${c.namespace})`).join(' and the ');
  const peers = controllers.map((c) => ({ namespaceLabels: { 'kubernetes.io/metadata.name': c.namespace }, podLabels: c.podLabels }));
  const policies: NetworkPolicyModel[] = [];
  for (const [suffix, b] of canary ? [['', backend], ['-canary', canary.backend]] as const : [['', backend]] as const) {
    // With a gRPC API, its port is the controller's alone too.
    const grpc = b.grpcPort !== undefined ? ` and its gRPC port ${b.grpcPort}` : '';
    policies.push({
      name: `${name}${suffix}-from-controller`,
      description: `Only the ${who} reach the model server on port ${b.targetPort}${grpc}.`,
      podLabels: b.podLabels,
      policyTypes: ['Ingress'],
      ingress: [{
        peers,
        ports: [{ protocol: 'TCP', port: b.targetPort }, ...(b.grpcPort !== undefined ? [{ protocol: 'TCP', port: b.grpcPort }] : [])],
      }],
    });
  }
  if (input.inferencePool) policies.push(...endpointPickerPolicies(name, input.inferencePool, who, peers));
  if (input.challenge?.kind === 'HTTP-01') policies.push(http01SolverPolicy(name, controller, input.alsoControllers));
  if (input.metricsScrape) policies.push(metricsPolicy(name, input.metricsScrape, backend));
  const egressNames = new Set<string>();
  (input.egress ?? []).forEach((rule, i) => policies.push(egressPolicy(`egress[${i}]`, rule, backend.podLabels, egressNames, weakenings)));
  return policies;
}

/**
 * An InferencePool's endpoint picker: the controller pods call it (ext_proc) on its port, and it
 * reads the model pods' metrics (queue depth, KV cache) on their metrics port, in both directions
 * under the namespace's default deny. Its access to the Kubernetes API is the platform's to allow.
 */
function endpointPickerPolicies(name: string, pool: InferencePoolModel, who: string, controllerPeers: PolicyPeerModel[]): NetworkPolicyModel[] {
  const picker = pool.endpointPicker;
  const metrics = [{ protocol: 'TCP', port: pool.metricsPort }];
  return [
    {
      name: `${name}-endpoint-picker-from-controller`,
      description: `Only the ${who} reach the endpoint picker ${picker.serviceName} on port ${picker.targetPort}.`,
      podLabels: picker.podLabels,
      policyTypes: ['Ingress'],
      ingress: [{ peers: controllerPeers, ports: [{ protocol: 'TCP', port: picker.targetPort }] }],
    },
    {
      name: `${name}-endpoint-picker-to-metrics`,
      description: `The endpoint picker ${picker.serviceName} reaches the model pods on their metrics port ${pool.metricsPort} only.`,
      podLabels: picker.podLabels,
      policyTypes: ['Egress'],
      egress: [{ peers: [{ podLabels: pool.podLabels }], ports: metrics }],
    },
    {
      name: `${name}-metrics-from-endpoint-picker`,
      description: `The model pods admit the endpoint picker ${picker.serviceName} on their metrics port ${pool.metricsPort} only.`,
      podLabels: pool.podLabels,
      policyTypes: ['Ingress'],
      ingress: [{ peers: [{ podLabels: picker.podLabels }], ports: metrics }],
    },
  ];
}

function metricsPolicy(name: string, m: MetricsScrapeOptions, backend: BackendModel): NetworkPolicyModel {
  const ns = dnsLabel('metricsScrape.namespace', m.namespace);
  const served = backend.workload?.metricsPort;
  if (served !== undefined && m.podLabels === undefined && m.port !== served) {
    // The workload declares its metrics port: the scrape policy must admit that one, or scraping fails.
    throw new ValidationError('metricsScrape.port', m.port, `The model server serves metrics on port ${served} (backend.metricsPort, or the preset's metrics port): set metricsScrape.port: ${served}, or set backend.metricsPort: ${m.port} if the server serves metrics there.`);
  }
  return {
    name: `${name}-metrics-scrape`,
    description: `The monitoring namespace ${ns} may scrape metrics on port ${m.port} only; metrics are never routed through the controller.`,
    podLabels: m.podLabels ?? backend.podLabels,
    policyTypes: ['Ingress'],
    ingress: [{ peers: [{ namespaceLabels: { 'kubernetes.io/metadata.name': ns }, podLabels: m.scraperPodLabels ?? {} }], ports: [{ protocol: 'TCP', port: port('metricsScrape.port', m.port) }] }],
  };
}

/**
 * HTTP-01: the controller pods reach cert-manager's solver pods (labelled by cert-manager, which
 * change control lets only cert-manager create) on the solver port, under default deny.
 * @internal
 */
export function http01SolverPolicy(name: string, controller: ControllerModel, alsoControllers: ControllerModel[] = []): NetworkPolicyModel {
  const controllers = [controller, ...alsoControllers];
  return {
    name: `${name}-acme-http01-solver`,
    description: `The ${controllers.map((c) => `${c.kind.value} controller pods (namespace ${c.namespace})`).join(' and the ')} reach cert-manager's HTTP-01 solver pods on port ${HTTP01_SOLVER_PORT}, so that ACME issuers can validate the hosts.`,
    podLabels: { [HTTP01_SOLVER_LABEL]: HTTP01_SOLVER_LABEL_VALUE },
    policyTypes: ['Ingress'],
    ingress: [{
      peers: controllers.map((c) => ({ namespaceLabels: { 'kubernetes.io/metadata.name': c.namespace }, podLabels: c.podLabels })),
      ports: [{ protocol: 'TCP', port: HTTP01_SOLVER_PORT }],
    }],
  };
}
