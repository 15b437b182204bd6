import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { DESCRIPTION_ANNOTATION } from '../facts/label-keys';
import { PersonaModel } from '../model/rbac-model';

/** The Role and RoleBinding of one persona. @internal */
export interface RenderedPersona {
  readonly role: k8s.KubeRole;
  readonly binding: k8s.KubeRoleBinding;
}

/** Renders a namespaced Role and RoleBinding per persona. @internal */
export function renderPersonas(scope: Construct, namespace: string, personas: PersonaModel[],
  labels: { [k: string]: string } = {}): RenderedPersona[] {
  return personas.map((p) => {
    const metadata = { name: p.name, namespace, labels, annotations: { [DESCRIPTION_ANNOTATION]: p.description } };
    const role = new k8s.KubeRole(scope, `${p.name}-role`, {
      metadata,
      rules: p.rules.map((r) => ({
        apiGroups: r.apiGroups,
        resources: r.resources,
        verbs: r.verbs,
        ...(r.resourceNames ? { resourceNames: r.resourceNames } : {}),
      })),
    });
    const binding = new k8s.KubeRoleBinding(scope, `${p.name}-binding`, {
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: p.name },
      subjects: p.subjects.map((s) => s.kind === 'ServiceAccount'
        ? { kind: s.kind, name: s.name, namespace: s.namespace }
        : { kind: s.kind, name: s.name, apiGroup: 'rbac.authorization.k8s.io' }),
    });
    return { role, binding };
  });
}

/** Renders a ServiceAccount whose token is never mounted automatically. @internal */
export function renderServiceAccount(scope: Construct, id: string, namespace: string, name: string,
  labels: { [k: string]: string } = {}): k8s.KubeServiceAccount {
  return new k8s.KubeServiceAccount(scope, id, {
    metadata: { name, namespace, labels },
    automountServiceAccountToken: false,
  });
}
