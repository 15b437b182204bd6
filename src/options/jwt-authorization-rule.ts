/** How a token's claim is compared with the values a rule accepts. */
export class JwtClaimValueType {
  /** The claim is a string that must equal one of the values (e.g. `tenant: "acme"`). */
  public static readonly STRING = new JwtClaimValueType('String');
  /** The claim is a list of strings that must contain one of the values (e.g. `groups: ["ml-team"]`). */
  public static readonly STRING_ARRAY = new JwtClaimValueType('StringArray');

  private constructor(
    /** The type's name, as Envoy Gateway spells it. */
    public readonly value: string,
  ) {}
}

/**
 * A claim a token must carry. A token without the claim, or with a claim of the other type,
 * does not match.
 */
export class JwtClaimRequirement {
  /**
   * A list claim (such as `groups` or `roles`) that contains one of `values`.
   * @param claim the claim's name; a nested claim is named by its path with dots (`realm_access.roles`)
   * @param values the accepted values (one must be in the list)
   */
  public static listContains(claim: string, values: string[]): JwtClaimRequirement {
    return new JwtClaimRequirement(claim, values, JwtClaimValueType.STRING_ARRAY);
  }

  /**
   * A string claim (such as `tenant` or `azp`) equal to one of `values`.
   * @param claim the claim's name; a nested claim is named by its path with dots (`org.department`)
   * @param values the accepted values (the claim must equal one)
   */
  public static stringEquals(claim: string, values: string[]): JwtClaimRequirement {
    return new JwtClaimRequirement(claim, values, JwtClaimValueType.STRING);
  }

  private constructor(
    /** The claim's name (a dotted path for a nested claim). */
    public readonly claim: string,
    /** The accepted values. */
    public readonly values: string[],
    /** How the claim is compared. */
    public readonly valueType: JwtClaimValueType,
  ) {}
}

/**
 * Who may call the model, by the claims of their token: the request matches when the token
 * carries every claim requirement and every scope of the rule.
 */
export interface JwtAuthorizationRule {
  /**
   * The rule's name, shown in the gateway's configuration and logs (lower-case letters, digits and "-").
   * @default 'allow-<n>' (n counts the rules from 1)
   */
  readonly name?: string;

  /**
   * Claims the token must carry, all of them.
   * @default - none (then `scopes` is required)
   */
  readonly claims?: JwtClaimRequirement[];

  /**
   * OAuth scopes the token must hold, all of them (in its space-separated `scope` or `scp` claim).
   * @default - none (then `claims` is required)
   */
  readonly scopes?: string[];
}
