import { PolicyStatement, PolicyTopic } from './policy-statement';
import { CheckFinding, CheckStatus } from '../../checks/check-result';

const SECTIONS: { title: string; topics: PolicyTopic[] }[] = [
  { title: 'What is exposed', topics: ['exposure', 'waf'] },
  { title: 'Who can reach what (NetworkPolicies)', topics: ['default-deny', 'ingress-flow', 'egress-flow'] },
  { title: 'Who can do what (RBAC)', topics: ['grant', 'role-rule'] },
  { title: 'What admission rejects', topics: ['pod-security', 'admission'] },
  { title: 'Explicit opt-outs', topics: ['opt-out'] },
];

/** Namespaces in order, the cluster-wide scope last. */
function namespacesOf(statements: PolicyStatement[]): string[] {
  const names = [...new Set(statements.map((s) => s.namespace))];
  return [...names.filter((n) => n !== '').sort(), ...(names.includes('') ? [''] : [])];
}

/**
 * The effective policy as Markdown, per namespace: what is exposed (per endpoint), who can reach
 * what, who can do what, what admission rejects, the opt-outs; then the check's findings that are
 * not passes (failures, suppressions and their expiry, weakened controls, warnings), each with the
 * path of the construct that synthesised its object when known.
 * @param constructPaths object reference (Kind/namespace/name) → construct path
 * @internal
 */
export function policyReportMarkdown(
  title: string, statements: PolicyStatement[], findings: CheckFinding[], constructPaths: ReadonlyMap<string, string> = new Map(),
): string {
  const failing = findings.filter((f) => f.status === CheckStatus.FAIL).length;
  const lines = [`# Effective policy: ${title}`, '', `Check: ${failing > 0 ? `FAIL (${failing} failing)` : 'PASS'}.`, ''];
  // Pod Security statements exist for the Namespaces the tree creates: only those are judged for a missing default deny.
  const created = new Set(statements.filter((s) => s.topic === 'pod-security').map((s) => s.namespace));
  for (const ns of namespacesOf(statements)) {
    lines.push(ns === '' ? '## Cluster-wide' : `## Namespace \`${ns}\``, '');
    for (const section of SECTIONS) {
      const rows = statements.filter((s) => s.namespace === ns && section.topics.includes(s.topic));
      if (section.topics.includes('default-deny') && created.has(ns) && !rows.some((s) => s.topic === 'default-deny')) {
        rows.unshift({ topic: 'default-deny', namespace: ns, key: '', subject: ns, values: [], text: '**no default-deny**: pods without a policy that selects them accept and open any connection' });
      }
      if (rows.length === 0) continue;
      lines.push(`### ${section.title}`, '', ...rows.map((s) => `- ${s.text.replace(/\|/g, '\\|')}`), '');
    }
  }
  const notPassing = findings.filter((f) => f.status !== CheckStatus.PASS);
  lines.push('## Findings of the check', '');
  lines.push(...(notPassing.length === 0 ? ['_none but passes_'] : notPassing.map((f) => {
    const construct = constructPaths.get(f.object);
    return `- **${f.status.value}** ${f.ruleId} \`${f.object}\`${construct ? ` (construct \`${construct}\`)` : ''}: ${f.detail}`;
  })), '');
  return lines.join('\n');
}

/**
 * The effective policy as JSON: namespaces, each with its statements by topic, and the findings
 * (with their construct path when known).
 * @internal
 */
export function policyReportJson(
  statements: PolicyStatement[], findings: CheckFinding[], constructPaths: ReadonlyMap<string, string> = new Map(),
): any {
  return {
    passed: !findings.some((f) => f.status === CheckStatus.FAIL),
    namespaces: namespacesOf(statements).map((ns) => ({
      namespace: ns === '' ? null : ns,
      statements: statements.filter((s) => s.namespace === ns).map((s) => ({ topic: s.topic, subject: s.subject, values: s.values, text: s.text })),
    })),
    findings: findings.filter((f) => f.status !== CheckStatus.PASS)
      .map((f) => ({
        ruleId: f.ruleId,
        status: f.status.value,
        object: f.object,
        ...(constructPaths.has(f.object) ? { constructPath: constructPaths.get(f.object) } : {}),
        detail: f.detail,
      })),
  };
}
