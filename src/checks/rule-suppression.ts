/**
 * A finding accepted for a while, with the reason, as cdk-nag's suppressions: the finding is
 * shown as suppressed until `expires`, then fails again and the report shows the expired
 * suppression.
 */
export interface RuleSuppression {
  /** The rule, e.g. `SAI-RBAC-1`. */
  readonly ruleId: string;
  /**
   * The object, as findings name it: `Kind/namespace/name`, or `Kind/name` for a cluster-scoped one.
   * @default - every object the rule judges
   */
  readonly object?: string;
  /** Why the finding is accepted (shown in the report). */
  readonly reason: string;
  /** The last day the suppression holds, `YYYY-MM-DD` (UTC). */
  readonly expires: string;
}
