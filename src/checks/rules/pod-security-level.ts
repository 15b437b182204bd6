import { ManifestRule, recordedOption, RuleOutcome } from '../manifest-rule';
import { RuleSeverity } from '../rule-severity';

/** The option that chooses each weaker level, as the weakened-controls annotation names it. */
const LEVEL_OPTION: { [level: string]: RegExp } = {
  baseline: /^podSecurity: BASELINE$/,
  privileged: /^podSecurity: privilegedInsecure$/,
};

/**
 * Namespaces enforce the restricted Pod Security Standard, as their `enforce` label says. A
 * weaker level fails unless an object of the namespace records the option that chose it
 * (`podSecurity: BASELINE`, `podSecurity: privilegedInsecure`): then it is a weakened control.
 * @internal
 */
export const podSecurityRestricted: ManifestRule = {
  id: 'SAI-PSA-1',
  description: 'Namespaces enforce the restricted Pod Security Standard',
  severity: RuleSeverity.ERROR,
  explanation: 'Without the restricted Pod Security Standard enforced, anyone who can create a pod in the namespace can run it privileged, on the host network, or as root.',
  fix: 'Label the Namespace pod-security.kubernetes.io/enforce=restricted.',
  evaluate(objects) {
    return objects.filter((o) => o.kind === 'Namespace').map((ns): RuleOutcome => {
      const level = ns.metadata?.labels?.['pod-security.kubernetes.io/enforce'];
      if (level === 'restricted') return { object: ns, status: 'pass', detail: 'enforce=restricted' };
      if (level === 'baseline' || level === 'privileged') {
        // The content decides; a recorded option only turns the failure into a choice made by name.
        const option = recordedOption(objects, ns.metadata?.name, LEVEL_OPTION[level]);
        return option !== undefined
          ? { object: ns, status: 'weakened', detail: `enforce=${level} (${option})` }
          : { object: ns, status: 'fail', detail: `enforce=${level}: no option records that this was chosen` };
      }
      return { object: ns, status: 'fail', detail: level === undefined ? 'no Pod Security enforce label' : `enforce=${level} is not a Pod Security level` };
    });
  },
};
