import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ENDPOINT_LABEL, MANAGED_BY, RELIES_ON_PLATFORM_ANNOTATION, WEAKENED_CONTROLS_ANNOTATION } from '../facts/label-keys';
import { buildEndpointModel, EndpointModel } from '../model/endpoint-model';
import { WeakenedControl } from '../model/weakening';
import { SecureInferenceEndpointProps } from '../options/secure-inference-endpoint-props';
import { SecureAiPlatform } from '../platform/secure-ai-platform';
import { renderAdmissionPolicies } from '../render/admission-policy';
import { renderCertificate } from '../render/certificate';
import { renderModelWorkload } from '../render/model-workload';
import { renderNamespace } from '../render/namespace';
import { renderNetworkPolicies } from '../render/network-policy';
import { renderPersonas, renderServiceAccount } from '../render/rbac';
import { targetRenderer } from '../render/targets/target-renderers';

/**
 * A model server (vLLM, TGI, Triton, any OpenAI-compatible server) exposed safely: only its
 * inference routes, through ingress-nginx, F5 NGINX or Envoy Gateway (an HTTPRoute on a Gateway
 * the platform team owns, with a SecurityPolicy and a BackendTrafficPolicy on the route), with a
 * cert-manager certificate (on Envoy Gateway, the platform listener's: the endpoint writes none and
 * names the Gateway settings it relies on; or, with `GatewayListener.own()`, the endpoint's own
 * ListenerSet, Certificate and ClientTrafficPolicy), HTTPS only and HSTS, authentication (on Envoy
 * Gateway also authorisation by JWT claims and scopes, and claims forwarded to the model server as
 * headers a client cannot forge), rate limits per client address (and, on Envoy Gateway, per caller
 * identity), size and time limits sized for LLM traffic, a WAF, default-deny NetworkPolicies that
 * let only the controller reach the model pods, and change
 * control: only the deployer identity may change the endpoint, enforced by RBAC and by a
 * ValidatingAdmissionPolicy. With `backendTls`, the hop from the edge to the model pods is TLS too:
 * the model server gets a cert-manager Certificate for its Service's DNS names, and the edge
 * verifies it against the platform's CA bundle and the Service's name (a BackendTLSPolicy on Envoy
 * Gateway, the proxy-ssl annotations on ingress-nginx, an egress-mTLS Policy on F5 NGINX). With
 * `tls.clientCertificate`, clients must present a certificate signed by the platform's client CA
 * bundle (mutual TLS, required by default): the auth-tls annotations on ingress-nginx, an
 * ingress-mTLS Policy on F5 NGINX, and on Envoy Gateway the `tls.clientValidation` of the
 * ClientTrafficPolicy of the endpoint's own listener (`GatewayListener.own()`; refused on the
 * platform's listener, which other hosts share). With `ModelServer.triton(..., { grpc: true })` on
 * Envoy Gateway, Triton's gRPC inference RPCs are exposed too, through a GRPCRoute of exact
 * methods under the same policies.
 *
 * Change control guards the endpoint's objects and anything that can reach or impersonate its
 * model, judged by spec (old and new object): pods, ReplicaSets and workloads whose pod
 * template the model Services select; Services, Ingresses, F5 VirtualServers, HTTPRoutes and GRPCRoutes that
 * route to the model pods or Services or serve the endpoint's hosts; Envoy Gateway policies
 * attached to the endpoint's route, ReferenceGrants and BackendTLSPolicies to the model Services; every ExternalName
 * Service and every hand-made Endpoints or EndpointSlice in the namespace (their addresses may be model pod IPs);
 * NetworkPolicies that open the model pods; Certificates for its hosts. Only the deployers,
 * Kubernetes' own controllers (ReplicaSet, Deployment, EndpointSlice, garbage collector,
 * namespace deletion), cert-manager for its HTTP-01 solver objects (`tls.challenge`) and the
 * break-glass group (`changeControl.breakGlassGroup`, reported) pass; a cluster admin does not.
 *
 * During a move between controllers (`EdgeController.migrating({ from, to })`), the endpoint is
 * exposed through both side by side (e.g. its Ingress and its HTTPRoute), every option put to
 * both; object names do not depend on the move, so removing `from` afterwards removes only its
 * objects.
 *
 * Who applies what, file by file: the platform team (a cluster administrator) applies the
 * cluster-scoped objects and the ones that let the deployer in, which the construct writes into
 * the app's platform-owned chart (`SecureAiPlatform.platformOwnedChart`,
 * `secure-ai-platform-owned.k8s.yaml`; listed in `platformObjects`): the Namespace, the
 * change-control ValidatingAdmissionPolicy and its binding, the deployer and auditor Roles and
 * RoleBindings, and the deployer ServiceAccount when the construct creates one; and the
 * controller chart. The deployer applies the construct's own chart (the chart it is added to),
 * which holds only namespaced objects its Role grants: the model Deployment, Service and
 * PodDisruptionBudget, the Certificate, the Ingress, VirtualServer and Policies or HTTPRoute and
 * Envoy Gateway policies, and the
 * NetworkPolicies (the namespace's default deny and DNS policies with its first endpoint). The
 * platform-owned file is applied first: the deployer's objects need the Namespace and the Role.
 *
 * The controller settings the endpoint relies on (HSTS, TLS, JSON access logs, snippets off,
 * the WAF rules) join its controller's one ConfigMap, composed with every other endpoint on the
 * same controller in the app's `SecureAiPlatform` (`controllerHardeningChart`), for the
 * platform team that owns the controller. Endpoints of one namespace share its Namespace and
 * default NetworkPolicies: the first endpoint of the namespace writes them.
 *
 * A namespace the endpoint creates gets one ResourceQuota and one LimitRange, shared by the
 * endpoints of the namespace and composed from all of them in the app's `SecureAiPlatform`
 * (`platformOwnedChart`, applied by the platform team): GPUs for each workload's replicas, the
 * pods its rollout adds and its canary, plus `namespaceQuota.additionalGpus` (required when the
 * backend or the canary is an existing Service, whose pods it cannot count); zero for the other
 * well-known GPU resource names; no LoadBalancer Service; node ports only for cert-manager's
 * HTTP-01 solver Services (one per host); defaults for containers that declare no resources and
 * a cap per container that the model pods and the solver fit. `ServingNamespaceQuota.unlimitedInsecure()`
 * writes neither (reported).
 */
export class SecureInferenceEndpoint extends Construct {
  /** The endpoint's namespace. */
  public readonly namespaceName: string;
  /** The Service requests go to. */
  public readonly serviceName: string;
  /** The hosts the endpoint answers. */
  public readonly hosts: string[];
  /**
   * The Secret cert-manager writes the certificate to.
   * @default - none when the route attaches to a Gateway listener with the platform's certificate (Envoy Gateway)
   */
  public readonly certificateSecretName?: string;
  /**
   * The deployer ServiceAccount the construct created.
   * @default - none when deployers were given
   */
  public readonly deployerServiceAccountName?: string;
  /** The Ingress, VirtualServer or HTTPRoute objects (escape hatches). */
  public readonly routes: ApiObject[];
  /** The NetworkPolicies (escape hatches). */
  public readonly networkPolicies: ApiObject[];
  /**
   * The cert-manager Certificate (escape hatch).
   * @default - none when the route attaches to a Gateway listener with the platform's certificate (Envoy Gateway)
   */
  public readonly certificate?: ApiObject;
  /**
   * The cert-manager Certificates of the model servers (`backendTls`), the primary's then the
   * canary's (escape hatches); empty without backendTls.
   */
  public readonly serverCertificates: ApiObject[];
  /**
   * The model-server Deployment.
   * @default - none when the backend is an existing Service
   */
  public readonly deployment?: ApiObject;
  /** The chart of the controllers' settings, shared by every endpoint of the app (`SecureAiPlatform.controllerChart`). */
  public readonly controllerHardeningChart: Chart;
  /**
   * The chart of what the platform team applies, shared by every endpoint and training namespace
   * of the app (`SecureAiPlatform.platformOwnedChart`).
   */
  public readonly platformOwnedChart: Chart;
  /**
   * What the endpoint wrote into the platform-owned chart, in order: the Namespace (when it
   * creates it, and is the first endpoint of the namespace), the deployer ServiceAccount (when
   * it creates one), the deployer and auditor Roles and RoleBindings, and the change-control
   * ValidatingAdmissionPolicy and its binding.
   */
  public readonly platformObjects: ApiObject[];
  /** Options that weaken a secure default, for the security report. */
  public readonly weakenedControls: WeakenedControl[];

  constructor(scope: Construct, id: string, props: SecureInferenceEndpointProps) {
    super(scope, id);
    const m: EndpointModel = buildEndpointModel(id, props);
    const labels = { 'app.kubernetes.io/managed-by': MANAGED_BY, [ENDPOINT_LABEL]: m.name };

    const platform = SecureAiPlatform.of(this);
    // Endpoints of one namespace share its Namespace and default policies: the first writes them.
    const ownsNamespace = platform._claimNamespace(m.namespace, this.node.path,
      { createsNamespace: m.createNamespace, sharable: true, clusterDns: m.clusterDns });
    // What a cluster administrator applies goes to the platform-owned chart, under this endpoint's path.
    this.platformOwnedChart = platform.platformOwnedChart;
    const owned = platform._platformOwnedScope(this);
    const platformObjects: ApiObject[] = [];
    let namespace: ApiObject | undefined;
    if (m.createNamespace && ownsNamespace) {
      const psa: { [k: string]: string } = {};
      for (const mode of ['enforce', 'audit', 'warn']) {
        psa[`pod-security.kubernetes.io/${mode}`] = 'restricted';
        psa[`pod-security.kubernetes.io/${mode}-version`] = 'v1.30';
      }
      namespace = renderNamespace(owned, 'namespace', m.namespace, { ...psa, 'app.kubernetes.io/managed-by': MANAGED_BY }, {});
      platformObjects.push(namespace);
    }

    // backendTls: each model server's own certificate, for its Service's DNS names, before its Deployment.
    const serverCertificates: ApiObject[] = (m.backendTls?.servers ?? []).map((t) => renderCertificate(this, {
      name: t.secretName,
      namespace: m.namespace,
      secretName: t.secretName,
      dnsNames: t.dnsNames,
      issuerKind: m.backendTls!.issuerKind,
      issuerName: m.backendTls!.issuerName,
      keyAlgorithm: 'ECDSA',
      keySize: 256,
      durationHours: 2160,
      renewBeforeHours: 720,
    }, labels, `server-certificate-${t.serviceName}`));
    this.serverCertificates = serverCertificates;
    if (m.backend.workload) {
      const w = renderModelWorkload(new Construct(this, 'model'), m.backend.serviceName, m.namespace, m.backend.podLabels, m.backend.workload, labels);
      if (serverCertificates[0]) w.deployment.addDependency(serverCertificates[0]);
      this.deployment = w.deployment;
    }
    if (m.canary?.backend.workload) {
      const c = renderModelWorkload(new Construct(this, 'canary-model'), m.canary.backend.serviceName, m.namespace,
        m.canary.backend.podLabels, m.canary.backend.workload, labels);
      if (serverCertificates[1]) c.deployment.addDependency(serverCertificates[1]);
    }

    this.certificate = m.tls.certificate ? renderCertificate(this, {
      name: m.name,
      namespace: m.namespace,
      secretName: m.tls.secretName,
      dnsNames: m.hosts,
      issuerKind: m.tls.issuerKind!,
      issuerName: m.tls.issuerName!,
      keyAlgorithm: m.tls.keyAlgorithm,
      keySize: m.tls.keySize,
      durationHours: m.tls.durationHours,
      renewBeforeHours: m.tls.renewBeforeHours,
    }, labels) : undefined;

    this.controllerHardeningChart = platform.controllerChart;
    // During a move (EdgeController.migrating), the controller the endpoint leaves renders its objects too, under their own names.
    const exposures = [m, ...(m.migratingFrom ? [{ ...m, target: m.migratingFrom.target, controller: m.migratingFrom.controller }] : [])];
    const renderings = exposures.map((e) => targetRenderer(e.controller.kind)(this, this.controllerHardeningChart, e, labels));
    // Each route names what its own controller or Gateway must provide.
    const reliesOn = new Map(renderings.flatMap((r, i) => r.routes.map((route) =>
      [route, [...exposures[i].target.reliesOn(exposures[i].controller, m.reliance), ...m.endpointReliesOn]])));
    for (const rendered of renderings) {
      if (rendered.controllerSettings) {
        platform._addControllerSettings(rendered.controllerSettings.configMap, { endpoint: `${m.namespace}/${m.name}`, data: rendered.controllerSettings.data });
      }
      if (rendered.wafRules) platform._addWafRules(rendered.wafRules.controllerNamespace, rendered.wafRules.part);
    }
    this.routes = renderings.flatMap((r) => r.routes);
    for (const route of this.routes) {
      if (this.certificate) route.addDependency(this.certificate);
      // Weakened controls travel on the objects they weaken, whoever creates the namespace.
      if (m.weakenings.length > 0) route.metadata.addAnnotation(WEAKENED_CONTROLS_ANNOTATION, m.weakenings.map((w) => w.option).join('; '));
      // What the platform's Gateway must provide, for its owners and the reviewers.
      const relied = reliesOn.get(route) ?? [];
      if (relied.length > 0) route.metadata.addAnnotation(RELIES_ON_PLATFORM_ANNOTATION, relied.join('; '));
    }

    this.networkPolicies = renderNetworkPolicies(this, m.namespace, [...(ownsNamespace ? m.namespacePolicies : []), ...m.networkPolicies], labels);

    if (m.deployerServiceAccount) {
      platformObjects.push(renderServiceAccount(owned, 'deployer-sa', m.namespace, m.deployerServiceAccount, labels));
      this.deployerServiceAccountName = m.deployerServiceAccount;
    }
    for (const p of renderPersonas(owned, m.namespace, m.personas, labels)) platformObjects.push(p.role, p.binding);
    const admission = renderAdmissionPolicies(owned, m.admissionPolicies, labels);
    for (const a of admission) {
      a.binding.addDependency(a.policy);
      platformObjects.push(a.policy);
    }
    // Inside the platform-owned chart, the namespace comes first (written by this endpoint or by
    // the first endpoint of the namespace). The deployer's chart is applied after that file: no
    // object of it depends on one of another chart (see SecureAiPlatform).
    platform._orderAfterNamespace(m.namespace, platformObjects, namespace);
    if (m.namespaceQuota) platform._addServingNamespaceQuota(this, m.namespace, m.namespaceQuota);
    this.platformObjects = [...platformObjects, ...admission.map((a) => a.binding)];

    this.namespaceName = m.namespace;
    this.serviceName = m.backend.serviceName;
    this.hosts = [...m.hosts];
    this.certificateSecretName = m.tls.certificate ? m.tls.secretName : undefined;
    this.weakenedControls = m.weakenings.map((w) => ({ ...w }));
  }
}
