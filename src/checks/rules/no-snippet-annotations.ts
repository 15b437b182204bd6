import { ManifestRule, recordedOption, RuleOutcome } from '../manifest-rule';
import { RuleSeverity } from '../rule-severity';

/**
 * No Ingress carries a `*-snippet` annotation (Critical risk since CVE-2025-1974). One that does
 * fails unless an object of its namespace records the option that chose it
 * (`wafSnippetAnnotationCriticalRisk: true`): then it is a weakened control.
 * @internal
 */
export const noSnippetAnnotations: ManifestRule = {
  id: 'SAI-EDGE-1',
  description: 'No Ingress carries a *-snippet annotation (Critical risk, CVE-2025-1974)',
  severity: RuleSeverity.ERROR,
  explanation: 'Snippet annotations inject raw nginx configuration; with them an Ingress author can read every Secret of the controller (CVE-2025-1974, Critical).',
  fix: 'Remove the *-snippet annotation; deliver WAF rules through the controller ConfigMap (the default), not a snippet.',
  evaluate(objects) {
    return objects.filter((o) => o.kind === 'Ingress').map((ing): RuleOutcome => {
      const snippets = Object.keys(ing.metadata?.annotations ?? {}).filter((k) => k.endsWith('-snippet'));
      if (snippets.length === 0) return { object: ing, status: 'pass', detail: 'no snippet annotation' };
      // The content decides; a recorded option only turns the failure into a choice made by name.
      const option = recordedOption(objects, ing.metadata?.namespace, /wafSnippetAnnotationCriticalRisk: true/);
      return option !== undefined
        ? { object: ing, status: 'weakened', detail: `carries ${snippets.join(', ')} (${option})` }
        : { object: ing, status: 'fail', detail: `carries ${snippets.join(', ')}: no option records that this was chosen` };
    });
  },
};
