import { ENDPOINT_LABEL, WEAKENED_CONTROLS_ANNOTATION as ANNOTATION } from '../../facts/label-keys';
import { ManifestRule, RuleOutcome } from '../manifest-rule';
import { RuleSeverity } from '../rule-severity';

/**
 * Surfaces every option recorded as weakening a default, from the objects it weakens (a
 * training Namespace, an endpoint's Ingress or VirtualServer), whoever created the namespace.
 * An endpoint's several route objects carry the same list: it is reported once.
 * @internal
 */
export const weakenedControls: ManifestRule = {
  id: 'SAI-OPT-1',
  description: 'Options that weaken a secure default are named and shown',
  severity: RuleSeverity.WARNING,
  explanation: 'An option that weakens a secure default was set by name: reviewers must see and accept it.',
  fix: 'Remove the option, or keep it and accept it in review.',
  evaluate(objects) {
    const seen = new Set<string>();
    const outcomes: RuleOutcome[] = [];
    for (const o of objects.filter((x) => x.metadata?.annotations?.[ANNOTATION])) {
      const owner = o.metadata.labels?.[ENDPOINT_LABEL];
      const key = owner !== undefined ? `${o.metadata.namespace}/endpoint ${owner}` : `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      for (const option of String(o.metadata.annotations[ANNOTATION]).split('; ')) outcomes.push({ object: o, status: 'weakened', detail: option });
    }
    return outcomes;
  },
};
