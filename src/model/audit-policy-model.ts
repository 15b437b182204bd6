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

/**
 * One audit policy for every training namespace of an app (the API server takes exactly one
 * `--audit-policy-file`): the same four rules, each naming every namespace, in the order that
 * makes the first matching rule the intended one (Secrets and tokens at Metadata before writes
 * at RequestResponse).
 * @internal
 */
export function composeAuditRules(perNamespace: AuditRuleModel[][]): AuditRuleModel[] {
  if (perNamespace.length === 0) return [];
  const merged: AuditRuleModel[] = perNamespace[0].map((r) => ({ ...r }));
  for (const rules of perNamespace.slice(1)) {
    rules.forEach((r, i) => {
      const m = merged[i];
      merged[i] = {
        ...m,
        ...(m.namespaces ? { namespaces: [...m.namespaces, ...(r.namespaces ?? [])] } : {}),
        ...(m.resources ? {
          resources: m.resources.map((res, j) => res.resourceNames
            ? { ...res, resourceNames: [...res.resourceNames, ...(r.resources?.[j]?.resourceNames ?? [])] }
            : res),
        } : {}),
      };
    });
  }
  return merged;
}
