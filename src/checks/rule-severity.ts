/**
 * How bad a rule's failure is, as cdk-nag grades it and as SARIF's `level` carries it.
 */
export class RuleSeverity {
  /** A failure is a hole a caller can use: it fails the check. */
  public static readonly ERROR = new RuleSeverity('error');
  /** A finding a reviewer weighs: a weakened control or a setting the manifests cannot prove. */
  public static readonly WARNING = new RuleSeverity('warning');
  /** Information for reviewers (e.g. which settings reach other tenants). */
  public static readonly NOTE = new RuleSeverity('note');

  private constructor(
    /** The SARIF level name: `error`, `warning` or `note`. */
    public readonly value: string,
  ) {}
}
