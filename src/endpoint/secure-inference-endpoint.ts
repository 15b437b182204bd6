import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ENDPOINT_LABEL, MANAGED_BY, WEAKENED_CONTROLS_ANNOTATION } from '../facts/label-keys';
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
 * inference routes, through ingress-nginx or F5 NGINX, with a cert-manager certificate,
 * HTTPS only and HSTS, authentication, rate, size and time limits sized for LLM traffic, a WAF,
 * default-deny NetworkPolicies that let only the controller reach the model pods, and change
 * control: only the deployer identity may change the endpoint, enforced by RBAC and by a
 * ValidatingAdmissionPolicy.
 *
 * Change control guards the endpoint's objects and anything that can reach or impersonate its
 * model, judged by spec (old and new object): pods, ReplicaSets and workloads whose pod
 * template the model Services select; Services, Ingresses and F5 VirtualServers that route to
 * the model pods or Services or serve the endpoint's hosts; every ExternalName Service and every
 * hand-made Endpoints or EndpointSlice in the namespace (their addresses may be model pod IPs);
 * NetworkPolicies that open the model pods; Certificates for its hosts. Only the deployers,
 * Kubernetes' own controllers (ReplicaSet, Deployment, EndpointSlice, garbage collector,
 * namespace deletion), cert-manager for its HTTP-01 solver objects (`tls.challenge`) and the
 * break-glass group (`changeControl.breakGlassGroup`, reported) pass; a cluster admin does not.
 *
 * Who applies what: the platform team (a cluster administrator) applies the cluster-scoped
 * objects and the ones that let the deployer in: the Namespace, the change-control
 * ValidatingAdmissionPolicy and its binding, the deployer and auditor Roles and RoleBindings,
 * the deployer ServiceAccount when the construct creates one, and the controller chart. The
 * deployer applies every other namespaced object: the model Deployment, Service and
 * PodDisruptionBudget, the Certificate, the Ingress or VirtualServer and Policies, and the
 * NetworkPolicies (the namespace's default deny and DNS policies with its first endpoint).
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
  /** The Secret cert-manager writes the certificate to. */
  public readonly certificateSecretName: string;
  /**
   * The deployer ServiceAccount the construct created.
   * @default - none when deployers were given
   */
  public readonly deployerServiceAccountName?: string;
  /** The Ingress or VirtualServer objects (escape hatches). */
  public readonly routes: ApiObject[];
  /** The NetworkPolicies (escape hatches). */
  public readonly networkPolicies: ApiObject[];
  /** The cert-manager Certificate (escape hatch). */
  public readonly certificate: ApiObject;
  /**
   * The model-server Deployment.
   * @default - none when the backend is an existing Service
   */
  public readonly deployment?: ApiObject;
  /** The chart of the controllers' settings, shared by every endpoint of the app (`SecureAiPlatform.controllerChart`). */
  public readonly controllerHardeningChart: Chart;
  /** Options that weaken a secure default, for the security report. */
  public readonly weakenedControls: WeakenedControl[];

  constructor(scope: Construct, id: string, props: SecureInferenceEndpointProps) {
    super(scope, id);
    const m: EndpointModel = buildEndpointModel(id, props);
    const labels = { 'app.kubernetes.io/managed-by': MANAGED_BY, [ENDPOINT_LABEL]: m.name };
    const children: ApiObject[] = [];

    const platform = SecureAiPlatform.of(this);
    // Endpoints of one namespace share its Namespace and default policies: the first writes them.
    const ownsNamespace = platform._claimNamespace(m.namespace, this.node.path,
      { createsNamespace: m.createNamespace, sharable: true, clusterDns: m.clusterDns });
    let namespace: ApiObject | undefined;
    if (m.createNamespace && ownsNamespace) {
      const psa: { [k: string]: string } = {};
      for (const mode of ['enforce', 'audit', 'warn']) {
        psa[`pod-security.kubernetes.io/${mode}`] = 'restricted';
        psa[`pod-security.kubernetes.io/${mode}-version`] = 'v1.30';
      }
      namespace = renderNamespace(this, 'namespace', m.namespace, { ...psa, 'app.kubernetes.io/managed-by': MANAGED_BY }, {});
    }
    if (m.namespaceQuota) platform._addServingNamespaceQuota(m.namespace, m.namespaceQuota);

    if (m.backend.workload) {
      const w = renderModelWorkload(new Construct(this, 'model'), m.backend.serviceName, m.namespace, m.backend.podLabels, m.backend.workload, labels);
      this.deployment = w.deployment;
      children.push(w.deployment, w.service, w.disruptionBudget);
    }
    if (m.canary?.backend.workload) {
      const c = renderModelWorkload(new Construct(this, 'canary-model'), m.canary.backend.serviceName, m.namespace,
        m.canary.backend.podLabels, m.canary.backend.workload, labels);
      children.push(c.deployment, c.service, c.disruptionBudget);
    }

    this.certificate = renderCertificate(this, {
      name: m.name,
      namespace: m.namespace,
      secretName: m.tls.secretName,
      dnsNames: m.hosts,
      issuerKind: m.tls.issuerKind,
      issuerName: m.tls.issuerName,
      keyAlgorithm: m.tls.keyAlgorithm,
      keySize: m.tls.keySize,
      durationHours: m.tls.durationHours,
      renewBeforeHours: m.tls.renewBeforeHours,
    }, labels);
    children.push(this.certificate);

    this.controllerHardeningChart = platform.controllerChart;
    const rendered = targetRenderer(m.controller.kind)(this, this.controllerHardeningChart, m, labels);
    platform._addControllerSettings(rendered.controllerSettings.configMap, { endpoint: `${m.namespace}/${m.name}`, data: rendered.controllerSettings.data });
    if (rendered.wafRules) platform._addWafRules(rendered.wafRules.controllerNamespace, rendered.wafRules.part);
    this.routes = rendered.routes;
    children.push(...rendered.policies);
    for (const route of this.routes) {
      route.addDependency(this.certificate);
      // Weakened controls travel on the objects they weaken, whoever creates the namespace.
      if (m.weakenings.length > 0) route.metadata.addAnnotation(WEAKENED_CONTROLS_ANNOTATION, m.weakenings.map((w) => w.option).join('; '));
    }
    children.push(...this.routes);

    this.networkPolicies = renderNetworkPolicies(this, m.namespace, [...(ownsNamespace ? m.namespacePolicies : []), ...m.networkPolicies], labels);
    children.push(...this.networkPolicies);

    if (m.deployerServiceAccount) {
      children.push(renderServiceAccount(this, 'deployer-sa', m.namespace, m.deployerServiceAccount, labels));
      this.deployerServiceAccountName = m.deployerServiceAccount;
    }
    for (const p of renderPersonas(this, m.namespace, m.personas, labels)) children.push(p.role, p.binding);
    for (const a of renderAdmissionPolicies(this, m.admissionPolicies, labels)) {
      a.binding.addDependency(a.policy);
      if (namespace) a.policy.addDependency(namespace);
    }
    if (namespace) for (const c of children) c.addDependency(namespace);

    this.namespaceName = m.namespace;
    this.serviceName = m.backend.serviceName;
    this.hosts = [...m.hosts];
    this.certificateSecretName = m.tls.secretName;
    this.weakenedControls = m.weakenings.map((w) => ({ ...w }));
  }
}
