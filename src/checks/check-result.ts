import { RuleSeverity } from './rule-severity';
import { RuleSuppression } from './rule-suppression';

/** The outcome of a check on one object. */
export class CheckStatus {
  /** The object meets the rule. */
  public static readonly PASS = new CheckStatus('pass');
  /** The object breaks the rule. */
  public static readonly FAIL = new CheckStatus('fail');
  /** The object was weakened on purpose by a named option; shown to reviewers. */
  public static readonly WEAKENED = new CheckStatus('weakened');
  /**
   * Right or wrong depending on something the manifests do not show (e.g. whether the load
   * balancer in front keeps client addresses): a reviewer confirms it. Does not fail the report.
   */
  public static readonly WARNING = new CheckStatus('warning');
  /**
   * The object breaks the rule (or was weakened, or warned about) and a suppression with a reason
   * accepts it until its expiry date. Does not fail the report; an expired suppression fails.
   */
  public static readonly SUPPRESSED = new CheckStatus('suppressed');

  private constructor(
    /** The status name. */
    public readonly value: string,
  ) {}
}

/** One finding of the security report. */
export interface CheckFinding {
  /** The rule's id, e.g. `SAI-RBAC-1`. */
  readonly ruleId: string;
  /** What the rule demands. */
  readonly rule: string;
  /** `Kind/namespace/name` of the object judged. */
  readonly object: string;
  /** Pass, fail, weakened or warning. */
  readonly status: CheckStatus;
  /** Why. */
  readonly detail: string;
  /** How bad a failure of the rule is. */
  readonly severity: RuleSeverity;
  /** How to fix a failure of the rule. */
  readonly fix: string;
  /**
   * The suppression that covers the finding: active (status `SUPPRESSED`) or expired (status `FAIL`).
   * @default - none
   */
  readonly suppression?: RuleSuppression;
}
