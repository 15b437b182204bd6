import { existsSync, readFileSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import { CliError } from './cli-error';
import { CONSTRUCT_PATHS_FILE, CONSTRUCT_PATHS_FORMAT, constructPathKey } from '../facts/construct-paths-file';

/**
 * The `secure-ai-construct-paths.json` that covers the manifests of `dir`: the one in `dir` or in
 * the nearest directory above it, up to and including `top` (the tree being checked). Undefined
 * when there is none: the tree was not synthesised by an app of this library recording construct
 * metadata.
 * @internal
 */
export function constructPathsFileFor(dir: string, top: string): string | undefined {
  const stop = resolve(top);
  for (let d = resolve(dir); ; d = dirname(d)) {
    const file = join(d, CONSTRUCT_PATHS_FILE);
    if (existsSync(file)) return file;
    const rel = relative(stop, d);
    if (rel === '' || rel.startsWith('..') || d === dirname(d)) return undefined;
  }
}

/**
 * The construct path of each object recorded in a `secure-ai-construct-paths.json`, keyed by the
 * object's identity (`constructPathKey`: apiVersion, kind, namespace, name). An identity recorded
 * twice (two objects of the app synthesised alike) gets no path: the file cannot say which one it is.
 * A file that is not what the library writes is bad input, naming the file, the field and what was found.
 * @internal
 */
export function readConstructPaths(file: string): Map<string, string> {
  const fix = `Remove ${file}, or synthesise again with this version of cdk8s-secure-ai (CDK8S_RECORD_CONSTRUCT_METADATA=true).`;
  let content: any;
  try {
    content = JSON.parse(readFileSync(file, 'utf-8'));
  } catch (e: any) {
    throw new CliError(`${file}: not JSON (${e.message}). ${fix}`);
  }
  if (content?.format !== CONSTRUCT_PATHS_FORMAT) {
    throw new CliError(`${file}: "format" is ${JSON.stringify(content?.format)}, expected "${CONSTRUCT_PATHS_FORMAT}". ${fix}`);
  }
  if (!Array.isArray(content.objects)) {
    throw new CliError(`${file}: "objects" is ${JSON.stringify(content.objects)}, expected a list of { apiVersion, kind, namespace, name, path }. ${fix}`);
  }
  const paths = new Map<string, string>();
  const repeated = new Set<string>();
  content.objects.forEach((entry: any, i: number) => {
    for (const field of ['apiVersion', 'kind', 'name', 'path']) {
      if (typeof entry?.[field] !== 'string' || entry[field] === '') {
        throw new CliError(`${file}: objects[${i}].${field} is ${JSON.stringify(entry?.[field])}, expected a non-empty string. ${fix}`);
      }
    }
    if (entry.namespace !== undefined && typeof entry.namespace !== 'string') {
      throw new CliError(`${file}: objects[${i}].namespace is ${JSON.stringify(entry.namespace)}, expected a string or no namespace. ${fix}`);
    }
    const key = constructPathKey(entry.apiVersion, entry.kind, entry.namespace, entry.name);
    if (paths.has(key)) repeated.add(key);
    paths.set(key, entry.path);
  });
  for (const key of repeated) paths.delete(key);
  return paths;
}

/** The identity of a manifest's object, as `readConstructPaths` keys it. @internal */
export function objectIdentity(object: any): string {
  return constructPathKey(object?.apiVersion, object?.kind, object?.metadata?.namespace, object?.metadata?.name);
}
