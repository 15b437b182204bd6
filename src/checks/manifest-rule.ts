import { RuleSeverity } from './rule-severity';
import { WEAKENED_CONTROLS_ANNOTATION } from '../facts/label-keys';

/**
 * A rule over synthesised manifests: a small pure function, as in cdk-nag. It sees every
 * object of the output (so it can judge a namespace by its policies) and returns findings.
 * @internal
 */
export interface ManifestRule {
  /** The public id, e.g. `SAI-NET-1`: never renumbered. */
  readonly id: string;
  /** What the rule demands, in one line. */
  readonly description: string;
  /** How bad a failure is. */
  readonly severity: RuleSeverity;
  /** Why it matters: what a caller can do when the rule fails. */
  readonly explanation: string;
  /** How to fix a failure. */
  readonly fix: string;
  /** Findings for the objects the rule applies to; none when it does not apply. */
  evaluate(objects: any[]): RuleOutcome[];
}

/** @internal */
export interface RuleOutcome {
  readonly object: any;
  readonly status: 'pass' | 'fail' | 'weakened' | 'warning';
  readonly detail: string;
}

/** `Kind/namespace/name`, or `Kind/name` for cluster-scoped objects. @internal */
export function objectRef(o: any): string {
  return o.metadata?.namespace ? `${o.kind}/${o.metadata.namespace}/${o.metadata.name}` : `${o.kind}/${o.metadata?.name}`;
}

/** The pod spec of any pod-bearing object, or undefined. @internal */
export function podSpecOf(o: any): any {
  if (o.kind === 'Pod') return o.spec;
  if (o.kind === 'CronJob') return o.spec?.jobTemplate?.spec?.template?.spec;
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].includes(o.kind)) return o.spec?.template?.spec;
  return undefined;
}

/**
 * The weakening option, as the objects record it, that chose what a rule found in a namespace:
 * the record only names the option; the rule has already judged the content. Undefined when no
 * object of the namespace records an option matching `option` (the content then fails).
 * @internal
 */
export function recordedOption(objects: any[], namespace: string | undefined, option: RegExp): string | undefined {
  return objects.filter((o) => (o.metadata?.namespace ?? (o.kind === 'Namespace' ? o.metadata?.name : undefined)) === namespace)
    .flatMap((o) => String(o.metadata?.annotations?.[WEAKENED_CONTROLS_ANNOTATION] ?? '').split('; '))
    .find((recorded) => option.test(recorded));
}

/**
 * The weakening option, as any object of the output records it, for settings that reach past a
 * namespace (a controller's ConfigMap, recorded by the endpoints on it). Undefined when none does.
 * @internal
 */
export function recordedOptionAnywhere(objects: any[], option: RegExp): string | undefined {
  return objects.flatMap((o) => String(o.metadata?.annotations?.[WEAKENED_CONTROLS_ANNOTATION] ?? '').split('; '))
    .find((recorded) => option.test(recorded));
}
