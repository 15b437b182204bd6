/**
 * An option that weakens a secure default, recorded for the security report.
 * @internal
 */
export interface WeakeningModel {
  /** The option, as the user wrote it. */
  readonly option: string;
  /** What it lets through. */
  readonly effect: string;
}

/** The annotation that carries the weakenings on the namespace, for reviewers and scanners. @internal */
export const WEAKENED_CONTROLS_ANNOTATION = 'secure-ai.cdk8s.io/weakened-controls';
