/**
 * A claim of the verified token the gateway forwards to the model server as a request header
 * (e.g. `sub` as `x-user-id`), for the server's own records or for per-identity limits.
 */
export interface JwtClaimHeader {
  /** The claim (a string, number or boolean; a nested claim is named by its path with dots). */
  readonly claim: string;

  /** The request header the claim is written into (letters, digits and "-"). */
  readonly header: string;
}
