import { existsSync, writeFileSync } from 'fs';
import { join } from 'path';
import { ApiObject, App } from 'cdk8s';
import { IConstruct } from 'constructs';
import { CONSTRUCT_PATHS_FILE, CONSTRUCT_PATHS_FORMAT, ConstructPathEntry } from '../facts/construct-paths-file';

/**
 * Every object the app synthesises, each with its identity as synthesised (apiVersion, kind,
 * namespace, name) and the path of the construct that synthesised it: the objects of this
 * library's constructs and those of any other construct of the app (plain `ApiObject`s,
 * `Include`s, cdk8s-plus). Sorted by construct path.
 */
export function constructPathEntries(root: IConstruct): ConstructPathEntry[] {
  return root.node.findAll()
    .filter((c): c is ApiObject => c instanceof ApiObject)
    .map((o) => {
      const json = o.toJson();
      const namespace = json?.metadata?.namespace;
      return {
        apiVersion: String(json?.apiVersion),
        kind: String(json?.kind),
        ...(typeof namespace === 'string' && namespace !== '' ? { namespace } : {}),
        name: String(json?.metadata?.name),
        path: o.node.path,
      };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * Whether the app records construct metadata: `new App({ recordConstructMetadata: true })` or
 * `CDK8S_RECORD_CONSTRUCT_METADATA=true`, the switch cdk8s writes its `construct-metadata.json` by.
 */
export function recordsConstructMetadata(app: App): boolean {
  const recorded: unknown = (app as unknown as { recordConstructMetadata?: unknown }).recordConstructMetadata;
  return typeof recorded === 'boolean' ? recorded : process.env.CDK8S_RECORD_CONSTRUCT_METADATA === 'true';
}

/**
 * Writes `secure-ai-construct-paths.json` into the app's output directory, beside the manifests
 * and cdk8s' `construct-metadata.json`, when the app records construct metadata and its output
 * directory exists. The platform's validation calls it: `app.synth()` creates the directory, then
 * validates, then writes the manifests, so the file is written with them (also when another
 * validation then fails the synthesis: it describes the app that was validated). `synthYaml()`
 * validates too, and writes the file only when the directory already exists. Returns the file
 * written, or undefined.
 */
export function writeConstructPaths(root: IConstruct): string | undefined {
  if (!(root instanceof App) || !recordsConstructMetadata(root) || !existsSync(root.outdir)) return undefined;
  const file = join(root.outdir, CONSTRUCT_PATHS_FILE);
  writeFileSync(file, JSON.stringify({ format: CONSTRUCT_PATHS_FORMAT, objects: constructPathEntries(root) }, null, 2) + '\n');
  return file;
}
