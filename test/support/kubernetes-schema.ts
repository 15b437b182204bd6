/**
 * Validates synthesised objects against the Kubernetes OpenAPI schemas, using the
 * JSON-schema validators generated from them by the `kubernetes-models` package.
 * (Strict unknown-field checks are the conformance suite's job: kubectl-validate and
 * the API server's strict field validation.)
 */
const NOT_API_OBJECTS = new Set(['audit.k8s.io/v1/Policy']);
/**
 * CRD-backed groups: their schemas are the CRDs produced by controller-gen, which the
 * conformance suite feeds to kubectl-validate and the API server; they are not in this package.
 */
const CRD_GROUPS = new Set(['cert-manager.io', 'k8s.nginx.org', 'gateway.networking.k8s.io', 'gateway.envoyproxy.io', 'aigateway.envoyproxy.io', 'inference.networking.k8s.io']);

export function validateAgainstKubernetesSchema(objects: any[]): void {
  const errors: string[] = [];
  for (const o of objects) {
    const key = `${o.apiVersion}/${o.kind}`;
    if (NOT_API_OBJECTS.has(key)) continue;
    const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
    if (CRD_GROUPS.has(group)) continue;
    const modulePath = group ? `kubernetes-models/${group}/${version}/${o.kind}` : `kubernetes-models/${version}/${o.kind}`;
    let model: any;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- one module per kind, chosen at run time
      model = require(modulePath)[o.kind];
    } catch {
      errors.push(`${key} ${o.metadata?.name}: no schema for this kind`);
      continue;
    }
    try {
      new model(o).validate();
    } catch (e: any) {
      errors.push(`${key} ${o.metadata?.name}: ${e.message}`);
    }
  }
  if (errors.length > 0) {
    throw new Error(`schema validation failed:\n${errors.join('\n')}`);
  }
}
