import { ManifestRule } from '../manifest-rule';
import { RuleSeverity } from '../rule-severity';

/** Every namespace the output creates has a policy denying all ingress and egress to every pod. @internal */
export const namespaceDefaultDeny: ManifestRule = {
  id: 'SAI-NET-1',
  description: 'Every namespace has a default-deny NetworkPolicy (every pod, Ingress and Egress, no rule)',
  severity: RuleSeverity.ERROR,
  explanation: 'Without a default-deny NetworkPolicy, every pod of the namespace accepts connections from anywhere in the cluster and reaches anything, the internet included.',
  fix: 'Add a NetworkPolicy with podSelector: {}, policyTypes [Ingress, Egress] and no rules to the namespace, then allow each flow by name.',
  evaluate(objects) {
    return objects.filter((o) => o.kind === 'Namespace').map((ns) => {
      const deny = objects.some((p) => p.kind === 'NetworkPolicy' && p.metadata?.namespace === ns.metadata.name
        && Object.keys(p.spec?.podSelector ?? {}).length === 0
        && ['Ingress', 'Egress'].every((t) => (p.spec?.policyTypes ?? []).includes(t))
        && !(p.spec?.ingress?.length) && !(p.spec?.egress?.length));
      return deny
        ? { object: ns, status: 'pass' as const, detail: 'default deny present' }
        : { object: ns, status: 'fail' as const, detail: 'no NetworkPolicy denies all ingress and egress for every pod' };
    });
  },
};
