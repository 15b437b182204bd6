import { admissionScope } from './admission-statements';
import { PolicyStatement, scopeText } from './policy-statement';
import { namedResource } from './rbac-statements';

/**
 * The change in effective policy between two trees, one plain sentence per change, for a pull
 * request comment. Statements are matched by key (object identities), not by file. A verb that
 * moves between named objects (`configmaps named a, b`) and the whole resource is said as a
 * widening or a narrowing, not as one grant gained and another lost.
 * @internal
 */
export function policyDiff(base: PolicyStatement[], head: PolicyStatement[]): string[] {
  const before = new Map(base.map((s) => [s.key, s]));
  const after = new Map(head.map((s) => [s.key, s]));
  const moves = [...scopeMoves(base, before, head, after, 'widened'), ...scopeMoves(head, after, base, before, 'narrowed')];
  const moved = new Set(moves.flatMap((m) => m.verbs.flatMap((v) => [`${m.whole.key}|${v}`, `${m.named.key}|${v}`])));
  const keep = (s: PolicyStatement, values: string[]) => isRbac(s) ? values.filter((v) => !moved.has(`${s.key}|${v}`)) : values;
  const out: string[] = [];
  for (const [key, s] of after) {
    const was = before.get(key);
    const values = keep(s, s.values);
    if (was === undefined) {
      if (values.length > 0 || !isRbac(s)) out.push(...sentences(s, values, 'added'));
    } else if (was.values.join('\n') !== s.values.join('\n')) {
      out.push(...changed(was, s, keep));
    }
  }
  for (const [key, s] of before) {
    const values = keep(s, s.values);
    if (!after.has(key) && (values.length > 0 || !isRbac(s))) out.push(...sentences(s, values, 'removed'));
  }
  return [...out, ...moves.map(moveText)];
}

function isRbac(s: PolicyStatement): boolean {
  return s.topic === 'grant' || s.topic === 'role-rule';
}

/** A grant's or role rule's verbs that moved between the objects named and every object of the resource. */
interface ScopeMove { readonly how: 'widened' | 'narrowed'; readonly whole: PolicyStatement; readonly named: PolicyStatement; readonly verbs: string[] }

/**
 * The verbs granted on named objects in `from` and on the whole resource in `to` (and not before
 * on the whole resource): a widening when `from` is the base, a narrowing when it is the head.
 */
function scopeMoves(from: PolicyStatement[], fromByKey: Map<string, PolicyStatement>, to: PolicyStatement[],
  toByKey: Map<string, PolicyStatement>, how: 'widened' | 'narrowed'): ScopeMove[] {
  const out: ScopeMove[] = [];
  for (const whole of to.filter(isRbac)) {
    const [who, resource] = whole.subject.split('|');
    if (namedResource(resource).names !== undefined) continue;
    const already = fromByKey.get(whole.key)?.values ?? [];
    for (const named of from.filter((s) => s.topic === whole.topic && s.namespace === whole.namespace)) {
      const [namedWho, namedRes] = named.subject.split('|');
      const parts = namedResource(namedRes);
      if (namedWho !== who || parts.names === undefined || parts.resource !== resource) continue;
      const still = toByKey.get(named.key)?.values ?? [];
      const verbs = named.values.filter((v) => whole.values.includes(v) && !already.includes(v) && !still.includes(v));
      if (verbs.length > 0) out.push({ how, whole, named, verbs });
    }
  }
  return out;
}

function moveText(m: ScopeMove): string {
  const [who, resource] = m.whole.subject.split('|');
  const names = namedResource(m.named.subject.split('|')[1]).names!.join(', ');
  const scope = m.whole.topic === 'grant' ? ` in ${scopeText(m.whole.namespace)}` : m.whole.namespace ? ` in ${m.whole.namespace}` : '';
  const span = m.how === 'widened' ? `from the objects named ${names} to every object` : `from every object to the objects named ${names}`;
  return `${who}: ${m.verbs.join(', ')} on ${resource} ${m.how} ${span}${scope}`;
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
    case 'admission': {
      const where = scopeText(admissionScope(s));
      return [gained ? `admission policy ${s.subject} added (${values.join(', ') || 'no action'}) in ${where}` : `admission policy ${s.subject} removed from ${where}`];
    }
    case 'opt-out': return [gained ? `opt-out ${s.subject} added in ${scopeText(ns)}` : `opt-out ${s.subject} removed from ${scopeText(ns)}`];
  }
}

function changed(was: PolicyStatement, s: PolicyStatement, keep: (s: PolicyStatement, values: string[]) => string[]): string[] {
  const added = keep(s, s.values.filter((v) => !was.values.includes(v)));
  const removed = keep(was, was.values.filter((v) => !s.values.includes(v)));
  switch (s.topic) {
    case 'grant':
    case 'role-rule':
      return [...(added.length ? sentences(s, added, 'added') : []), ...(removed.length ? sentences(s, removed, 'removed') : [])];
    case 'ingress-flow':
    case 'egress-flow':
      return [`${s.subject} in ${s.namespace} now selects, of this tree's namespaces, ${s.values.join(', ') || 'none'} (was ${was.values.join(', ') || 'none'})`];
    case 'waf': return [`WAF switched to ${s.values[0]} (was ${was.values[0]}): ${s.subject} in ${scopeText(s.namespace)}`];
    case 'pod-security': return [`Pod Security enforce in ${s.namespace}: ${was.values[0]} → ${s.values[0]}`];
    case 'admission': return [`admission policy ${s.subject} in ${scopeText(admissionScope(s))}: ${was.values.join(', ') || 'no action'} → ${s.values.join(', ') || 'no action'}`];
    default: {
      const pairs = s.values.map((v, i) => [was.values[i], v]).filter(([a, b]) => a !== b);
      return [`${s.subject} in ${s.namespace}: ${pairs.map(([a, b]) => `${a ?? '(none)'} → ${b}`).join('; ')}`];
    }
  }
}
