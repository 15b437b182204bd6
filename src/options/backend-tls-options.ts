import { CertificateIssuer } from './tls-options';

/**
 * Where the edge reads the CA that signs the model server's certificate: an object in the
 * endpoint's namespace holding the CA certificate (PEM) under the key `ca.crt`, which the platform
 * distributes (e.g. a cert-manager trust-manager `Bundle` targeting that namespace, or the CA's
 * own Secret). Never the model server's own Secret, which holds its private key.
 *
 * @example BackendCaBundle.configMap('models-ca')
 */
export class BackendCaBundle {
  /**
   * A ConfigMap with `ca.crt` (trust-manager writes these). Envoy Gateway reads it; ingress-nginx
   * and F5 NGINX read a CA only from a Secret.
   */
  public static configMap(name: string): BackendCaBundle {
    return new BackendCaBundle('ConfigMap', name);
  }

  /**
   * A Secret with `ca.crt`. ingress-nginx reads it as `proxy-ssl-secret` (the controller needs
   * read access to it); F5 NGINX as an egress-mTLS `trustedCertSecret` (a Secret of type
   * `nginx.org/ca`); Envoy Gateway as a `caCertificateRefs` entry.
   */
  public static secret(name: string): BackendCaBundle {
    return new BackendCaBundle('Secret', name);
  }

  private constructor(
    /** `ConfigMap` or `Secret`. */
    public readonly kind: string,
    /** The object's name, in the endpoint's namespace. */
    public readonly name: string,
  ) {}
}

/**
 * TLS on the hop from the edge (controller or gateway) to the model pods: the model server gets a
 * cert-manager Certificate for its Service's DNS names and serves HTTPS with it, its probes use
 * HTTPS, and the edge verifies the server's certificate against `caBundle` and its name (the
 * Service's DNS name), so a pod that is not the model server cannot answer in its place.
 *
 * Only model servers that can serve TLS themselves take it: vLLM (`--ssl-keyfile`,
 * `--ssl-certfile`). TGI's launcher and Triton's HTTP endpoint have no TLS option; the library
 * does not know how a custom or other OpenAI-compatible server is told its key.
 */
export interface BackendTlsOptions {
  /**
   * The issuer that signs the model server's certificate: an in-cluster CA (a cert-manager CA
   * issuer, Vault, a private CA), not ACME (the Service names are not public).
   */
  readonly issuer: CertificateIssuer;

  /** The CA the edge trusts for the model server's certificate (`ca.crt`). */
  readonly caBundle: BackendCaBundle;
}
