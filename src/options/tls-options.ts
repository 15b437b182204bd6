import { ClientCaBundle } from './client-ca-bundle';
import { Subject } from './subject';

/** The cert-manager issuer that signs the endpoint's certificate. */
export class CertificateIssuer {
  /** A cluster-wide `ClusterIssuer`. */
  public static clusterIssuer(name: string): CertificateIssuer {
    return new CertificateIssuer('ClusterIssuer', name);
  }

  /** An `Issuer` in the endpoint's namespace. */
  public static issuer(name: string): CertificateIssuer {
    return new CertificateIssuer('Issuer', name);
  }

  private constructor(
    /** Issuer or ClusterIssuer. */
    public readonly kind: string,
    /** The issuer's name. */
    public readonly name: string,
  ) {}
}

/** The certificate's private key. */
export class PrivateKeyAlgorithm {
  /** ECDSA on P-256: small, fast, widely supported. The default. */
  public static readonly ECDSA_P256 = new PrivateKeyAlgorithm('ECDSA', 256);
  /** ECDSA on P-384. */
  public static readonly ECDSA_P384 = new PrivateKeyAlgorithm('ECDSA', 384);
  /** RSA 3072, for clients without ECDSA. */
  public static readonly RSA_3072 = new PrivateKeyAlgorithm('RSA', 3072);
  /** Ed25519 (not every client accepts it). */
  public static readonly ED25519 = new PrivateKeyAlgorithm('Ed25519', 0);

  private constructor(
    /** cert-manager's `privateKey.algorithm`. */
    public readonly algorithm: string,
    /** cert-manager's `privateKey.size` (0: not applicable). */
    public readonly size: number,
  ) {}
}

/** The lowest TLS version clients may use. */
export class TlsVersion {
  /** TLS 1.2 and 1.3. The default. */
  public static readonly TLS_1_2 = new TlsVersion('TLSv1.2', ['TLSv1.2', 'TLSv1.3']);
  /** TLS 1.3 only. */
  public static readonly TLS_1_3 = new TlsVersion('TLSv1.3', ['TLSv1.3']);

  private constructor(
    /** The minimum version's name. */
    public readonly name: string,
    /** The protocols nginx's `ssl_protocols` lists. */
    public readonly protocols: string[],
  ) {}
}

/** Whether a client certificate is demanded. */
export class ClientCertificateVerification {
  /** Every client must present a certificate signed by the CA. */
  public static readonly REQUIRED = new ClientCertificateVerification('on');
  /** Clients may present one; the server verifies it when present. Not authentication. */
  public static readonly OPTIONAL = new ClientCertificateVerification('optional');

  private constructor(
    /** nginx's `ssl_verify_client` value. */
    public readonly value: string,
  ) {}
}

/**
 * Client certificate (mutual TLS) verification.
 *
 * The edge ends the TLS handshake of a client that presents no certificate signed by the CA (with
 * `REQUIRED`, the default). Give the CA once, as `caBundle` (or, as before, `caSecretName`).
 *
 * On Envoy Gateway the client certificate is checked by the listener, so the endpoint must own it
 * (`GatewayListener.own()`): a platform listener is shared by other hosts and its settings are the
 * platform's. Envoy Gateway has no chain-depth limit: `verifyDepth` is refused there.
 */
export interface ClientCertificateOptions {
  /**
   * The CA the edge trusts for client certificates (`ca.crt` in the endpoint's namespace).
   * @default - the Secret `caSecretName`
   */
  readonly caBundle?: ClientCaBundle;

  /**
   * A Secret in the endpoint's namespace holding the CA certificate under `ca.crt`; the same as
   * `caBundle: ClientCaBundle.secret(name)`. Give `caBundle` or `caSecretName`, not both.
   * @default - `caBundle`
   */
  readonly caSecretName?: string;

  /**
   * Whether a certificate is demanded.
   * @default ClientCertificateVerification.REQUIRED
   */
  readonly verification?: ClientCertificateVerification;

  /**
   * How deep the client's chain may be. ingress-nginx and F5 NGINX limit it; Envoy Gateway has no
   * such limit and refuses it.
   * @default 1 on ingress-nginx and F5 NGINX; no limit on Envoy Gateway (reported)
   */
  readonly verifyDepth?: number;
}

/** Options of the ACME HTTP-01 challenge. */
export interface Http01ChallengeOptions {
  /**
   * cert-manager's identity: the only subject, besides the deployers, that may create the
   * solver pod, Service and Ingress (objects labelled `acme.cert-manager.io/http01-solver: "true"`
   * that do not route to the model) in the endpoint's namespace. A ServiceAccount with its
   * namespace, or a user.
   * @default Subject.serviceAccount('cert-manager', 'cert-manager')
   */
  readonly certManager?: Subject;
}

/**
 * How the issuer proves that the endpoint's hosts are ours, and so what change control and the
 * NetworkPolicies must let cert-manager do in the endpoint's namespace.
 *
 * @example CertificateChallenge.dns01()
 */
export class CertificateChallenge {
  /**
   * ACME HTTP-01 (e.g. a Let's Encrypt issuer with an `http01.ingress` solver). cert-manager's
   * identity may create its solver pod, Service and Ingress, and only those (recognised by
   * cert-manager's `acme.cert-manager.io/http01-solver` label, never routing to the model), and
   * the controller pods may reach solver pods on TCP 8089. The default.
   */
  public static http01(options: Http01ChallengeOptions = {}): CertificateChallenge {
    return new CertificateChallenge('HTTP-01', options);
  }

  /**
   * ACME DNS-01: the issuer writes a TXT record; nothing is created in the endpoint's namespace,
   * so change control has no exception and no NetworkPolicy is opened. The strictest choice for
   * an ACME issuer; the issuer needs credentials for your DNS zone.
   */
  public static dns01(): CertificateChallenge {
    return new CertificateChallenge('DNS-01');
  }

  /**
   * The issuer is not ACME (a CA, Vault, Venafi or self-signed issuer): no challenge, nothing
   * opened.
   */
  public static none(): CertificateChallenge {
    return new CertificateChallenge('none');
  }

  private constructor(
    /** `HTTP-01`, `DNS-01` or `none`. */
    public readonly kind: string,
    /**
     * HTTP-01 options.
     * @default - none unless HTTP-01
     */
    public readonly http01Options?: Http01ChallengeOptions,
  ) {}
}

/**
 * TLS for the endpoint: a cert-manager certificate, HTTPS only, HSTS. On targets whose route
 * attaches to a platform-owned listener (Envoy Gateway), the listener's certificate is the
 * platform's: the endpoint writes no Certificate, and the certificate settings are refused.
 */
export interface TlsOptions {
  /**
   * The issuer that signs the certificate. Required on ingress-nginx and F5 NGINX, whose
   * endpoint writes its own Certificate; refused on Envoy Gateway.
   * @default - none (the route attaches to a listener with the platform's certificate)
   */
  readonly issuer?: CertificateIssuer;

  /**
   * How the issuer proves the hosts are ours. HTTP-01 needs cert-manager's solver objects in the
   * namespace and a path from the controller to the solver pod; DNS-01 and non-ACME issuers
   * need nothing there.
   * @default CertificateChallenge.http01() (cert-manager's ServiceAccount `cert-manager/cert-manager`)
   */
  readonly challenge?: CertificateChallenge;

  /**
   * The private key.
   * @default PrivateKeyAlgorithm.ECDSA_P256
   */
  readonly privateKey?: PrivateKeyAlgorithm;

  /**
   * Certificate lifetime in hours.
   * @default 2160 (90 days)
   */
  readonly durationHours?: number;

  /**
   * Renew this many hours before expiry.
   * @default 720 (30 days)
   */
  readonly renewBeforeHours?: number;

  /**
   * The lowest TLS version accepted.
   * @default TlsVersion.TLS_1_2
   */
  readonly minimumVersion?: TlsVersion;

  /**
   * HSTS max-age in seconds (0 turns HSTS off; reported).
   * @default 31536000 (one year)
   */
  readonly hstsMaxAgeSeconds?: number;

  /**
   * Client certificate verification (mutual TLS): required by default. On Envoy Gateway, only on a
   * listener of the endpoint's own (`GatewayListener.own()`).
   * @default - none (no client certificate asked)
   */
  readonly clientCertificate?: ClientCertificateOptions;
}
