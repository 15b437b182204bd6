/** The SameSite attribute of the gateway's OIDC session cookies. */
export class OidcCookieSameSite {
  /**
   * Sent on same-site requests and on top-level navigations from other sites (the identity
   * provider's redirect back to the callback carries the login's CSRF and nonce cookies).
   */
  public static readonly LAX = new OidcCookieSameSite('Lax');
  /**
   * Sent on same-site requests only. The identity provider's redirect back to the callback is a
   * cross-site navigation: choose it only where the provider shares the site of the endpoint.
   */
  public static readonly STRICT = new OidcCookieSameSite('Strict');

  private constructor(
    /** The attribute's value. */
    public readonly value: string,
  ) {}
}

/**
 * OpenID Connect login handled by the gateway (Envoy Gateway): a browser without a session is
 * sent to the identity provider, and the gateway keeps the session in encrypted, `Secure`,
 * `HttpOnly` cookies. The model server receives neither an `Authorization` nor a `Cookie` header
 * (Envoy hands requests on with the session cookies rewritten to the user's tokens in clear, so
 * the route removes them). OIDC sessions carry no claims the gateway's authorisation rules read:
 * to authorise by claims, use `Authentication.jwt` with `authorization`.
 */
export interface OidcAuthOptions {
  /** The provider's issuer URL (`https://`), e.g. `https://idp.example.com/realms/ai`. */
  readonly issuer: string;

  /** The client ID registered with the provider. */
  readonly clientId: string;

  /** A Secret in the endpoint's namespace holding the client secret (key `client-secret`). */
  readonly clientSecretName: string;

  /**
   * The provider's authorization endpoint (`https://`).
   * @default - read from the issuer's discovery document (`/.well-known/openid-configuration`)
   */
  readonly authorizationEndpoint?: string;

  /**
   * The provider's token endpoint (`https://`).
   * @default - read from the issuer's discovery document (`/.well-known/openid-configuration`)
   */
  readonly tokenEndpoint?: string;

  /**
   * Where the provider sends the browser back after login (`https://`); its path is routed to the gateway.
   * @default - `https://<the request's host>/oauth2/callback`
   */
  readonly redirectUrl?: string;

  /**
   * The path that ends a session (clears the gateway's cookies).
   * @default '/logout'
   */
  readonly logoutPath?: string;

  /**
   * The scopes asked for; `openid` is always asked for.
   * @default ['openid']
   */
  readonly scopes?: string[];

  /**
   * The SameSite attribute of the session cookies.
   * @default OidcCookieSameSite.LAX
   */
  readonly cookieSameSite?: OidcCookieSameSite;

  /**
   * Forward the user's access token to the model server (`Authorization: Bearer`). The model
   * server, and anything that reads its requests or logs, can then act as the user at the
   * provider and at every service that accepts the token. Reported as a weakened control.
   * @default false
   */
  readonly forwardAccessTokenInsecure?: boolean;
}
