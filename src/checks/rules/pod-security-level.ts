import { ManifestRule } from '../manifest-rule';
import { RuleSeverity } from '../rule-severity';

/** Namespaces enforce the restricted Pod Security Standard. @internal */
export const podSecurityRestricted: ManifestRule = {
  id: 'SAI-PSA-1',
  description: 'Namespaces enforce the restricted Pod Security Standard',
  severity: RuleSeverity.ERROR,
  explanation: 'Without the restricted Pod Security Standard enforced, anyone who can create a pod in the namespace can run it privileged, on the host network, or as root.',
  fix: 'Label the Namespace pod-security.kubernetes.io/enforce=restricted.',
  evaluate(objects) {
    return objects.filter((o) => o.kind === 'Namespace').map((ns) => {
      const level = ns.metadata?.labels?.['pod-security.kubernetes.io/enforce'];
      if (level === 'restricted') return { object: ns, status: 'pass' as const, detail: 'enforce=restricted' };
      if (level === 'baseline' || level === 'privileged') return { object: ns, status: 'weakened' as const, detail: `enforce=${level} (podSecurity)` };
      return { object: ns, status: 'fail' as const, detail: 'no Pod Security enforce label' };
    });
  },
};
