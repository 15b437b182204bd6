import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';

/** One object from a synthesised manifest file. */
export interface ManifestObject {
  readonly file: string;
  readonly object: any;
}

/** `Kind/namespace/name` (or `Kind/name` for cluster-scoped objects): how failures name an object. */
export function objectRef(o: any): string {
  const ns = o?.metadata?.namespace;
  return ns ? `${o.kind}/${ns}/${o?.metadata?.name}` : `${o?.kind}/${o?.metadata?.name}`;
}

/** Objects that are configuration files for a component, not API objects (e.g. the audit policy). */
export function isApiObject(o: any): boolean {
  return !(o.apiVersion === 'audit.k8s.io/v1' && o.kind === 'Policy');
}

export function isAuditPolicy(o: any): boolean {
  return o.apiVersion === 'audit.k8s.io/v1' && o.kind === 'Policy';
}

export function listManifestFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir)
    .filter(f => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map(f => path.join(dir, f));
}

export function loadManifests(dir: string): ManifestObject[] {
  const out: ManifestObject[] = [];
  for (const file of listManifestFiles(dir)) {
    for (const doc of YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
      const object = doc.toJSON();
      if (object) out.push({ file, object });
    }
  }
  return out;
}

const APPLY_ORDER = ['CustomResourceDefinition', 'Namespace', 'ServiceAccount', 'ClusterRole', 'Role'];
const APPLY_LAST = ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'];

/**
 * CRDs first, then namespaces, service accounts and roles, then everything else (stable), and
 * the admission policies and their bindings last: the cluster admin dry-runs every object before
 * change control is in force (it refuses the admin the deployers' objects, whichever file the
 * policy comes from); the deployers check applies those with it in force.
 */
export function applyOrder(objects: ManifestObject[]): ManifestObject[] {
  const rank = (o: ManifestObject) => {
    const i = APPLY_ORDER.indexOf(o.object.kind);
    const last = APPLY_LAST.indexOf(o.object.kind);
    return i >= 0 ? i : last >= 0 ? APPLY_ORDER.length + 1 + last : APPLY_ORDER.length;
  };
  return objects.map((o, i) => ({ o, i })).sort((a, b) => rank(a.o) - rank(b.o) || a.i - b.i).map(x => x.o);
}

/**
 * YAML for Kubernetes tools, which read YAML 1.1: strings such as `off`, `yes` or `on` stay quoted
 * (YAML 1.2 output would leave them bare and kubectl would read booleans).
 */
export function toYaml(o: unknown): string {
  return YAML.stringify(o, { version: '1.1' });
}
