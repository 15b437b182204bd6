import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { CliError } from './cli-error';

/** The file cdk8s writes beside the manifests when construct metadata is recorded. @internal */
export const CONSTRUCT_METADATA_FILE = 'construct-metadata.json';

/**
 * The construct path of each object synthesised into `dir`, read from the directory's
 * `construct-metadata.json` (written by cdk8s with `new App({ recordConstructMetadata: true })` or
 * `CDK8S_RECORD_CONSTRUCT_METADATA=true`), keyed by the object's `metadata.name`, as cdk8s keys it.
 * cdk8s keeps one entry per name, so when two objects of the directory share a name (different
 * kinds or namespaces) the entry cannot say which one it belongs to: neither gets a path.
 * Returns an empty map when the directory has no such file.
 * @param names the `metadata.name` of every object read from `dir`, repeats included
 * @internal
 */
export function constructPaths(dir: string, names: readonly string[]): Map<string, string> {
  const file = join(dir, CONSTRUCT_METADATA_FILE);
  const paths = new Map<string, string>();
  if (!existsSync(file)) return paths;
  let metadata: any;
  try {
    metadata = JSON.parse(readFileSync(file, 'utf-8'));
  } catch (e: any) {
    throw new CliError(`${file}: not JSON (${e.message}). Remove it or synthesise again with CDK8S_RECORD_CONSTRUCT_METADATA=true.`);
  }
  const resources = metadata?.resources;
  if (resources === null || typeof resources !== 'object' || Array.isArray(resources)) {
    throw new CliError(`${file}: "resources" is ${JSON.stringify(resources)}, expected an object of { <metadata.name>: { path } } as cdk8s writes it. Remove it or synthesise again.`);
  }
  const count = new Map<string, number>();
  for (const n of names) count.set(n, (count.get(n) ?? 0) + 1);
  for (const [name, entry] of Object.entries<any>(resources)) {
    if (typeof entry?.path !== 'string') {
      throw new CliError(`${file}: resources.${name}.path is ${JSON.stringify(entry?.path)}, expected the construct path (a string). Remove it or synthesise again.`);
    }
    if (count.get(name) === 1) paths.set(name, entry.path);
  }
  return paths;
}
