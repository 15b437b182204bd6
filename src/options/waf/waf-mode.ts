/**
 * What the WAF does when a rule matches.
 */
export class WafMode {
  /** Deny matching requests (SecRuleEngine On). */
  public static readonly BLOCK = new WafMode('BLOCK', 'On');

  /** Log matching requests and let them through (SecRuleEngine DetectionOnly). */
  public static readonly DETECT = new WafMode('DETECT', 'DetectionOnly');

  private constructor(
    /** Name of the mode. */
    public readonly name: string,
    /** Value of the SecRuleEngine directive. */
    public readonly secRuleEngine: string,
  ) {}
}
