import { ClusterDnsOptions, MetricsScrapeOptions } from './ai-training-namespace-props';
import { Authentication } from './authentication';
import { BackendTlsOptions } from './backend-tls-options';
import { EdgeController } from './edge-controller';
import { EgressRule } from './egress-rule';
import { InferenceBackend } from './inference-backend';
import { ModelServer } from './model-server';
import { ServingNamespaceQuota } from './serving-namespace-quota';
import { Subject } from './subject';
import { TlsOptions } from './tls-options';
import { CanaryOptions, SourceRanges, TrafficLimits } from './traffic-limits';
import { LlmWafProfile } from './waf/llm-waf-profile';

/**
 * Who may change the endpoint.
 *
 * The deployers are subjects you bind, as they authenticate to the API server: a CI
 * ServiceAccount from another namespace (`Subject.serviceAccount('ci', 'build')`), Argo CD's
 * application controller (`Subject.serviceAccount('argocd-application-controller', 'argocd')`),
 * Flux's kustomize-controller, an OIDC group or user. Nobody mints a token for them: they are
 * identities that already exist.
 */
export interface ChangeControlOptions {
  /**
   * The only subjects allowed to change the endpoint: its workload, Services, PodDisruptionBudget,
   * Ingress or VirtualServer and controller Policies, NetworkPolicies and Certificate, and
   * anything else that routes to, selects or impersonates the model pods.
   * @default - a ServiceAccount `<name>-deployer` created in the namespace (bind a workload
   * identity or issue a token for it yourself; prefer naming an existing identity here)
   */
  readonly deployers?: Subject[];

  /**
   * A group whose members may change the endpoint outside change control (break-glass), e.g.
   * an on-call group given cluster-admin. Every other identity, cluster admins included, is
   * refused. Reported as a weakened control.
   * @default - none: only the deployers and Kubernetes' own controllers
   */
  readonly breakGlassGroup?: string;

  /**
   * Subjects with read-only access to the endpoint's objects (never Secrets).
   * @default - none
   */
  readonly auditors?: Subject[];
}

/** The WAF in front of the model server. */
export interface EndpointWafOptions {
  /**
   * Inspect requests with the WAF. Off is reported.
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * The WAF profile (ingress-nginx: ModSecurity). Its mode decides block or detect-only
   * (`WafMode.DETECT` is reported). F5 NGINX uses App Protect instead (`appProtectPolicy`).
   * @default new LlmWafProfile() (blocking, with the endpoint's routes, methods and hosts)
   */
  readonly profile?: LlmWafProfile;
}

/** Options of a `SecureInferenceEndpoint`. */
export interface SecureInferenceEndpointProps {
  /** The namespace the endpoint lives in (created unless `createNamespace` is false). */
  readonly namespace: string;

  /** The host names clients call (e.g. `llm.example.com`). */
  readonly hosts: string[];

  /** The model server; its preset decides which routes are exposed. */
  readonly modelServer: ModelServer;

  /** Where requests go. */
  readonly backend: InferenceBackend;

  /** The controller that exposes the endpoint. */
  readonly controller: EdgeController;

  /**
   * TLS: certificate issuer, key, versions, HSTS, client certificates (`clientCertificate`; on
   * Envoy Gateway with `GatewayListener.own()` only).
   */
  readonly tls: TlsOptions;

  /** How callers authenticate. */
  readonly authentication: Authentication;

  /**
   * TLS from the edge to the model pods: the model server serves HTTPS with a cert-manager
   * certificate for its Service's DNS names, and the edge verifies it against the CA bundle
   * (Envoy Gateway: a BackendTLSPolicy; ingress-nginx: the proxy-ssl annotations; F5 NGINX: an
   * egress-mTLS Policy). Needs a workload backend whose server can serve TLS (vLLM). Off by
   * default because it needs an in-cluster issuer and a CA bundle the platform distributes.
   * @default - none: the edge reaches the model pods over plain HTTP inside the cluster, and the
   * NetworkPolicies admit only the edge's pods
   */
  readonly backendTls?: BackendTlsOptions;

  /**
   * Create the namespace, with `restricted` Pod Security.
   * @default true
   */
  readonly createNamespace?: boolean;

  /**
   * The namespace's ResourceQuota and LimitRange, written when the endpoint creates the namespace
   * (`createNamespace`) and shared by the endpoints of the namespace, composed from all of them:
   * GPUs for each workload's replicas, the pods its rollout adds and its canary; node ports only
   * for cert-manager's HTTP-01 solver Services; no LoadBalancer Service; defaults and a cap for
   * every container. A namespace the endpoint does not create keeps its owner's quota, and
   * setting this option then fails.
   * @default ServingNamespaceQuota.fromWorkloads() (give `additionalGpus` when the backend or the canary is an existing Service)
   */
  readonly namespaceQuota?: ServingNamespaceQuota;

  /**
   * Client address ranges allowed and denied.
   * @default - every address allowed
   */
  readonly sourceRanges?: SourceRanges;

  /**
   * Rate, size and time limits.
   * @default - the defaults of each TrafficLimits field
   */
  readonly limits?: TrafficLimits;

  /**
   * A second model version receiving part of the traffic.
   * @default - none
   */
  readonly canary?: CanaryOptions;

  /**
   * The WAF.
   * @default - on, blocking, with the LLM profile
   */
  readonly waf?: EndpointWafOptions;

  /**
   * Egress the model pods need besides DNS (a model store, an object store).
   * @default - DNS only
   */
  readonly egress?: EgressRule[];

  /**
   * Where the cluster DNS runs.
   * @default - kube-system pods labelled `k8s-app: kube-dns`
   */
  readonly clusterDns?: ClusterDnsOptions;

  /**
   * Metrics scraping from a monitoring namespace (metrics are never routed through the controller).
   * @default - none
   */
  readonly metricsScrape?: MetricsScrapeOptions;

  /**
   * Who may change the endpoint.
   * @default - a deployer ServiceAccount created in the namespace, no auditors
   */
  readonly changeControl?: ChangeControlOptions;
}
