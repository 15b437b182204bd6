/**
 * Fixture trees the suite runs the report-agreement connectivity comparison on, besides the
 * examples: each a directory of manifests (Namespaces, NetworkPolicies, one Pod per endpoint) whose
 * policies use what no example does. Relative to the repository root; run in this order.
 */
export const REPORT_FIXTURES: readonly string[] = [
  // peers selecting namespaces by label and by expression, resolved against the tree's Namespaces
  'test/conformance/fixtures/report-namespace-selectors',
];

/** A fixture's name, as `--only` selects it and the summary shows it: its directory's base name. */
export function reportFixtureName(dir: string): string {
  return dir.split('/').filter(x => x).pop() ?? dir;
}
