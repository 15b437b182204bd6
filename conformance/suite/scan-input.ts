import * as fs from 'fs';
import * as path from 'path';
import { ExampleContext } from './context';
import { isApiObject, objectRef, toYaml } from './manifests';

/**
 * Copies of the example's manifest files holding only API objects (the audit policy is a
 * configuration file of the API server, not an object), for the file-based scanners.
 */
export function scanFiles(ctx: ExampleContext): string[] {
  const dir = path.join(ctx.workDir, 'scan');
  fs.mkdirSync(dir, { recursive: true });
  const byFile = new Map<string, any[]>();
  for (const m of ctx.objects) {
    if (!isApiObject(m.object)) continue;
    const list = byFile.get(m.file) ?? [];
    list.push(m.object);
    byFile.set(m.file, list);
  }
  const out: string[] = [];
  for (const [file, objs] of byFile) {
    const target = path.join(dir, path.basename(file));
    fs.writeFileSync(target, objs.map(o => toYaml(o)).join('---\n'));
    out.push(target);
  }
  return out;
}

/** The manifest object a scanner names by kind, namespace and name (namespace may be reported as `default`). */
export function refFor(ctx: ExampleContext, kind: string, namespace: string | undefined, name: string): string {
  const m = ctx.objects.find(o => o.object.kind === kind && o.object.metadata?.name === name
    && (o.object.metadata?.namespace ?? 'default') === (namespace || 'default'));
  return m ? objectRef(m.object) : namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;
}
