/**
 * Makes a deliberately weakened copy of a synthesised tree, for the command line's proof:
 * the namespace's default-deny NetworkPolicy dropped, a Role granting * on * (bound to a group),
 * and egress to 0.0.0.0/0 opened from the model pods. With --strip-annotations every
 * secure-ai.cdk8s.io/* annotation is removed too, so the check must find the same failures
 * from the objects' content alone.
 *
 *   ts-node -P tsconfig.dev.json scripts/ci/weaken-manifests.ts <source-dir> <out-dir> --namespace <ns> --pods <app name> [--strip-annotations]
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments, stringify } from 'yaml';

export interface Weakening {
  readonly namespace: string;
  /** The `app.kubernetes.io/name` of the pods whose egress is opened. */
  readonly pods: string;
  readonly stripAnnotations: boolean;
}

function isDefaultDeny(o: any, namespace: string): boolean {
  return o.kind === 'NetworkPolicy' && o.metadata?.namespace === namespace && Object.keys(o.spec?.podSelector ?? {}).length === 0
    && ['Ingress', 'Egress'].every((t) => (o.spec?.policyTypes ?? []).includes(t)) && !(o.spec?.ingress?.length) && !(o.spec?.egress?.length);
}

function strip(o: any): any {
  const annotations = o.metadata?.annotations;
  if (!annotations) return o;
  const kept = Object.fromEntries(Object.entries(annotations).filter(([k]) => !k.startsWith('secure-ai.cdk8s.io/')));
  const metadata = { ...o.metadata, annotations: kept };
  if (Object.keys(kept).length === 0) delete metadata.annotations;
  return { ...o, metadata };
}

/** The objects the weakening adds. */
export function addedObjects(w: Weakening): any[] {
  return [
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'debug', namespace: w.namespace }, rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'debug', namespace: w.namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'debug' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'ml-team' }],
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'egress-anywhere', namespace: w.namespace },
      spec: { podSelector: { matchLabels: { 'app.kubernetes.io/name': w.pods } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] },
    },
  ];
}

/**
 * Writes the weakened copy of every YAML file of `source` into `out`, with its construct-metadata.json
 * and secure-ai-construct-paths.json (the added objects have no construct); returns the number of
 * default-deny policies dropped.
 */
export function weakenTree(source: string, out: string, w: Weakening): number {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  let dropped = 0;
  for (const file of readdirSync(source).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const objects = parseAllDocuments(readFileSync(join(source, file), 'utf-8')).map((d) => d.toJSON())
      .filter((o) => {
        if (isDefaultDeny(o, w.namespace)) {
          dropped++;
          return false;
        }
        return true;
      })
      .map((o) => (w.stripAnnotations ? strip(o) : o));
    writeFileSync(join(out, file), objects.map((o) => stringify(o)).join('---\n'));
  }
  for (const metadata of ['construct-metadata.json', 'secure-ai-construct-paths.json']) {
    if (existsSync(join(source, metadata))) copyFileSync(join(source, metadata), join(out, metadata));
  }
  writeFileSync(join(out, 'weakened.k8s.yaml'), addedObjects(w).map((o) => stringify(o)).join('---\n'));
  return dropped;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const [source, out] = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.match(/^--(namespace|pods)$/));
  const namespace = flag('namespace');
  const pods = flag('pods');
  if (!source || !out || !namespace || !pods) {
    console.error('usage: weaken-manifests.ts <source-dir> <out-dir> --namespace <ns> --pods <app name> [--strip-annotations]');
    process.exit(2);
  }
  const dropped = weakenTree(source, out, { namespace, pods, stripAnnotations: args.includes('--strip-annotations') });
  if (dropped === 0) {
    console.error(`no default-deny NetworkPolicy in namespace ${namespace} under ${source}: nothing to drop`);
    process.exit(1);
  }
  console.log(`${out}: default-deny dropped from ${namespace}, Role debug (* on *) bound to group ml-team, egress to 0.0.0.0/0 from ${pods}`);
}
