import { AdmissionPolicyModel } from './admission-policy-model';
import { clientAddressWeakening } from './client-address-model';
import { describeClusterDns, nodeLocalDnsCidr } from './cluster-dns';
import { isReservedNamespace } from '../facts/reserved-namespaces';
import { AiGatewayModel, aiGatewayModel } from './endpoint/ai-gateway';
import { AuthModel, authModel } from './endpoint/authentication';
import { BackendModel, backendModel, CanaryModel, canaryModel } from './endpoint/backend';
import { BackendTlsModel, backendTlsModel } from './endpoint/backend-tls';
import { changeControlModel } from './endpoint/change-control';
import { hostsModel, routesModel } from './endpoint/hosts';
import { LimitScope } from '../options/limit-scope';
import { IdentityLimitsModel, identityLimitsModel, LimitsModel, limitsModel, SourceRangesModel, sourceRangesModel } from './endpoint/limits';
import { endpointNetworkPolicies, namespaceNetworkPolicies } from './endpoint/network';
import { TlsModel, tlsModel } from './endpoint/tls';
import { WafModel, wafModel } from './endpoint/waf';
import { assertTargetHonours, ControllerModel, ExposureTarget, exposureTarget, TargetFeature, TargetRequest } from './exposure-targets';
import { NetworkPolicyModel } from './network-policy-model';
import { PersonaModel } from './rbac-model';
import { ServingQuotaContribution, servingQuotaContribution } from './serving-namespace-quota';
import { WeakenedControl } from './weakening';
import { RouteModel } from '../options/inference-route';
import { SecureInferenceEndpointProps } from '../options/secure-inference-endpoint-props';
import { dnsLabel } from '../options/validate';
import { ValidationError } from '../options/validation-error';

/** Everything a secure inference endpoint is, as plain data. @internal */
export interface EndpointModel {
  readonly name: string;
  readonly namespace: string;
  readonly createNamespace: boolean;
  readonly hosts: string[];
  readonly routes: RouteModel[];
  readonly modelServer: string;
  readonly backend: BackendModel;
  readonly canary?: CanaryModel;
  /** The exposure target's row in the capability table. */
  readonly target: ExposureTarget;
  readonly controller: ControllerModel;
  readonly tls: TlsModel;
  /** TLS from the edge to the model pods; none when the edge speaks plain HTTP to them. */
  readonly backendTls?: BackendTlsModel;
  /** With a token budget (Envoy Gateway): the endpoint routes through the Envoy AI Gateway. */
  readonly aiGateway?: AiGatewayModel;
  readonly auth: AuthModel;
  readonly sourceRanges: SourceRangesModel;
  readonly limits: LimitsModel;
  /** Limits per caller identity (a forwarded claim header), besides those per client address. */
  readonly identityLimits?: IdentityLimitsModel;
  readonly waf: WafModel;
  /** The endpoint's share of its namespace's ResourceQuota and LimitRange; none when it does not create the namespace. */
  readonly namespaceQuota?: ServingQuotaContribution;
  /** The namespace's own policies (default deny, DNS), written by the first endpoint of the namespace. */
  readonly namespacePolicies: NetworkPolicyModel[];
  /** How `allow-dns` reaches the cluster DNS, in words (endpoints sharing the namespace must agree). */
  readonly clusterDns: string;
  /** The endpoint's own policies. */
  readonly networkPolicies: NetworkPolicyModel[];
  readonly personas: PersonaModel[];
  readonly deployerServiceAccount?: string;
  readonly admissionPolicies: AdmissionPolicyModel[];
  readonly weakenings: WeakenedControl[];
  /** Settings of the platform's controller or Gateway the endpoint relies on and does not write, in words. */
  readonly reliesOn: string[];
}

/**
 * The endpoint's options, validated and normalised. Every option is put to the target's row of
 * the capability table as it is read, so an option the target cannot honour fails with one
 * message, naming the option, before its details are checked.
 */
export function buildEndpointModel(name: string, props: SecureInferenceEndpointProps): EndpointModel {
  if (!props) throw new ValidationError('props', props, 'Pass the SecureInferenceEndpoint options.');
  dnsLabel('id (endpoint name)', name);
  if (name.length > 40) throw new ValidationError('id (endpoint name)', name, 'Use at most 40 characters: objects are named after the endpoint.');
  const namespace = dnsLabel('namespace', props.namespace);
  const weakenings: WeakenedControl[] = [];

  const hosts = hostsModel(props.hosts);
  const routes = routesModel(props.modelServer, weakenings);

  if (!props.controller) throw new ValidationError('controller', props.controller, 'Choose EdgeController.ingressNginx(), EdgeController.f5Nginx() or EdgeController.envoyGateway({ gateway }).');
  const target = exposureTarget(props.controller.kind);
  const controller = target.controller(props.controller);
  if (controller.wafSnippetAnnotation) {
    weakenings.push({ option: 'controller.wafSnippetAnnotationCriticalRisk: true', effect: 'The WAF rules are delivered in a modsecurity-snippet annotation: the controller must allow snippet annotations, a Critical-risk setting (CVE-2025-1974).' });
  }
  const clientAddressWeakened = clientAddressWeakening('controller.clientAddress', controller.clientAddress);
  if (clientAddressWeakened) weakenings.push(clientAddressWeakened);
  if (isReservedNamespace(namespace, [controller.namespace])) {
    throw new ValidationError('namespace', namespace, `This namespace belongs to the cluster or its platform (kube-*, default, the controller's ${controller.namespace}, cert-manager's); the endpoint locks its namespace down, so serve from a namespace of your own.`);
  }
  const ask = (r: TargetRequest) => assertTargetHonours(target, controller, [r]);
  const can = (f: TargetFeature) => target.honours.get(f)?.honoured(controller) ?? false;

  if (!props.modelServer) throw new ValidationError('modelServer', props.modelServer, 'Choose ModelServer.vllm(), tgi(), triton([...]), openAiCompatible() or custom([...]).');
  const limits = limitsModel(props.limits, ask, props.waf?.profile);
  // Pods are given the longest stream the controller allows to finish before they are killed.
  const plainBackend = backendModel('backend', props.backend, name, props.modelServer, limits.readTimeoutSeconds, weakenings);
  const plainCanary = canaryModel(props.canary, name, plainBackend, props.modelServer, limits.readTimeoutSeconds, weakenings);
  const tls = tlsModel(name, props.tls, weakenings, target.endpointCertificate, ask);
  const { tls: backendTls, backend, canary } = backendTlsModel(props.backendTls, namespace, props.modelServer, plainBackend, plainCanary, ask);
  const aiGateway = aiGatewayModel(limits, props.modelServer, backendTls, controller.aiGatewayController);
  const auth = authModel(props.authentication, tls, props.tls, ask, weakenings, can);
  const identityLimits = identityLimitsModel(props.limits?.perIdentity, auth, ask);
  const sourceRanges = sourceRangesModel(props.sourceRanges, ask);
  const waf = wafModel(props.waf, controller, ask, can, weakenings, limits.maxBodyKiB);
  const networkPolicies = endpointNetworkPolicies({
    name, controller, backend, canary, metricsScrape: props.metricsScrape, egress: props.egress, challenge: tls.challenge,
  }, weakenings);
  // With backendTls the renderer writes the target's backend-TLS objects; without, change control still guards them.
  // With a token budget it writes the AI Gateway's objects; without, change control still guards them.
  const targetResources = [...target.resources, ...(backendTls ? target.backendTlsResources : []), ...(aiGateway ? target.aiGatewayResources : [])];
  const targetGuards = [...target.guards, ...(backendTls ? [] : target.backendTlsResources), ...(aiGateway ? [] : target.aiGatewayResources)];
  const changeControl = changeControlModel(name, namespace, props.changeControl, targetResources, {
    backends: canary ? [backend, canary.backend] : [backend],
    hosts,
    tlsSecretName: tls.secretName,
    serverTlsSecretNames: backendTls?.servers.map((t) => t.secretName) ?? [],
    routes: [name],
    routeGenerators: aiGateway ? [aiGateway.controllerUser] : [],
    challenge: tls.challenge,
    dnsAddresses: [nodeLocalDnsCidr(props.clusterDns)],
  }, weakenings, targetGuards, target.endpointCertificate || backendTls !== undefined);
  // Last: sizing the namespace's quota needs the workloads, the challenge and the hosts, all valid.
  const createNamespace = props.createNamespace ?? true;
  const namespaceQuota = servingQuotaContribution(`${namespace}/${name}`, props.namespaceQuota,
    { createNamespace, backend, canary, challenge: tls.challenge, hosts }, weakenings);

  return {
    name,
    namespace,
    createNamespace,
    hosts,
    routes,
    modelServer: props.modelServer.name,
    backend,
    canary,
    target,
    controller,
    tls,
    backendTls,
    aiGateway,
    auth,
    sourceRanges,
    limits,
    identityLimits,
    waf,
    namespaceQuota,
    namespacePolicies: namespaceNetworkPolicies(props.clusterDns),
    clusterDns: describeClusterDns(props.clusterDns),
    networkPolicies,
    ...changeControl,
    weakenings,
    reliesOn: [
      ...target.reliesOn(controller, {
        tlsMinimumVersion: tls.minimumVersion,
        sharedLimits: limits.scope === LimitScope.SHARED,
        tokenBudgetKey: limits.tokenBudget?.costMetadataKey,
        routeName: name,
      }),
      ...(backendTls ? [`${backendTls.caKind} ${namespace}/${backendTls.caName} holds under ca.crt the CA of ${backendTls.issuerKind} ${backendTls.issuerName}`
        + ' (e.g. distributed by a trust-manager Bundle), and only CAs trusted to sign the model servers\' certificates'] : []),
    ],
  };
}
