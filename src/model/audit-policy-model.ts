/**
 * API-server audit rules for a namespace: writes at RequestResponse, reads at Metadata,
 * Secrets (and tokens) never above Metadata. Order matters: the first matching rule wins.
 * @internal
 */
export interface AuditRuleModel {
  readonly level: string;
  readonly verbs?: string[];
  readonly namespaces?: string[];
  readonly resources?: { readonly group: string; readonly resources: string[]; readonly resourceNames?: string[] }[];
  readonly omitStages?: string[];
}

const WRITES = ['create', 'update', 'patch', 'delete', 'deletecollection'];

export function namespaceAuditRules(namespace: string): AuditRuleModel[] {
  return [
    {
      // Secret values and tokens must never reach the audit log, whatever the verb.
      level: 'Metadata',
      namespaces: [namespace],
      resources: [{ group: '', resources: ['secrets', 'serviceaccounts/token'] }],
    },
    {
      level: 'RequestResponse',
      verbs: WRITES,
      namespaces: [namespace],
    },
    {
      level: 'Metadata',
      verbs: ['get', 'list', 'watch'],
      namespaces: [namespace],
    },
    {
      // The namespace object and the admission policies guarding it are cluster-scoped.
      level: 'RequestResponse',
      verbs: WRITES,
      resources: [
        { group: '', resources: ['namespaces'], resourceNames: [namespace] },
        { group: 'admissionregistration.k8s.io', resources: ['validatingadmissionpolicies', 'validatingadmissionpolicybindings'] },
      ],
    },
  ];
}
