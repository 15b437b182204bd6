import { Grant, Persona, PersonaSubject, RbacMatrix } from './intent';

/** One cell of the matrix: may this subject do verb on resource in scope? */
export interface Cell {
  /** A namespace, or `cluster` for cluster-scoped / all-namespaces requests. */
  readonly scope: string;
  readonly verb: string;
  /** `resource[.group][/subresource]` */
  readonly resource: string;
}

export function cellKey(c: Cell): string {
  return `${c.verb} ${c.resource} in ${c.scope === 'cluster' ? 'cluster scope' : `namespace ${c.scope}`}`;
}

/** Splits `jobs.batch/status` into group `batch`, resource `jobs`, subresource `status`. */
export function parseResource(r: string): { group: string; resource: string; subresource: string } {
  const [main, subresource = ''] = r.split('/');
  const dot = main.indexOf('.');
  return dot < 0
    ? { group: '', resource: main, subresource }
    : { group: main.slice(dot + 1), resource: main.slice(0, dot), subresource };
}

/** Resources that only take their special verbs (impersonation targets). */
const SPECIAL_ONLY = new Set(['users', 'groups']);

function verbsFor(matrix: RbacMatrix, resource: string): string[] {
  const special = matrix.specialVerbs[resource] ?? [];
  return SPECIAL_ONLY.has(resource) ? special : [...matrix.verbs, ...special];
}

/** Every cell of the matrix for the given namespaces (plus the matrix' extra ones and cluster scope). */
export function matrixCells(matrix: RbacMatrix, namespaces: string[]): Cell[] {
  const cells: Cell[] = [];
  const scopes = [...new Set([...namespaces, ...matrix.extraNamespaces])];
  for (const scope of [...scopes, 'cluster']) {
    for (const resource of matrix.namespacedResources) {
      for (const verb of verbsFor(matrix, resource)) cells.push({ scope, verb, resource });
    }
  }
  for (const resource of matrix.clusterResources) {
    for (const verb of verbsFor(matrix, resource)) cells.push({ scope: 'cluster', verb, resource });
  }
  return cells;
}

/** The cells a persona's grants allow (`*` verbs expand to the matrix' verbs for that resource). */
export function allowedCells(matrix: RbacMatrix, grants: Grant[]): Cell[] {
  const out: Cell[] = [];
  for (const g of grants) {
    for (const scope of g.scopes) {
      for (const resource of g.resources) {
        const verbs = g.verbs.includes('*') ? verbsFor(matrix, resource) : g.verbs;
        for (const verb of verbs) out.push({ scope, verb, resource });
      }
    }
  }
  return out;
}

/** The user and groups an authenticated request of this subject carries. */
export function subjectIdentity(s: PersonaSubject): { user: string; groups: string[] } {
  switch (s.kind) {
    case 'User':
      return { user: s.name, groups: [...(s.groups ?? []), 'system:authenticated'] };
    case 'Group':
      return { user: `conformance:member-of:${s.name}`, groups: [s.name, 'system:authenticated'] };
    case 'ServiceAccount':
      return {
        user: `system:serviceaccount:${s.namespace}:${s.name}`,
        groups: ['system:serviceaccounts', `system:serviceaccounts:${s.namespace}`, 'system:authenticated'],
      };
  }
}

/** A SubjectAccessReview asking whether the persona may act on one cell. */
export function accessReview(p: Persona, c: Cell): any {
  const id = subjectIdentity(p.subject);
  const r = parseResource(c.resource);
  return {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SubjectAccessReview',
    spec: {
      user: id.user,
      groups: id.groups,
      resourceAttributes: {
        namespace: c.scope === 'cluster' ? '' : c.scope,
        verb: c.verb,
        group: r.group,
        resource: r.resource,
        subresource: r.subresource,
      },
    },
  };
}
