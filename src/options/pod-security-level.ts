import { ValidationError } from './validation-error';

/**
 * A Pod Security Standard level enforced on a namespace by Pod Security Admission.
 *
 * `restricted` is the default. `baseline` is allowed. `privileged` disables Pod Security
 * entirely and can only be chosen through `PodSecurityLevel.privilegedInsecure(reason)`,
 * whose reason is recorded on the namespace and in the security report.
 */
export class PodSecurityLevel {
  /** The hardened profile: non-root, no privilege escalation, seccomp, dropped capabilities. */
  public static readonly RESTRICTED = new PodSecurityLevel('restricted');
  /** Prevents known privilege escalations; allows the default container configuration. */
  public static readonly BASELINE = new PodSecurityLevel('baseline');

  /**
   * No restriction at all: privileged containers, host namespaces and hostPath are allowed.
   * This removes the namespace's main guardrail; the reason is shown in the security report.
   * @param reason why this namespace needs privileged pods (e.g. a GPU driver daemon)
   */
  public static privilegedInsecure(reason: string): PodSecurityLevel {
    if (typeof reason !== 'string' || reason.trim().length < 10) {
      throw new ValidationError('podSecurity (privilegedInsecure reason)', reason,
        'Give a reason of at least 10 characters saying why this namespace needs privileged pods; it is recorded for reviewers.');
    }
    return new PodSecurityLevel('privileged', reason.trim());
  }

  /**
   * Parses a level name (`restricted` or `baseline`), for configuration read from files.
   * `privileged` is refused here: use `privilegedInsecure(reason)`.
   */
  public static of(level: string): PodSecurityLevel {
    switch (level) {
      case 'restricted': return PodSecurityLevel.RESTRICTED;
      case 'baseline': return PodSecurityLevel.BASELINE;
      case 'privileged':
        throw new ValidationError('podSecurity', level,
          'The privileged level disables Pod Security; use PodSecurityLevel.privilegedInsecure(reason) to choose it explicitly.');
      default:
        throw new ValidationError('podSecurity', level, 'Use "restricted" (default) or "baseline".');
    }
  }

  private constructor(
    /** The value of the `pod-security.kubernetes.io/enforce` label. */
    public readonly level: string,
    /**
     * Why the insecure level was chosen.
     * @default - none (only set for `privilegedInsecure`)
     */
    public readonly insecureReason?: string,
  ) {}
}
