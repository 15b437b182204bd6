import { JwtAuthorizationRule } from './jwt-authorization-rule';
import { JwtClaimHeader } from './jwt-claim-header';
import { OidcAuthOptions } from './oidc-auth-options';
import { ValidationError } from './validation-error';

/** External authentication through an auth service such as oauth2-proxy (OIDC). */
export interface ExternalAuthOptions {
  /** The URL the proxy calls for each request; 2xx allows, 401/403 denies (e.g. `http://oauth2-proxy.auth.svc.cluster.local/oauth2/auth`). */
  readonly url: string;

  /**
   * Where browsers are sent to sign in.
   * @default - none (API clients get the auth service's 401)
   */
  readonly signinUrl?: string;

  /**
   * Response headers of the auth service passed to the model server (e.g. `X-Auth-Request-User`).
   * @default - none
   */
  readonly responseHeaders?: string[];
}

/** JWT bearer-token validation. */
export interface JwtAuthOptions {
  /**
   * The JWKS URI keys are fetched from.
   * @default - none; then `jwksSecretName` is required
   */
  readonly jwksUri?: string;

  /**
   * A Secret holding the JWKS (key `jwk`).
   * @default - none; then `jwksUri` is required
   */
  readonly jwksSecretName?: string;

  /**
   * The realm in the WWW-Authenticate header.
   * @default 'inference'
   */
  readonly realm?: string;

  /**
   * The issuer a token must name (`iss`); tokens of other issuers are refused.
   * @default - any issuer whose key is in the JWKS
   */
  readonly issuer?: string;

  /**
   * The audiences a token must name one of (`aud`); tokens for other services are refused.
   * @default - any audience
   */
  readonly audiences?: string[];

  /**
   * Accept tokens of any issuer, or for any audience, signed by a key of the JWKS. On Envoy
   * Gateway `issuer` and `audiences` are required (a JWKS shared by several issuers or services
   * would otherwise let their tokens in); this turns that requirement off. Reported as a
   * weakened control.
   * @default false
   */
  readonly anyIssuerOrAudienceInsecure?: boolean;

  /**
   * Who may call the model, by the claims and scopes of their token (Envoy Gateway). A request
   * is allowed when one rule matches; any other valid token gets 403. With `sourceRanges.allow`
   * a request must also come from an allowed range.
   * @default - every valid token may call the model
   */
  readonly authorization?: JwtAuthorizationRule[];

  /**
   * Claims of the verified token forwarded to the model server as request headers (Envoy
   * Gateway), e.g. `{ claim: 'sub', header: 'x-user-id' }`. A client cannot set these headers
   * itself: every token must carry each forwarded claim (a token without one is refused with
   * 403), and the gateway writes the token's value over any the client sent.
   * @default - none
   */
  readonly claimToHeaders?: JwtClaimHeader[];
}

/** API-key authentication. */
export interface ApiKeyAuthOptions {
  /** A Secret holding the accepted keys (one data entry per client). */
  readonly secretName: string;

  /**
   * The request header carrying the key.
   * @default 'X-API-Key'
   */
  readonly header?: string;
}

/** The kind of authentication. */
export class AuthenticationKind {
  /** External auth service. */
  public static readonly EXTERNAL = new AuthenticationKind('external');
  /** JWT. */
  public static readonly JWT = new AuthenticationKind('jwt');
  /** API key. */
  public static readonly API_KEY = new AuthenticationKind('api-key');
  /** OpenID Connect login handled by the gateway. */
  public static readonly OIDC = new AuthenticationKind('oidc');
  /** Client certificates. */
  public static readonly CLIENT_CERTIFICATE = new AuthenticationKind('client-certificate');
  /** None. */
  public static readonly NONE = new AuthenticationKind('none');

  private constructor(
    /** The kind's name. */
    public readonly value: string,
  ) {}
}

/** How callers prove who they are. An endpoint without authentication needs `Authentication.noneInsecure(reason)`. */
export class Authentication {
  /** OIDC (or any scheme) through an external auth service such as oauth2-proxy. */
  public static external(options: ExternalAuthOptions): Authentication {
    return new Authentication(AuthenticationKind.EXTERNAL, options);
  }

  /** JWT bearer tokens validated by the controller. */
  public static jwt(options: JwtAuthOptions): Authentication {
    return new Authentication(AuthenticationKind.JWT, undefined, options);
  }

  /** API keys validated by the controller. */
  public static apiKey(options: ApiKeyAuthOptions): Authentication {
    return new Authentication(AuthenticationKind.API_KEY, undefined, undefined, options);
  }

  /**
   * OpenID Connect login handled by the gateway (Envoy Gateway): browsers without a session are
   * redirected to the provider; the session lives in the gateway's encrypted cookies, and the
   * user's tokens stay at the gateway unless `forwardAccessTokenInsecure` is set.
   */
  public static oidc(options: OidcAuthOptions): Authentication {
    return new Authentication(AuthenticationKind.OIDC, undefined, undefined, undefined, undefined, options);
  }

  /** Client certificates (mutual TLS); requires `tls.clientCertificate` with `REQUIRED` verification. */
  public static clientCertificate(): Authentication {
    return new Authentication(AuthenticationKind.CLIENT_CERTIFICATE);
  }

  /**
   * No authentication: anyone who reaches the host can spend your GPUs. The reason is
   * shown in the security report.
   */
  public static noneInsecure(reason: string): Authentication {
    if (typeof reason !== 'string' || reason.trim().length < 10) {
      throw new ValidationError('authentication (noneInsecure reason)', reason,
        'Give a reason of at least 10 characters saying why this endpoint needs no authentication; it is recorded for reviewers.');
    }
    return new Authentication(AuthenticationKind.NONE, undefined, undefined, undefined, reason.trim());
  }

  private constructor(
    /** Which scheme. */
    public readonly kind: AuthenticationKind,
    /**
     * External auth settings.
     * @default - none
     */
    public readonly externalOptions?: ExternalAuthOptions,
    /**
     * JWT settings.
     * @default - none
     */
    public readonly jwtOptions?: JwtAuthOptions,
    /**
     * API-key settings.
     * @default - none
     */
    public readonly apiKeyOptions?: ApiKeyAuthOptions,
    /**
     * Why there is no authentication.
     * @default - none
     */
    public readonly insecureReason?: string,
    /**
     * OIDC settings.
     * @default - none
     */
    public readonly oidcOptions?: OidcAuthOptions,
  ) {}
}
