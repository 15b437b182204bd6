import { AdmissionPolicyModel } from './admission-policy-model';
import { clientAddressWeakening } from './client-address-model';
import { describeClusterDns, nodeLocalDnsCidr } from './cluster-dns';
import { EdgeMigrationModel, edgeMigrationModel } from './edge-migration';
import { isReservedNamespace } from '../facts/reserved-namespaces';
import { AiGatewayModel, aiGatewayModel } from './endpoint/ai-gateway';
import { AuthModel, authModel } from './endpoint/authentication';
import { BackendModel, backendModel, CanaryModel, canaryModel } from './endpoint/backend';
import { BackendTlsModel, backendTlsModel } from './endpoint/backend-tls';
import { changeControlModel } from './endpoint/change-control';
import { GrpcModel, grpcModel, grpcRequest } from './endpoint/grpc';
import { hostsModel, routesModel } from './endpoint/hosts';
import { endpointPickerReliance, InferencePoolModel, inferencePoolModel } from './endpoint/inference-pool';
import { AuthenticationKind } from '../options/authentication';
import { LimitScope } from '../options/limit-scope';
import { IdentityLimitsModel, identityLimitsModel, LimitsModel, limitsModel, SourceRangesModel, sourceRangesModel } from './endpoint/limits';
import { endpointNetworkPolicies, namespaceNetworkPolicies } from './endpoint/network';
import { TlsModel, tlsModel } from './endpoint/tls';
import { WafModel, wafModel } from './endpoint/waf';
import { assertTargetHonours, ControllerModel, EndpointReliance, ExposureTarget, exposureTarget, TargetFeature, targetGuards, TargetRequest, targetResources } from './exposure-targets';
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
  /**
   * The model server's gRPC API, routed by service and method (Envoy Gateway: a GRPCRoute).
   * @default - none: HTTP routes only
   */
  readonly grpc?: GrpcModel;
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
  /**
   * The InferencePool the route sends requests to, instead of the model Service.
   * @default - none
   */
  readonly inferencePool?: InferencePoolModel;
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
  /** What the endpoint asks of its controller's platform settings (for each exposure's `reliesOn`). */
  readonly reliance: EndpointReliance;
  /** Platform settings the endpoint relies on whatever its controller (e.g. the backend CA bundle). */
  readonly endpointReliesOn: string[];
  /** Settings of the platform's controller or Gateway the endpoint relies on and does not write, in words. */
  readonly reliesOn: string[];
  /** During a move (`EdgeController.migrating`), the controller the endpoint is also exposed through. */
  readonly migratingFrom?: EdgeMigrationModel;
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

  if (!props.controller) throw new ValidationError('controller', props.controller, 'Choose EdgeController.ingressNginx(), EdgeController.f5Nginx(), EdgeController.envoyGateway({ gateway }) or EdgeController.calicoIngressGateway({ gateway }).');
  // During a move, the endpoint is exposed through both controllers: every option is put to both.
  const migratingFrom = edgeMigrationModel(props.controller);
  const target = exposureTarget(props.controller.kind);
  const controller = target.controller(props.controller);
  const exposures = [{ target, controller }, ...(migratingFrom ? [migratingFrom] : [])];
  for (const [i, c] of exposures.map((e) => e.controller).entries()) {
    const field = i === 0 ? 'controller' : 'controller from';
    if (c.wafSnippetAnnotation) {
      weakenings.push({ option: `${field}.wafSnippetAnnotationCriticalRisk: true`, effect: 'The WAF rules are delivered in a modsecurity-snippet annotation: the controller must allow snippet annotations, a Critical-risk setting (CVE-2025-1974).' });
    }
    const clientAddressWeakened = clientAddressWeakening(`${field}.clientAddress`, c.clientAddress);
    if (clientAddressWeakened) weakenings.push(clientAddressWeakened);
  }
  const controllerNamespaces = exposures.map((e) => e.controller.namespace);
  if (isReservedNamespace(namespace, controllerNamespaces)) {
    throw new ValidationError('namespace', namespace, `This namespace belongs to the cluster or its platform (kube-*, default, the controller's ${controllerNamespaces.join(' or ')}, cert-manager's); the endpoint locks its namespace down, so serve from a namespace of your own.`);
  }
  const ask = (r: TargetRequest) => exposures.forEach((e) => assertTargetHonours(e.target, e.controller, [r]));
  const can = (f: TargetFeature) => exposures.every((e) => e.target.honours.get(f)?.honoured(e.controller) ?? false);

  if (!props.modelServer) throw new ValidationError('modelServer', props.modelServer, 'Choose ModelServer.vllm(), tgi(), triton([...]), openAiCompatible() or custom([...]).');
  const grpcAsks = grpcRequest(props.modelServer);
  if (grpcAsks) ask(grpcAsks);
  const limits = limitsModel(props.limits, ask, props.waf?.profile);
  // Pods are given the longest stream the controller allows to finish before they are killed.
  const plainBackend = backendModel('backend', props.backend, name, props.modelServer, limits.readTimeoutSeconds, weakenings);
  const plainCanary = canaryModel(props.canary, name, plainBackend, props.modelServer, limits.readTimeoutSeconds, weakenings);
  const endpointCertificate = exposures.some((e) => e.target.endpointCertificate(e.controller));
  const tls = tlsModel(name, props.tls, weakenings, endpointCertificate, ask);
  const { tls: backendTls, backend, canary } = backendTlsModel(props.backendTls, namespace, props.modelServer, plainBackend, plainCanary, ask);
  const aiGateway = aiGatewayModel(limits, props.modelServer, backendTls, controller.aiGatewayController);
  if (aiGateway && controller.gateway?.own !== undefined) {
    throw new ValidationError('limits.tokenBudget', props.limits?.tokenBudget, 'A token budget routes through an Envoy AI Gateway AIGatewayRoute, which this release attaches to the platform\'s Gateway listener only: '
      + 'use GatewayListener.platform() with a token budget, or remove limits.tokenBudget to keep the endpoint\'s own listener.');
  }
  const inferencePool = inferencePoolModel(props.backend?.workloadOptions?.inferencePool, {
    name, backend, canary, backendTls: backendTls !== undefined, tokenBudget: limits.tokenBudget !== undefined, ask,
  });
  const auth = authModel(props.authentication, tls, props.tls, ask, weakenings, can);
  const identityLimits = identityLimitsModel(props.limits?.perIdentity, auth, ask);
  const sourceRanges = sourceRangesModel(props.sourceRanges, ask);
  const waf = wafModel(props.waf, controller, ask, can, weakenings, limits.maxBodyKiB);
  const grpc = grpcModel(props.modelServer, {
    backend, canary, inferencePool, auth, waf, maxBodyKiB: limits.maxBodyKiB, readTimeoutSeconds: limits.readTimeoutSeconds,
  }, weakenings);
  const networkPolicies = endpointNetworkPolicies({
    name,
    controller,
    alsoControllers: migratingFrom ? [migratingFrom.controller] : [],
    backend,
    canary,
    metricsScrape: props.metricsScrape,
    egress: props.egress,
    challenge: tls.challenge,
    inferencePool,
  }, weakenings);
  // With backendTls the renderer writes the target's backend-TLS objects; without, change control still guards them.
  const withBackendTls = backendTls !== undefined;
  // With an InferencePool the renderer writes it; without, change control still guards pools choosing the model pods.
  const withPool = inferencePool !== undefined;
  // With a gRPC API the renderer writes its GRPCRoute; without, change control still guards GRPCRoutes reaching the model.
  const withGrpc = grpc !== undefined;
  // The WAF's own objects (an EnvoyExtensionPolicy) are the deployer's to write only when the WAF runs through them.
  const wafWrites = (t: ExposureTarget) => (waf.profile !== undefined ? t.wafResources ?? [] : []);
  // With a token budget the renderer writes the AI Gateway's objects; without, change control still guards them.
  const aiWrites = (t: ExposureTarget) => (aiGateway ? t.aiGatewayResources : []);
  const aiGuards = (t: ExposureTarget) => (aiGateway ? [] : t.aiGatewayResources);
  const changeControl = changeControlModel(name, namespace, props.changeControl,
    exposures.flatMap((e) => [
      ...targetResources(e.target, e.controller, withBackendTls, withPool, withGrpc), ...wafWrites(e.target), ...aiWrites(e.target),
    ]), {
      backends: canary ? [backend, canary.backend] : [backend],
      hosts,
      tlsSecretName: tls.secretName,
      serverTlsSecretNames: backendTls?.servers.map((t) => t.secretName) ?? [],
      routes: [name],
      routeGenerators: aiGateway ? [aiGateway.controllerUser] : [],
      endpointPickers: inferencePool ? [inferencePool.endpointPicker] : [],
      challenge: tls.challenge,
      dnsAddresses: [nodeLocalDnsCidr(props.clusterDns)],
    }, weakenings, exposures.flatMap((e) => [
      ...targetGuards(e.target, e.controller, withBackendTls, withPool, withGrpc).filter((g) => !wafWrites(e.target).includes(g)),
      ...aiGuards(e.target),
    ]),
    endpointCertificate || withBackendTls);
  // Last: sizing the namespace's quota needs the workloads, the challenge and the hosts, all valid.
  const createNamespace = props.createNamespace ?? true;
  const namespaceQuota = servingQuotaContribution(`${namespace}/${name}`, props.namespaceQuota,
    { createNamespace, backend, canary, challenge: tls.challenge, hosts }, weakenings);

  const reliance: EndpointReliance = {
    tlsMinimumVersion: tls.minimumVersion,
    sharedLimits: limits.scope === LimitScope.SHARED,
    tokenBudgetKey: limits.tokenBudget?.costMetadataKey,
    routeName: name,
    clientCertificates: tls.clientCertificate !== undefined,
  };
  const endpointReliesOn = [
    ...(backendTls ? [`${backendTls.caKind} ${namespace}/${backendTls.caName} holds under ca.crt the CA of ${backendTls.issuerKind} ${backendTls.issuerName}`
      + ' (e.g. distributed by a trust-manager Bundle), and only CAs trusted to sign the model servers\' certificates'] : []),
    ...(tls.clientCertificate ? [`${tls.clientCertificate.caKind} ${namespace}/${tls.clientCertificate.caName} holds under ca.crt only the CAs trusted to sign the clients' certificates`
      + ' (e.g. distributed by a trust-manager Bundle): any certificate they sign is let through the TLS handshake'] : []),
    ...(inferencePool ? [endpointPickerReliance(namespace, inferencePool)] : []),
    // Envoy Gateway signs the OIDC login filter's cookies with a Secret its installer creates.
    ...(auth.kind === AuthenticationKind.OIDC ? [`Envoy Gateway's envoy-oidc-hmac Secret (its installer creates it in the controller's namespace, ${controller.namespace} by default) exists and stays secret: the OIDC login filter signs and checks the session cookies with it`] : []),
  ];

  return {
    name,
    namespace,
    createNamespace,
    hosts,
    routes,
    grpc,
    modelServer: props.modelServer.name,
    backend,
    canary,
    target,
    controller,
    tls,
    backendTls,
    aiGateway,
    inferencePool,
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
    reliance,
    endpointReliesOn,
    reliesOn: [...exposures.flatMap((e) => e.target.reliesOn(e.controller, reliance)), ...endpointReliesOn],
    migratingFrom,
  };
}
