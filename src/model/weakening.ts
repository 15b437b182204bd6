/**
 * An option that weakens a secure default, as recorded for reviewers: the constructs expose
 * them (`weakenedControls`) and write them on the objects they weaken, for the security report.
 */
export interface WeakenedControl {
  /** The option that was set, as the user wrote it. */
  readonly option: string;
  /** What it lets through. */
  readonly effect: string;
}
