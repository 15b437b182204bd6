import { InferencePoolOptions } from './inference-pool-options';
import { PodToleration } from './pod-scheduling';
import { RolloutStrategy } from './rollout-strategy';
import { port as validPort, dnsLabel } from './validate';

/** The container the endpoint runs, when it creates the model server itself. */
export interface ModelWorkloadOptions {
  /**
   * The image, pinned by digest (`registry/repo@sha256:<64 hex>`), unless `allowImageTag` is set.
   */
  readonly image: string;

  /**
   * Allow an image referenced by tag. What runs may then differ from what was reviewed; reported.
   * @default false
   */
  readonly allowImageTag?: boolean;

  /**
   * Arguments passed to the server.
   * @default - the image's defaults
   */
  readonly args?: string[];

  /**
   * Environment variables (never secrets: mount those from a Secret yourself).
   * @default - none besides HOME and HF_HOME, which point at the writable cache
   */
  readonly env?: { [name: string]: string };

  /**
   * The port the server listens on.
   * @default - the model server preset's port (vLLM 8000, TGI 8080, Triton 8000)
   */
  readonly port?: number;

  /**
   * The port metrics are served on, scraped only from the monitoring namespace.
   * @default - the serving port
   */
  readonly metricsPort?: number;

  /**
   * How long the server may take to start (download and load its model) before the kubelet
   * restarts it. Raise it for large models or slow model stores.
   * @default - the preset's: vLLM 1800 (30 minutes), TGI 3600 (it downloads, shards and warms up), Triton, openAiCompatible and custom 1800
   */
  readonly startupTimeoutSeconds?: number;

  /**
   * How pods are replaced when the Deployment changes. Whatever the strategy, each pod leaves the
   * Service first (a 10 s preStop sleep, Kubernetes 1.30 or later) and is given the endpoint's
   * `limits.readTimeoutSeconds` more to finish its streams before it is killed.
   * @default RolloutStrategy.REPLACE_ONE_AT_A_TIME (works when every GPU is in use)
   */
  readonly rollout?: RolloutStrategy;

  /**
   * Replicas.
   * @default 1
   */
  readonly replicas?: number;

  /**
   * GPUs per replica (requests = limits).
   * @default 1
   */
  readonly gpus?: number;

  /**
   * The GPUs' extended resource name.
   * @default 'nvidia.com/gpu'
   */
  readonly gpuResourceName?: string;

  /**
   * CPU request and limit per replica.
   * @default '4'
   */
  readonly cpu?: string;

  /**
   * Memory request and limit per replica.
   * @default '32Gi'
   */
  readonly memory?: string;

  /**
   * Size of the writable cache volume (an emptyDir at /cache; HOME and HF_HOME point there).
   * @default '20Gi'
   */
  readonly cacheSize?: string;

  /**
   * Shared memory for the server (an in-memory emptyDir at /dev/shm; NCCL and PyTorch need it).
   * @default '2Gi'
   */
  readonly sharedMemorySize?: string;

  /**
   * A PersistentVolumeClaim holding the model weights, mounted read-only at /models.
   * @default - none (the server downloads or bakes its model)
   */
  readonly modelVolumeClaim?: string;

  /**
   * Local ephemeral storage per replica (request = limit), covering the cache, /tmp and logs.
   * @default '24Gi'
   */
  readonly ephemeralStorage?: string;

  /**
   * The user and group id the server runs as (never 0; at least 10000 so it cannot collide
   * with a host user).
   * @default 10001
   */
  readonly runAsUser?: number;

  /**
   * Tolerations of the pods, e.g. `{ key: 'nvidia.com/gpu', operator: TolerationOperator.EXISTS,
   * effect: TolerationEffect.NO_SCHEDULE }` for GPU nodes tainted for GPU workloads. A GPU
   * workload needs none when its GPU nodes are not tainted: the GPU request already keeps it off
   * nodes without GPUs.
   * @default - none
   */
  readonly tolerations?: PodToleration[];

  /**
   * Node labels the pods require (`nodeSelector`), e.g. `{ 'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3' }`.
   * @default - none: any node with the requested resources
   */
  readonly nodeSelector?: { [key: string]: string };

  /**
   * The RuntimeClass the pods run with, e.g. `nvidia` where the NVIDIA container runtime is not
   * the node's default.
   * @default - the node's default runtime
   */
  readonly runtimeClassName?: string;

  /**
   * Names of Secrets in the endpoint's namespace holding credentials for the image registry
   * (`imagePullSecrets`).
   * @default - none: the node's or the ServiceAccount's credentials
   */
  readonly imagePullSecrets?: string[];

  /**
   * Allow the server to run Python code shipped with the model (`--trust-remote-code` in args, or
   * `TRUST_REMOTE_CODE` in env), which is otherwise refused: such code runs in the server with its
   * GPUs, cache and network access, from wherever the model was downloaded. Reported.
   * @default false
   */
  readonly allowRemoteCodeInsecure?: boolean;

  /**
   * The revision (commit, branch or tag) of the model to download from its repository, passed as
   * `--revision <rev>` (vLLM and TGI). Pin a commit so that what is served is what was reviewed.
   * Triton, openAiCompatible and custom servers have no such flag: pin their model by its
   * repository or volume instead. Not reported when absent: the library cannot tell a model
   * downloaded by name from one in a volume or the digest-pinned image.
   * @default - none: the repository's default branch (or a `--revision` in args)
   */
  readonly modelRevision?: string;

  /**
   * Route through an InferencePool instead of the model Service: the endpoint writes an
   * InferencePool choosing the model pods, its HTTPRoute names the pool, and the Gateway asks the
   * endpoint picker which pod serves each request. Envoy Gateway (and Calico Ingress Gateway) only;
   * not with a canary, backendTls or a token budget. The picker needs the Kubernetes API (it watches
   * the pods and the pool): its egress to the API server is the platform's to allow (named in the
   * security report).
   * @default - none: the route sends requests to the model Service
   */
  readonly inferencePool?: InferencePoolOptions;
}

/** The kind of backend. */
export class InferenceBackendKind {
  /** A Service that already exists. */
  public static readonly SERVICE = new InferenceBackendKind('service');
  /** A Deployment and Service the construct creates. */
  public static readonly WORKLOAD = new InferenceBackendKind('workload');

  private constructor(
    /** The kind's name. */
    public readonly value: string,
  ) {}
}

/** Where requests go: an existing Service, or a hardened model-server workload the construct creates. */
export class InferenceBackend {
  /**
   * An existing Service in the endpoint's namespace.
   * @param serviceName the Service's name
   * @param port the Service port (the controller routes to it)
   * @param podLabels labels of the Service's pods, so NetworkPolicies can protect them
   * @param targetPort the port the pods listen on, the Service's `targetPort` (NetworkPolicies admit
   * traffic on the pod port, not the Service port). Give it when the Service forwards one port to
   * another (e.g. 80 to 8000).
   * @default - the Service port (a Service whose `targetPort` equals its `port`)
   */
  public static service(serviceName: string, port: number, podLabels: { [key: string]: string }, targetPort?: number): InferenceBackend {
    const servicePort = validPort('backend port', port);
    return new InferenceBackend(InferenceBackendKind.SERVICE, dnsLabel('backend serviceName', serviceName),
      servicePort, { ...podLabels }, undefined, targetPort === undefined ? servicePort : validPort('backend targetPort', targetPort));
  }

  /** A Deployment and a Service the construct creates, hardened to the `restricted` Pod Security level. */
  public static workload(options: ModelWorkloadOptions): InferenceBackend {
    return new InferenceBackend(InferenceBackendKind.WORKLOAD, undefined, options.port, undefined, options);
  }

  private constructor(
    /** Service or workload. */
    public readonly kind: InferenceBackendKind,
    /**
     * The existing Service's name.
     * @default - the construct names the Service it creates
     */
    public readonly serviceName?: string,
    /**
     * The Service port.
     * @default - the preset's port
     */
    public readonly port?: number,
    /**
     * Labels of the existing Service's pods.
     * @default - the labels of the created workload
     */
    public readonly podLabels?: { [key: string]: string },
    /**
     * The workload to create.
     * @default - none (existing Service)
     */
    public readonly workloadOptions?: ModelWorkloadOptions,
    /**
     * The port the existing Service's pods listen on (its `targetPort`).
     * @default - the Service port
     */
    public readonly targetPort?: number,
  ) {}
}
