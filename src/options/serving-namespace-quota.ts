/** What the quota of a serving namespace allows besides the workloads the endpoints create. */
export interface ServingNamespaceQuotaOptions {
  /**
   * GPUs for pods the endpoint does not create, added to the namespace's GPU quota: the pods
   * behind an existing Service (`InferenceBackend.service`, as backend or canary), or other
   * workloads of the namespace. Required (0 if they use none) when the backend or the canary is
   * an existing Service: the endpoint cannot count their GPUs, and a quota that forgets them
   * refuses them.
   * @default 0 (the endpoint's backend and canary are workloads it creates and counts)
   */
  readonly additionalGpus?: number;

  /**
   * The extended resource name of the additional GPUs.
   * @default 'nvidia.com/gpu'
   */
  readonly additionalGpuResourceName?: string;

  /**
   * The most CPU one container of the namespace may request or be limited to (the LimitRange's
   * `max`): raise it when pods the endpoint does not create need more, or lower it. It may not be
   * below the endpoint's model-server containers, or below the limit given to containers that
   * declare none (1 CPU). Endpoints sharing a namespace get the largest cap of theirs.
   * @default - the endpoint's largest model-server container, and at least 4 CPUs
   */
  readonly maxContainerCpu?: string;

  /**
   * The most memory one container of the namespace may request or be limited to (the
   * LimitRange's `max`): raise it when pods the endpoint does not create need more, or lower it.
   * It may not be below the endpoint's model-server containers, or below the limit given to
   * containers that declare none (1Gi). Endpoints sharing a namespace get the largest cap of theirs.
   * @default - the endpoint's largest model-server container, and at least 32Gi
   */
  readonly maxContainerMemory?: string;
}

/**
 * The ResourceQuota and LimitRange of the namespace an endpoint creates. Endpoints that share a
 * namespace share one quota, composed from all of them.
 *
 * @example ServingNamespaceQuota.fromWorkloads({ additionalGpus: 2 })
 */
export class ServingNamespaceQuota {
  /**
   * A quota sized from the namespace's workloads: GPUs for their replicas, the pods a rollout
   * adds and the canary, plus `additionalGpus`; every other well-known GPU resource name at zero;
   * no LoadBalancer Service; NodePort Services only for cert-manager's HTTP-01 solvers. A
   * LimitRange gives containers that declare nothing small defaults and caps every container.
   * The default.
   */
  public static fromWorkloads(options: ServingNamespaceQuotaOptions = {}): ServingNamespaceQuota {
    return new ServingNamespaceQuota(true, options);
  }

  /**
   * No ResourceQuota and no LimitRange: pods in the namespace may request any number of GPUs,
   * and any Service type, and a container that declares nothing runs unbounded. For a namespace
   * whose quota another tool manages. Reported as a weakened control.
   */
  public static unlimitedInsecure(): ServingNamespaceQuota {
    return new ServingNamespaceQuota(false);
  }

  private constructor(
    /** Whether the namespace gets a ResourceQuota and a LimitRange. */
    public readonly limited: boolean,
    /**
     * The options of a quota sized from the workloads.
     * @default - none (unlimited)
     */
    public readonly options?: ServingNamespaceQuotaOptions,
  ) {}
}
