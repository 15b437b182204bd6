/**
 * How a model-server Deployment replaces its pods when its template changes. GPU clusters are
 * often full: a strategy that first adds a pod needs a spare GPU, and stalls without one.
 */
export class RolloutStrategy {
  /**
   * Replace one pod at a time: stop one, then start its successor (`maxSurge: 0`,
   * `maxUnavailable: 1`). Needs no spare GPU; one replica fewer serves during the rollout (with a
   * single replica, the endpoint is down while the new pod loads). Matches the PodDisruptionBudget,
   * which also lets one replica go at a time.
   */
  public static readonly REPLACE_ONE_AT_A_TIME = new RolloutStrategy('RollingUpdate', 0, 1);

  /**
   * Start one extra pod before stopping an old one (`maxSurge: 1`, `maxUnavailable: 0`). No capacity is
   * lost, but the cluster needs the GPUs of one more replica free, or the rollout stalls.
   */
  public static readonly SURGE_ONE = new RolloutStrategy('RollingUpdate', 1, 0);

  /** Stop every pod, then start the new ones (`Recreate`): the endpoint is down during the rollout. */
  public static readonly RECREATE = new RolloutStrategy('Recreate');

  private constructor(
    /** The Deployment strategy type. */
    public readonly type: string,
    /**
     * Pods added above the replica count during a rolling update.
     * @default - none (Recreate)
     */
    public readonly maxSurge?: number,
    /**
     * Pods that may be missing during a rolling update.
     * @default - none (Recreate)
     */
    public readonly maxUnavailable?: number,
  ) {}
}
