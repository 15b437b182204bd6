/**
 * The namespace's ResourceQuota. Every field has a default; set a field to change it.
 */
export interface TrainingQuota {
  /**
   * Total CPU that pods may request (and, the same value, be limited to).
   * @default '32'
   */
  readonly cpu?: string;

  /**
   * Total memory that pods may request (and be limited to).
   * @default '256Gi'
   */
  readonly memory?: string;

  /**
   * Total GPUs that pods may request. Requires `gpuResourceName`.
   * @default - no GPU quota (GPU requests are then limited only by the nodes)
   */
  readonly gpus?: number;

  /**
   * The extended resource name of the GPUs, e.g. `nvidia.com/gpu` or `amd.com/gpu`.
   * The quota is set on `requests.<gpuResourceName>`.
   * @default - none; required when `gpus` is set
   */
  readonly gpuResourceName?: string;

  /**
   * Maximum number of pods.
   * @default 50
   */
  readonly pods?: number;

  /**
   * Maximum number of PersistentVolumeClaims.
   * @default 20
   */
  readonly persistentVolumeClaims?: number;

  /**
   * Total storage that PersistentVolumeClaims may request.
   * @default '2Ti'
   */
  readonly storage?: string;

  /**
   * Maximum number of Jobs.
   * @default 100
   */
  readonly jobs?: number;

  /**
   * Maximum number of ConfigMaps.
   * @default 100
   */
  readonly configMaps?: number;

  /**
   * Maximum number of Secrets.
   * @default 50
   */
  readonly secrets?: number;

  /**
   * Maximum number of Services. LoadBalancer and NodePort Services are always 0:
   * a training namespace is never exposed outside the cluster.
   * @default 10
   */
  readonly services?: number;
}

/**
 * Default requests and limits the LimitRange gives containers that set none,
 * so that pods are admitted under the quota.
 */
export interface ContainerDefaults {
  /**
   * CPU request of a container that sets none.
   * @default '500m'
   */
  readonly cpuRequest?: string;

  /**
   * CPU limit of a container that sets none.
   * @default '2'
   */
  readonly cpuLimit?: string;

  /**
   * Memory request of a container that sets none.
   * @default '1Gi'
   */
  readonly memoryRequest?: string;

  /**
   * Memory limit of a container that sets none.
   * @default '4Gi'
   */
  readonly memoryLimit?: string;
}
