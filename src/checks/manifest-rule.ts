/**
 * A rule over synthesised manifests: a small pure function, as in cdk-nag. It sees every
 * object of the output (so it can judge a namespace by its policies) and returns findings.
 * @internal
 */
export interface ManifestRule {
  readonly id: string;
  readonly description: string;
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
