import { namespaceSelectorText, resolvedNamespaceSelectorText, treeNamespaces } from './connectivity-statements';
import { PolicyStatement } from './policy-statement';

const PSA = 'pod-security.kubernetes.io/';

/**
 * Where a binding applies, as its namespace selector says it: the one namespace it names,
 * `''` for every namespace (no selector, or an empty one), else the selector's text
 * (`namespaces labelled team=ml where env in (prod, staging)`).
 */
function bindingScope(binding: any): string {
  const text = namespaceSelectorText(binding.spec?.matchResources?.namespaceSelector);
  return text === 'every namespace' ? '' : text;
}

/**
 * Where an admission statement applies: the namespace a binding names, `''` for every namespace,
 * or its namespace selector's text, as the statement's key records it.
 * @internal
 */
export function admissionScope(s: PolicyStatement): string {
  const key = s.key.split('|');
  return key.length === 4 ? key[1] : s.namespace; // a binding's key: admission|<scope>|<policy>|<binding>
}

/**
 * What admission rejects: each namespace's Pod Security labels, and each
 * ValidatingAdmissionPolicy with the resources it matches and what its bindings do (Deny, Warn,
 * Audit), placed in the namespace a binding names, else cluster-wide. A binding whose namespace
 * selector selects by other labels or by expression is said as it selects (`in namespaces labelled
 * team=ml`, `in namespaces where env in (prod, staging)`), resolved against the tree's Namespaces
 * (`(in this tree: ml-a)`, or `namespaces outside this tree ...` when it selects none of them).
 * @internal
 */
export function admissionStatements(objects: any[]): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  for (const ns of objects.filter((o) => o.kind === 'Namespace')) {
    const labels = ns.metadata?.labels ?? {};
    const name = ns.metadata?.name ?? '';
    const modes = ['enforce', 'audit', 'warn'].filter((m) => labels[`${PSA}${m}`] !== undefined).map((m) => `${m}=${labels[`${PSA}${m}`]}`);
    out.push({
      topic: 'pod-security',
      namespace: name,
      key: `pod-security|${name}`,
      subject: name,
      values: [labels[`${PSA}enforce`] ?? 'none'],
      text: `Pod Security: ${modes.length > 0 ? modes.join(', ') : 'no label (the cluster default applies)'}`,
    });
  }
  const tree = treeNamespaces(objects);
  for (const policy of objects.filter((o) => o.kind === 'ValidatingAdmissionPolicy')) {
    const name = policy.metadata?.name;
    const bindings = objects.filter((o) => o.kind === 'ValidatingAdmissionPolicyBinding' && o.spec?.policyName === name);
    const resources = [...new Set((policy.spec?.matchConstraints?.resourceRules ?? []).flatMap((r: any) => r.resources ?? []))].sort();
    const rules = (policy.spec?.validations ?? []).length;
    if (bindings.length === 0) {
      out.push({ topic: 'admission', namespace: '', key: `admission|${name}`, subject: name, values: ['not bound'], text: `ValidatingAdmissionPolicy ${name}: not bound, rejects nothing` });
    }
    for (const b of bindings) {
      const scope = bindingScope(b);
      const bySelector = scope.startsWith('namespaces ');
      const ns = bySelector ? '' : scope;
      const actions = [...(b.spec?.validationActions ?? [])].sort();
      const where = bySelector ? ` in ${resolvedNamespaceSelectorText(b.spec.matchResources.namespaceSelector, tree)}` : '';
      out.push({
        topic: 'admission',
        namespace: ns,
        key: `admission|${scope}|${name}|${b.metadata?.name}`,
        subject: name,
        values: actions,
        text: `ValidatingAdmissionPolicy ${name} (${rules} validation(s) on ${resources.join(', ') || 'matched resources'}): ${actions.join(', ') || 'no action'} (binding ${b.metadata?.name})${where}`,
      });
    }
  }
  return out;
}
