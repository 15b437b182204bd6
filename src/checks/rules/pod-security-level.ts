import { ManifestRule } from '../manifest-rule';

/** Namespaces enforce the restricted Pod Security Standard. @internal */
export const podSecurityRestricted: ManifestRule = {
  id: 'SAI-PSA-1',
  description: 'Namespaces enforce the restricted Pod Security Standard',
  evaluate(objects) {
    return objects.filter((o) => o.kind === 'Namespace').map((ns) => {
      const level = ns.metadata?.labels?.['pod-security.kubernetes.io/enforce'];
      if (level === 'restricted') return { object: ns, status: 'pass' as const, detail: 'enforce=restricted' };
      if (level === 'baseline' || level === 'privileged') return { object: ns, status: 'weakened' as const, detail: `enforce=${level} (podSecurity)` };
      return { object: ns, status: 'fail' as const, detail: 'no Pod Security enforce label' };
    });
  },
};
