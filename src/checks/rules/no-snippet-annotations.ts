import { ManifestRule } from '../manifest-rule';
import { RuleSeverity } from '../rule-severity';

/** No Ingress carries a `*-snippet` annotation (Critical risk since CVE-2025-1974). @internal */
export const noSnippetAnnotations: ManifestRule = {
  id: 'SAI-EDGE-1',
  description: 'No Ingress carries a *-snippet annotation (Critical risk, CVE-2025-1974)',
  severity: RuleSeverity.ERROR,
  explanation: 'Snippet annotations inject raw nginx configuration; with them an Ingress author can read every Secret of the controller (CVE-2025-1974, Critical).',
  fix: 'Remove the *-snippet annotation; deliver WAF rules through the controller ConfigMap (the default), not a snippet.',
  evaluate(objects) {
    return objects.filter((o) => o.kind === 'Ingress').map((ing) => {
      const snippets = Object.keys(ing.metadata?.annotations ?? {}).filter((k) => k.endsWith('-snippet'));
      return snippets.length > 0
        ? { object: ing, status: 'weakened' as const, detail: `carries ${snippets.join(', ')} (wafSnippetAnnotationCriticalRisk)` }
        : { object: ing, status: 'pass' as const, detail: 'no snippet annotation' };
    });
  },
};
