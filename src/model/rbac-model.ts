import { Subject, SubjectKind } from '../options/subject';

/**
 * Plain-data RBAC intent: personas, the rules they get, who they are bound to.
 * @internal
 */

export interface RoleRuleModel {
  readonly apiGroups: string[];
  readonly resources: string[];
  readonly verbs: string[];
  readonly resourceNames?: string[];
}

export interface SubjectModel {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

export interface PersonaModel {
  /** Role and RoleBinding name. */
  readonly name: string;
  readonly description: string;
  readonly rules: RoleRuleModel[];
  readonly subjects: SubjectModel[];
}

export const READ = ['get', 'list', 'watch'];
export const WRITE = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

/** Verbs that let a subject grant itself more than it has. */
const PRIVILEGE_VERBS = ['escalate', 'bind', 'impersonate', '*'];

/**
 * Guards the least-privilege invariants every persona keeps, whatever the options:
 * no wildcard, no escalate/bind/impersonate, no write access to RBAC objects.
 * A failure here is a bug in the library, not a user error.
 * @internal
 */
export function assertLeastPrivilege(persona: PersonaModel): void {
  for (const rule of persona.rules) {
    const bad = rule.verbs.filter((v) => PRIVILEGE_VERBS.includes(v));
    if (bad.length > 0 || rule.resources.includes('*') || rule.apiGroups.includes('*')) {
      throw new Error(`internal error: persona ${persona.name} would get ${JSON.stringify(rule)}`);
    }
    if (rule.apiGroups.includes('rbac.authorization.k8s.io') && rule.verbs.some((v) => !READ.includes(v))) {
      throw new Error(`internal error: persona ${persona.name} would change RBAC objects`);
    }
  }
}

/** A subject as RBAC writes it; ServiceAccounts default to the persona's namespace. @internal */
export function subjectModel(s: Subject, namespace: string): SubjectModel {
  return s.kind === SubjectKind.SERVICE_ACCOUNT
    ? { kind: s.kind.value, name: s.name, namespace: s.namespace ?? namespace }
    : { kind: s.kind.value, name: s.name };
}
