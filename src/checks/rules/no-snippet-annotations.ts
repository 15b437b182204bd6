import { ManifestRule } from '../manifest-rule';

/** No Ingress carries a `*-snippet` annotation (Critical risk since CVE-2025-1974). @internal */
export const noSnippetAnnotations: ManifestRule = {
  id: 'SAI-EDGE-1',
  description: 'No Ingress carries a *-snippet annotation (Critical risk, CVE-2025-1974)',
  evaluate(objects) {
    return objects.filter((o) => o.kind === 'Ingress').map((ing) => {
      const snippets = Object.keys(ing.metadata?.annotations ?? {}).filter((k) => k.endsWith('-snippet'));
      return snippets.length > 0
        ? { object: ing, status: 'weakened' as const, detail: `carries ${snippets.join(', ')} (wafSnippetAnnotationCriticalRisk)` }
        : { object: ing, status: 'pass' as const, detail: 'no snippet annotation' };
    });
  },
};
