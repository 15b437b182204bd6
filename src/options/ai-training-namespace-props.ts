import { AdmissionAction } from './admission-action';
import { DataClassification } from './data-classification';
import { EgressRule } from './egress-rule';
import { Persona } from './persona';
import { PodSecurityLevel } from './pod-security-level';
import { Subject } from './subject';
import { ContainerDefaults, TrainingQuota } from './training-quota';

/** Where the cluster DNS runs. */
export interface ClusterDnsOptions {
  /**
   * Labels of the namespace the DNS pods run in.
   * @default { 'kubernetes.io/metadata.name': 'kube-system' }
   */
  readonly namespaceLabels?: { [key: string]: string };

  /**
   * Labels of the DNS pods.
   * @default { 'k8s-app': 'kube-dns' } (CoreDNS and kube-dns both carry it)
   */
  readonly podLabels?: { [key: string]: string };

  /**
   * The address NodeLocal DNSCache answers on, on every node's host network (no pod selector
   * reaches it). Pods may send DNS (UDP and TCP 53) to it. It may not overlap a cloud metadata
   * endpoint.
   * @default "169.254.20.10/32"
   */
  readonly nodeLocalDnsCidr?: string;
}

/** Lets a monitoring system scrape metrics, on the metrics port only. */
export interface MetricsScrapeOptions {
  /** The namespace the scraper runs in (e.g. `monitoring`). */
  readonly namespace: string;

  /** The port the pods serve metrics on. */
  readonly port: number;

  /**
   * Labels of the scraper pods.
   * @default - every pod of the monitoring namespace
   */
  readonly scraperPodLabels?: { [key: string]: string };

  /**
   * Labels of the pods that may be scraped.
   * @default - every pod of this namespace
   */
  readonly podLabels?: { [key: string]: string };
}

/** Admission rules enforced with a ValidatingAdmissionPolicy in the namespace. */
export interface TrainingAdmissionOptions {
  /**
   * Image registries (host and optional path prefix) that containers may pull from,
   * e.g. `registry.example.com/ml`. Images must be fully qualified.
   */
  readonly allowedRegistries: string[];

  /**
   * Require images pinned by digest (`@sha256:...`), so that what runs is what was reviewed.
   * @default true
   */
  readonly requireImageDigest?: boolean;

  /**
   * What the policies do with a violation.
   * @default AdmissionAction.DENY
   */
  readonly action?: AdmissionAction;
}

/**
 * Options of an `AITrainingNamespace`.
 */
export interface AITrainingNamespaceProps {
  /** The namespace's name (a DNS-1123 label). */
  readonly name: string;

  /** The sensitivity of the data handled here; pods and volumes must carry it as a label. */
  readonly dataClassification: DataClassification;

  /** Who owns the namespace (a label value, e.g. a team or cost centre). */
  readonly owner: string;

  /** What is trained here and why, recorded as an annotation. */
  readonly purpose: string;

  /** Admission rules: allowed registries, digests, enforcement. */
  readonly admission: TrainingAdmissionOptions;

  /**
   * The team that works here (a label value).
   * @default - no team label
   */
  readonly team?: string;

  /**
   * Where the training data comes from (data sets, buckets), recorded as an annotation.
   * @default - none recorded
   */
  readonly dataSources?: string[];

  /**
   * The Pod Security Standard enforced. Audit and warn are always `restricted`, so
   * that a weaker enforce level still reports what it lets through.
   * @default PodSecurityLevel.RESTRICTED
   */
  readonly podSecurity?: PodSecurityLevel;

  /**
   * The Pod Security Standards version the levels are pinned to (`v1.30`, ... or `latest`).
   * @default 'v1.30'
   */
  readonly podSecurityVersion?: string;

  /**
   * Lets pods of the namespace reach each other (distributed training: NCCL, torchrun).
   * @default true
   */
  readonly allowIntraNamespaceTraffic?: boolean;

  /**
   * Declared egress: data stores, object storage, registries. Everything else is denied.
   * @default - DNS only
   */
  readonly egress?: EgressRule[];

  /**
   * Where the cluster DNS runs.
   * @default - kube-system pods labelled `k8s-app: kube-dns`
   */
  readonly clusterDns?: ClusterDnsOptions;

  /**
   * Ingress from a monitoring namespace to the metrics port.
   * @default - no ingress from outside the namespace
   */
  readonly metricsScrape?: MetricsScrapeOptions;

  /**
   * Subjects of the namespace-admin persona.
   * @default - persona not created
   */
  readonly namespaceAdmins?: Subject[];

  /**
   * Subjects of the ML-engineer persona.
   * @default - persona not created
   */
  readonly mlEngineers?: Subject[];

  /**
   * Subjects of the viewer (auditor) persona.
   * @default - persona not created
   */
  readonly viewers?: Subject[];

  /**
   * Create the CI deployer ServiceAccount and its Role.
   * @default true
   */
  readonly ciDeployer?: boolean;

  /**
   * Name of the CI deployer ServiceAccount.
   * @default 'ci-deployer'
   */
  readonly ciDeployerName?: string;

  /**
   * Grant `pods/exec`, `pods/attach` and `pods/portforward` to namespace admins and ML engineers.
   * Shells into training pods reach the data they hold; the security report shows this.
   * @default false
   */
  readonly allowPodExec?: boolean;

  /**
   * Personas that may read Secrets (the viewer persona never may).
   * @default - nobody reads Secrets; admins and the CI deployer may only create them
   */
  readonly secretReaders?: Persona[];

  /**
   * Secrets that pods may reference (volumes, projected volumes, env, envFrom). Anyone who can
   * create a pod can read every Secret it may mount, so by default pods may mount none.
   * @default - pods reference no Secret
   */
  readonly workloadSecrets?: string[];

  /**
   * Name of the ServiceAccount training jobs run as (its token is not mounted).
   * @default 'training-job'
   */
  readonly trainingServiceAccountName?: string;

  /**
   * The ResourceQuota.
   * @default - the defaults of each TrainingQuota field
   */
  readonly quota?: TrainingQuota;

  /**
   * Default container requests and limits (LimitRange).
   * @default - the defaults of each ContainerDefaults field
   */
  readonly containerDefaults?: ContainerDefaults;
}
