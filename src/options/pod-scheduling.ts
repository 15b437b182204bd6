/** How a toleration matches a taint's value. */
export class TolerationOperator {
  /** The taint's value must equal the toleration's `value`. */
  public static readonly EQUAL = new TolerationOperator('Equal');
  /** Any value of the taint's key matches; the toleration must not have a `value`. */
  public static readonly EXISTS = new TolerationOperator('Exists');

  private constructor(
    /** The operator as Kubernetes writes it. */
    public readonly value: string,
  ) {}
}

/** The taint effect a toleration tolerates. */
export class TolerationEffect {
  /** New pods are not scheduled on the node. */
  public static readonly NO_SCHEDULE = new TolerationEffect('NoSchedule');
  /** The scheduler tries to avoid the node. */
  public static readonly PREFER_NO_SCHEDULE = new TolerationEffect('PreferNoSchedule');
  /** Pods that do not tolerate the taint are evicted from the node. */
  public static readonly NO_EXECUTE = new TolerationEffect('NoExecute');

  private constructor(
    /** The effect as Kubernetes writes it. */
    public readonly value: string,
  ) {}
}

/**
 * A toleration of the model-server pods, e.g. of the `nvidia.com/gpu` taint GPU node pools often
 * carry. A key is required: a toleration without one tolerates every taint, including those that
 * keep workloads off control-plane and system nodes.
 */
export interface PodToleration {
  /** The taint key, a label key (e.g. `nvidia.com/gpu`). */
  readonly key: string;

  /**
   * How the taint's value is matched.
   * @default TolerationOperator.EQUAL
   */
  readonly operator?: TolerationOperator;

  /**
   * The taint value to match (operator EQUAL only), a label value.
   * @default - the empty value
   */
  readonly value?: string;

  /**
   * The taint effect tolerated.
   * @default - every effect of the key
   */
  readonly effect?: TolerationEffect;
}
