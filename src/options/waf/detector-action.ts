/**
 * What a detector does when it finds its class of content in a request.
 */
export class DetectorAction {
  /** Deny the request (HTTP 403) and log the match with the value masked. */
  public static readonly BLOCK = new DetectorAction('BLOCK');

  /** Let the request through and log the match with the value masked. */
  public static readonly LOG = new DetectorAction('LOG');

  /** Do not render the detector at all. */
  public static readonly OFF = new DetectorAction('OFF');

  private constructor(
    /** Name of the action. */
    public readonly name: string,
  ) {}
}
