/**
 * Reads the statuses egctl computes (`egctl x translate --to gateway-api`): Envoy Gateway
 * silently ignores a policy whose target is missing (no ancestor, hence no condition at all), so
 * the spike asserts every condition it relies on instead of trusting that an xDS output exists.
 */

export interface Condition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
}

/** One condition of one object, as the spike prints and checks it. */
export interface ObservedCondition extends Condition {
  /** `Kind namespace/name`, plus the parent, ancestor or listener the condition is about. */
  readonly object: string;
}

type Obj = { [key: string]: any };

function id(kind: string, o: Obj): string {
  const ns = o.metadata?.namespace;
  return `${kind} ${ns ? `${ns}/` : ''}${o.metadata?.name}`;
}

function refName(ref: Obj | undefined): string {
  if (!ref) return '?';
  return `${ref.kind ?? 'Gateway'} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}${ref.sectionName ? `#${ref.sectionName}` : ''}`;
}

function conditionsOf(object: string, conditions: Condition[] | undefined): ObservedCondition[] {
  return (conditions ?? []).map((c) => ({ object, type: c.type, status: c.status, reason: c.reason, message: c.message }));
}

/** Envoy Gateway's policy kinds, by the field egctl lists them under; their statuses are per ancestor. */
export const POLICY_KINDS: ReadonlyArray<readonly [string, string]> = [
  ['securityPolicies', 'SecurityPolicy'],
  ['backendTrafficPolicies', 'BackendTrafficPolicy'],
  ['clientTrafficPolicies', 'ClientTrafficPolicy'],
  ['envoyExtensionPolicies', 'EnvoyExtensionPolicy'],
];

/** Every condition of the translated resources, flattened. */
export function observedConditions(resources: Obj): ObservedCondition[] {
  const out: ObservedCondition[] = [];
  if (resources.gatewayClass) out.push(...conditionsOf(id('GatewayClass', resources.gatewayClass), resources.gatewayClass.status?.conditions));
  for (const gw of resources.gateways ?? []) {
    out.push(...conditionsOf(id('Gateway', gw), gw.status?.conditions));
    for (const l of gw.status?.listeners ?? []) out.push(...conditionsOf(`${id('Gateway', gw)} listener ${l.name}`, l.conditions));
  }
  for (const r of resources.httpRoutes ?? []) {
    for (const p of r.status?.parents ?? []) out.push(...conditionsOf(`${id('HTTPRoute', r)} parent ${refName(p.parentRef)}`, p.conditions));
  }
  for (const r of resources.grpcRoutes ?? []) {
    for (const p of r.status?.parents ?? []) out.push(...conditionsOf(`${id('GRPCRoute', r)} parent ${refName(p.parentRef)}`, p.conditions));
  }
  for (const [field, kind] of POLICY_KINDS) {
    for (const p of resources[field] ?? []) {
      for (const a of p.status?.ancestors ?? []) out.push(...conditionsOf(`${id(kind, p)} ancestor ${refName(a.ancestorRef)}`, a.conditions));
    }
  }
  return out;
}

/**
 * A condition the spike requires to be True: on `object` itself, or, with `of`, on each of its
 * parents, ancestors or listeners (`<object> <of> ...`); at least one must exist.
 */
export interface RequiredCondition {
  readonly object: string;
  readonly of?: 'parent' | 'ancestor' | 'listener';
  readonly type: string;
}

function matches(c: ObservedCondition, r: RequiredCondition): boolean {
  if (c.type !== r.type) return false;
  return r.of ? c.object.startsWith(`${r.object} ${r.of} `) : c.object === r.object;
}

/** The required conditions that are not True (absent ones included), as readable lines. */
export function unmetConditions(observed: ObservedCondition[], required: RequiredCondition[]): string[] {
  const problems: string[] = [];
  for (const r of required) {
    const matching = observed.filter((c) => matches(c, r));
    if (matching.length === 0) problems.push(`${r.object}${r.of ? ` (each ${r.of})` : ''}: no ${r.type} condition`);
    for (const c of matching) {
      if (c.status !== 'True') problems.push(`${c.object}: ${c.type}=${c.status} (${c.reason ?? ''}: ${c.message ?? ''})`);
    }
  }
  return problems;
}
