import { dnsLabel, singleLine } from './validate';

/** The kind of an RBAC subject. */
export class SubjectKind {
  /** A user name as the API server authenticates it. */
  public static readonly USER = new SubjectKind('User');
  /** A group as the API server authenticates it (e.g. from OIDC claims). */
  public static readonly GROUP = new SubjectKind('Group');
  /** A Kubernetes ServiceAccount. */
  public static readonly SERVICE_ACCOUNT = new SubjectKind('ServiceAccount');

  private constructor(
    /** The RBAC `subjects[].kind` value. */
    public readonly value: string,
  ) {}
}

/**
 * Who a persona is bound to: a user, a group or a ServiceAccount.
 *
 * @example Subject.group('ml-platform-admins')
 */
export class Subject {
  /** A user, e.g. `alice@example.com`. */
  public static user(name: string): Subject {
    return new Subject(SubjectKind.USER, singleLine('subject user name', name, 253));
  }

  /** A group, e.g. `ml-engineers` (the name your authenticator puts in the groups claim). */
  public static group(name: string): Subject {
    return new Subject(SubjectKind.GROUP, singleLine('subject group name', name, 253));
  }

  /**
   * A ServiceAccount.
   * @param name the ServiceAccount name
   * @param namespace its namespace; defaults to the namespace the persona lives in
   */
  public static serviceAccount(name: string, namespace?: string): Subject {
    return new Subject(SubjectKind.SERVICE_ACCOUNT,
      dnsLabel('subject serviceAccount name', name),
      namespace === undefined ? undefined : dnsLabel('subject serviceAccount namespace', namespace));
  }

  private constructor(
    /** User, Group or ServiceAccount. */
    public readonly kind: SubjectKind,
    /** The subject's name. */
    public readonly name: string,
    /**
     * The ServiceAccount's namespace.
     * @default - the namespace the persona is bound in
     */
    public readonly namespace?: string,
  ) {}
}
