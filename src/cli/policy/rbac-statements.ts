import { dedupe } from './connectivity-statements';
import { PolicyStatement, scopeText } from './policy-statement';
import { BUILT_IN_CLUSTER_ROLES } from '../../facts/kubernetes-cluster-roles';

interface Rule { apiGroups?: string[]; resources?: string[]; resourceNames?: string[]; verbs?: string[]; nonResourceURLs?: string[] }

const NAMED = ' named ';

/**
 * A grant's resource as the report writes it, split: `configmaps named a, b` is `configmaps`
 * limited to the objects `a` and `b`; `configmaps` alone is every configmap.
 * @internal
 */
export function namedResource(text: string): { resource: string; names?: string[] } {
  const at = text.indexOf(NAMED);
  return at < 0 ? { resource: text } : { resource: text.slice(0, at), names: text.slice(at + NAMED.length).split(', ') };
}

/** `pods/exec`, `deployments.apps`, `deployments.apps/scale`, `*`: the group before the subresource. @internal */
export function resourceName(group: string, resource: string): string {
  if (group === '' || (group === '*' && resource === '*')) return resource;
  const slash = resource.indexOf('/');
  return slash < 0 ? `${resource}.${group}` : `${resource.slice(0, slash)}.${group}${resource.slice(slash)}`;
}

/** A binding's subject as a reader says it: `group ml-team`, `user alice`, `serviceaccount ns/name`. @internal */
export function subjectText(s: any, bindingNamespace: string): string {
  if (s.kind === 'ServiceAccount') return `serviceaccount ${s.namespace ?? bindingNamespace}/${s.name}`;
  return `${String(s.kind ?? 'subject').toLowerCase()} ${s.name}`;
}

/**
 * Resource → verbs of a list of rules. A rule with `resourceNames` grants its verbs on those
 * objects only: the key is `resource named a, b` (names with the same verbs together), holding the
 * verbs the resource is not granted on every object anyway.
 */
function grantsOf(rules: Rule[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const named = new Map<string, Map<string, Set<string>>>();
  const add = (key: string, verbs: string[] | undefined) => {
    const set = out.get(key) ?? new Set<string>();
    (verbs ?? []).forEach((v) => set.add(v));
    out.set(key, set);
  };
  for (const r of rules) {
    for (const url of r.nonResourceURLs ?? []) add(`url ${url}`, r.verbs);
    for (const g of r.apiGroups ?? []) {
      for (const res of r.resources ?? []) {
        const name = resourceName(g, res);
        if (!(r.resourceNames?.length)) {
          add(name, r.verbs);
          continue;
        }
        const byName = named.get(name) ?? new Map<string, Set<string>>();
        for (const object of r.resourceNames) {
          const set = byName.get(object) ?? new Set<string>();
          (r.verbs ?? []).forEach((v) => set.add(v));
          byName.set(object, set);
        }
        named.set(name, byName);
      }
    }
  }
  for (const [resource, byName] of named) {
    const everyObject = out.get(resource) ?? new Set<string>();
    const byVerbs = new Map<string, string[]>();
    for (const [object, verbs] of byName) {
      const only = everyObject.has('*') ? [] : [...verbs].filter((v) => !everyObject.has(v)).sort();
      if (only.length === 0) continue;
      byVerbs.set(only.join(','), [...(byVerbs.get(only.join(',')) ?? []), object]);
    }
    for (const [verbs, objects] of byVerbs) add(`${resource}${NAMED}${objects.sort().join(', ')}`, verbs.split(','));
  }
  return out;
}

/** The rules a ClusterRole grants: its own, those aggregated into it from the tree, a built-in's. */
function clusterRoleRules(objects: any[], name: string): { rules: Rule[]; known: boolean } {
  const inTree = objects.find((o) => o.kind === 'ClusterRole' && o.metadata?.name === name);
  const builtIn = BUILT_IN_CLUSTER_ROLES.find((r) => r.name === name);
  const rules: Rule[] = [...(inTree?.rules ?? []), ...(inTree ? [] : builtIn?.rules ?? [])];
  const selectors: any[] = [
    ...(inTree?.aggregationRule?.clusterRoleSelectors ?? []),
    ...(!inTree ? (builtIn?.aggregateLabels ?? []).map((kv) => ({ matchLabels: Object.fromEntries([kv.split('=', 2)]) })) : []),
  ];
  for (const sel of selectors) {
    for (const cr of objects.filter((o) => o.kind === 'ClusterRole' && o.metadata?.name !== name)) {
      const labels = cr.metadata?.labels ?? {};
      if (Object.entries(sel.matchLabels ?? {}).every(([k, v]) => labels[k] === v)) rules.push(...(cr.rules ?? []));
    }
  }
  return { rules, known: inTree !== undefined || builtIn !== undefined };
}

/**
 * Who can do what, from the bindings: for each subject, the verbs on each resource in each
 * namespace (or cluster-wide), through Roles and ClusterRoles of the tree, the ClusterRoles
 * aggregated into them, and the built-in ClusterRoles of Kubernetes' bootstrap policy (`cluster-admin`,
 * `admin`, `edit`, `view` with what the tree aggregates into them, `system:*`). A rule limited by
 * `resourceNames` is said as such (`get configmaps named a, b`), never as the whole resource. Then
 * what each Role and ClusterRole grants, bound or not.
 * @internal
 */
export function rbacStatements(objects: any[]): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  for (const b of objects.filter((o) => o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding')) {
    const ns = b.kind === 'RoleBinding' ? b.metadata?.namespace ?? '' : '';
    const ref = b.roleRef ?? {};
    const resolved = ref.kind === 'Role'
      ? { rules: objects.find((o) => o.kind === 'Role' && o.metadata?.namespace === ns && o.metadata?.name === ref.name)?.rules, known: true }
      : clusterRoleRules(objects, ref.name);
    for (const s of b.subjects ?? []) {
      const subject = subjectText(s, ns);
      if (!resolved.known || resolved.rules === undefined) {
        out.push({ topic: 'grant', namespace: ns, key: `grant|${ns}|${subject}|${ref.kind} ${ref.name}`, subject, values: ['unknown'], text: `${subject} is bound to ${ref.kind} ${ref.name}, which is not in the tree: its rights are unknown here` });
        continue;
      }
      for (const [resource, verbs] of grantsOf(resolved.rules)) {
        const values = [...verbs].sort();
        out.push({
          topic: 'grant',
          namespace: ns,
          key: `grant|${ns}|${subject}|${resource}`,
          subject: `${subject}|${resource}`,
          values,
          text: `${subject} can ${values.join(', ')} ${resource} in ${scopeText(ns)} (${b.kind} ${b.metadata?.name} → ${ref.kind} ${ref.name})`,
        });
      }
    }
  }
  for (const role of objects.filter((o) => o.kind === 'Role' || o.kind === 'ClusterRole')) {
    const ns = role.kind === 'Role' ? role.metadata?.namespace ?? '' : '';
    for (const [resource, verbs] of grantsOf(role.rules ?? [])) {
      const values = [...verbs].sort();
      out.push({
        topic: 'role-rule',
        namespace: ns,
        key: `role-rule|${role.kind}|${ns}|${role.metadata?.name}|${resource}`,
        subject: `${role.kind} ${role.metadata?.name}|${resource}`,
        values,
        text: `${role.kind} ${role.metadata?.name} grants ${values.join(', ')} on ${resource}`,
      });
    }
  }
  return dedupe(out);
}
