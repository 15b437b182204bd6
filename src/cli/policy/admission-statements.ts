import { PolicyStatement } from './policy-statement';

const PSA = 'pod-security.kubernetes.io/';

/**
 * What admission rejects: each namespace's Pod Security labels, and each
 * ValidatingAdmissionPolicy with the resources it matches and what its bindings do (Deny, Warn,
 * Audit), placed in the namespace a binding names, else cluster-wide.
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
  for (const policy of objects.filter((o) => o.kind === 'ValidatingAdmissionPolicy')) {
    const name = policy.metadata?.name;
    const bindings = objects.filter((o) => o.kind === 'ValidatingAdmissionPolicyBinding' && o.spec?.policyName === name);
    const resources = [...new Set((policy.spec?.matchConstraints?.resourceRules ?? []).flatMap((r: any) => r.resources ?? []))].sort();
    const rules = (policy.spec?.validations ?? []).length;
    if (bindings.length === 0) {
      out.push({ topic: 'admission', namespace: '', key: `admission|${name}`, subject: name, values: ['not bound'], text: `ValidatingAdmissionPolicy ${name}: not bound, rejects nothing` });
    }
    for (const b of bindings) {
      const ns = b.spec?.matchResources?.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] ?? '';
      const actions = [...(b.spec?.validationActions ?? [])].sort();
      out.push({
        topic: 'admission',
        namespace: ns,
        key: `admission|${ns}|${name}|${b.metadata?.name}`,
        subject: name,
        values: actions,
        text: `ValidatingAdmissionPolicy ${name} (${rules} validation(s) on ${resources.join(', ') || 'matched resources'}): ${actions.join(', ') || 'no action'} (binding ${b.metadata?.name})`,
      });
    }
  }
  return out;
}
