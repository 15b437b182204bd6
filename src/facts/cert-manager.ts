/**
 * How cert-manager's ACME HTTP-01 solver appears in a namespace (cert-manager v1.x): it creates
 * a pod, a Service and an Ingress in the Certificate's namespace, each labelled
 * `acme.cert-manager.io/http01-solver: "true"`, and the pod answers on port 8089.
 */

/** Label cert-manager puts on every HTTP-01 solver pod, Service and Ingress. */
export const HTTP01_SOLVER_LABEL = 'acme.cert-manager.io/http01-solver';

/** The value of `HTTP01_SOLVER_LABEL` on solver objects. */
export const HTTP01_SOLVER_LABEL_VALUE = 'true';

/** The port cert-manager's HTTP-01 solver pod listens on. */
export const HTTP01_SOLVER_PORT = 8089;

/** cert-manager's ServiceAccount as its Helm chart installs it: `cert-manager` in namespace `cert-manager`. */
export const CERT_MANAGER_SERVICE_ACCOUNT = { name: 'cert-manager', namespace: 'cert-manager' };

/**
 * The resources cert-manager gives its HTTP-01 solver container unless its controller flags
 * (`--acme-http01-solver-resource-{request,limits}-{cpu,memory}`) or the issuer's pod template
 * say otherwise. One solver pod, Service and Ingress exist per challenge (one per DNS name of a
 * certificate being issued), and the Service is a NodePort unless the issuer's `http01.ingress`
 * sets `serviceType: ClusterIP`.
 */
export const HTTP01_SOLVER_RESOURCES = {
  requests: { cpu: '10m', memory: '64Mi' },
  limits: { cpu: '100m', memory: '64Mi' },
};
