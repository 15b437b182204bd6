/**
 * A cap on a numeric request field that drives inference cost (e.g. `max_tokens`).
 */
export interface CostFieldCap {
  /** The top-level JSON field name, e.g. `max_tokens`. */
  readonly field: string;
  /** The largest value allowed (inclusive). */
  readonly max: number;
}
