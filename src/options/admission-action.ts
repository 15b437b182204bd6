/**
 * What a ValidatingAdmissionPolicy binding does with a violation.
 */
export class AdmissionAction {
  /** Reject the request (and record the violation in the audit log). The default. */
  public static readonly DENY = new AdmissionAction(['Deny', 'Audit']);
  /** Admit the request but return a warning to the client (and record it in the audit log). */
  public static readonly WARN = new AdmissionAction(['Warn', 'Audit']);
  /** Admit the request and only record the violation in the audit log. */
  public static readonly AUDIT = new AdmissionAction(['Audit']);

  private constructor(
    /** The binding's `validationActions`. */
    public readonly validationActions: string[],
  ) {}

  /** True when violations are rejected. */
  public get enforces(): boolean {
    return this.validationActions.includes('Deny');
  }
}
