/**
 * Plain-data ValidatingAdmissionPolicy intent: what is checked, on which resources,
 * in which namespace, with which action. The renderer writes the policy and its binding.
 * @internal
 */

export interface ResourceRuleModel {
  readonly apiGroups: string[];
  readonly apiVersions: string[];
  readonly resources: string[];
  readonly operations: string[];
}

export interface ValidationModel {
  /** CEL; true means the object is allowed. */
  readonly expression: string;
  /** Static message, used when messageExpression fails. */
  readonly message: string;
  readonly messageExpression?: string;
  /** Unauthorized, Forbidden, Invalid or RequestEntityTooLarge. */
  readonly reason?: string;
}

export interface AdmissionPolicyModel {
  /** Cluster-unique name of the policy and of its binding. */
  readonly name: string;
  readonly description: string;
  readonly resourceRules: ResourceRuleModel[];
  readonly variables: { readonly name: string; readonly expression: string }[];
  readonly matchConditions?: { readonly name: string; readonly expression: string }[];
  readonly validations: ValidationModel[];
  /** The binding applies to this namespace only. */
  readonly namespace: string;
  /** Objects the binding applies to. */
  readonly objectLabels?: { [key: string]: string };
  readonly validationActions: string[];
}

/** Pod-bearing workloads: the policy checks their pod template as well as bare pods. @internal */
export const POD_BEARING_RULES: ResourceRuleModel[] = [
  { apiGroups: [''], apiVersions: ['v1'], resources: ['pods', 'pods/ephemeralcontainers'], operations: ['CREATE', 'UPDATE'] },
  { apiGroups: ['apps'], apiVersions: ['v1'], resources: ['deployments', 'statefulsets', 'replicasets', 'daemonsets'], operations: ['CREATE', 'UPDATE'] },
  { apiGroups: ['batch'], apiVersions: ['v1'], resources: ['jobs', 'cronjobs'], operations: ['CREATE', 'UPDATE'] },
];

/** CEL variables that reach the pod spec of any pod-bearing kind, and all its containers. @internal */
export const POD_SPEC_VARIABLES = [
  {
    name: 'podSpec',
    expression: "object.kind == 'Pod' ? object.spec : (object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template.spec : object.spec.template.spec)",
  },
  {
    name: 'containers',
    expression: 'variables.podSpec.containers'
      + ' + (has(variables.podSpec.initContainers) ? variables.podSpec.initContainers : [])'
      + ' + (has(variables.podSpec.ephemeralContainers) ? variables.podSpec.ephemeralContainers : [])',
  },
];

/** Quotes a string as a CEL string literal. @internal */
export function celString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A CEL list literal of strings. @internal */
export function celList(values: string[]): string {
  return `[${values.map(celString).join(', ')}]`;
}
