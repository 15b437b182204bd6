/**
 * Where the edge reads the CA that signs the clients' certificates (mutual TLS): an object in the
 * endpoint's namespace holding the CA certificate (PEM) under the key `ca.crt`, which the platform
 * distributes (e.g. a cert-manager trust-manager `Bundle` targeting that namespace). Only the CA's
 * certificate: never its private key.
 *
 * @example ClientCaBundle.configMap('chat-clients-ca')
 */
export class ClientCaBundle {
  /**
   * A ConfigMap with `ca.crt` (trust-manager writes these). Envoy Gateway reads it; ingress-nginx
   * and F5 NGINX read a client CA only from a Secret.
   */
  public static configMap(name: string): ClientCaBundle {
    return new ClientCaBundle('ConfigMap', name);
  }

  /**
   * A Secret with `ca.crt`. ingress-nginx reads it as `auth-tls-secret` (the controller needs read
   * access to it); F5 NGINX as an ingress-mTLS `clientCertSecret` (a Secret of type `nginx.org/ca`);
   * Envoy Gateway as a `caCertificateRefs` entry.
   */
  public static secret(name: string): ClientCaBundle {
    return new ClientCaBundle('Secret', name);
  }

  private constructor(
    /** `ConfigMap` or `Secret`. */
    public readonly kind: string,
    /** The object's name, in the endpoint's namespace. */
    public readonly name: string,
  ) {}
}
