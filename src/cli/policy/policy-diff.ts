import { PolicyStatement, scopeText } from './policy-statement';

/**
 * The change in effective policy between two trees, one plain sentence per change, for a pull
 * request comment. Statements are matched by key (object identities), not by file.
 * @internal
 */
export function policyDiff(base: PolicyStatement[], head: PolicyStatement[]): string[] {
  const before = new Map(base.map((s) => [s.key, s]));
  const after = new Map(head.map((s) => [s.key, s]));
  const out: string[] = [];
  for (const [key, s] of after) {
    const was = before.get(key);
    if (was === undefined) out.push(...sentences(s, s.values, 'added'));
    else if (was.values.join('\n') !== s.values.join('\n')) out.push(...changed(was, s));
  }
  for (const [key, s] of before) if (!after.has(key)) out.push(...sentences(s, s.values, 'removed'));
  return out;
}

function sentences(s: PolicyStatement, values: string[], how: 'added' | 'removed'): string[] {
  const gained = how === 'added';
  const ns = s.namespace;
  switch (s.topic) {
    case 'default-deny': return [gained ? `default-deny added to ${ns}` : `default-deny removed from ${ns}`];
    case 'ingress-flow': return [`${s.subject} ${gained ? 'opened' : 'closed'} in ${ns}`];
    case 'egress-flow': {
      const at = s.subject.lastIndexOf(' from ');
      return [`${s.subject.slice(0, at)} ${gained ? 'opened' : 'closed'}${s.subject.slice(at)}`];
    }
    case 'grant': {
      const [who, resource] = s.subject.split('|');
      return [`${who} ${gained ? 'gains' : 'loses'} ${resource} (${values.join(', ')}) in ${scopeText(ns)}`];
    }
    case 'role-rule': {
      const [role, resource] = s.subject.split('|');
      return [`${role} ${gained ? 'gains' : 'loses'} ${values.join(', ')} on ${resource}${ns ? ` in ${ns}` : ''}`];
    }
    case 'exposure': return [gained ? `${s.subject} exposed (${s.values.join('; ')}) in ${ns}` : `${s.subject} no longer exposed in ${ns}`];
    case 'waf': return [gained ? `WAF ${s.subject} added in ${scopeText(ns)}: ${values[0]}` : `WAF ${s.subject} removed from ${scopeText(ns)}`];
    case 'pod-security': return [gained ? `namespace ${ns} added, Pod Security enforce ${values[0]}` : `namespace ${ns} removed`];
    case 'admission': return [gained ? `admission policy ${s.subject} added (${values.join(', ') || 'no action'}) in ${scopeText(ns)}` : `admission policy ${s.subject} removed from ${scopeText(ns)}`];
    case 'opt-out': return [gained ? `opt-out ${s.subject} added in ${scopeText(ns)}` : `opt-out ${s.subject} removed from ${scopeText(ns)}`];
  }
}

function changed(was: PolicyStatement, s: PolicyStatement): string[] {
  const added = s.values.filter((v) => !was.values.includes(v));
  const removed = was.values.filter((v) => !s.values.includes(v));
  switch (s.topic) {
    case 'grant':
    case 'role-rule':
      return [...(added.length ? sentences(s, added, 'added') : []), ...(removed.length ? sentences(s, removed, 'removed') : [])];
    case 'waf': return [`WAF switched to ${s.values[0]} (was ${was.values[0]}): ${s.subject} in ${scopeText(s.namespace)}`];
    case 'pod-security': return [`Pod Security enforce in ${s.namespace}: ${was.values[0]} → ${s.values[0]}`];
    case 'admission': return [`admission policy ${s.subject} in ${scopeText(s.namespace)}: ${was.values.join(', ') || 'no action'} → ${s.values.join(', ') || 'no action'}`];
    default: {
      const pairs = s.values.map((v, i) => [was.values[i], v]).filter(([a, b]) => a !== b);
      return [`${s.subject} in ${s.namespace}: ${pairs.map(([a, b]) => `${a ?? '(none)'} → ${b}`).join('; ')}`];
    }
  }
}
