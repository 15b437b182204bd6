import { readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, sep } from 'path';
import { LineCounter, parseAllDocuments } from 'yaml';
import { CliError } from './cli-error';
import { constructPaths } from './construct-metadata';
import { constructPathsFileFor, objectIdentity, readConstructPaths } from './construct-paths-file';

/** One Kubernetes object read from a file, with where it was found. @internal */
export interface LocatedObject {
  readonly object: any;
  /** The file, relative to the working directory, with `/` separators. */
  readonly file: string;
  /** The 1-based line where the object's document starts. */
  readonly line: number;
  /**
   * The path of the construct that synthesised the object: from the `secure-ai-construct-paths.json`
   * of the object's directory or the nearest one above it in the tree (keyed by apiVersion, kind,
   * namespace and name), else from the `construct-metadata.json` of the object's directory (cdk8s',
   * keyed by name only).
   * @default - none: no metadata, an object the app did not synthesise, or (cdk8s' file only) the
   * object's name is shared by another object of the directory
   */
  readonly constructPath?: string;
}

/** Every `*.yaml` and `*.yml` file under a directory, recursively, sorted. @internal */
export function manifestFiles(dir: string): string[] {
  let stat;
  try {
    stat = statSync(dir);
  } catch {
    throw new CliError(`${dir}: no such directory. Give the directory the manifests were synthesised into (e.g. dist/ or dist/examples/<example>).`);
  }
  if (!stat.isDirectory()) throw new CliError(`${dir}: not a directory. Give the directory the manifests were synthesised into.`);
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) out.push(path);
    }
  };
  walk(dir);
  return out;
}

/**
 * Reads every Kubernetes object (a document with `kind`) of every YAML file under `dir`,
 * multi-document files included, with the file and line of each. Unparsable YAML fails with the
 * file and line; a tree without any object fails too, since a check of nothing proves nothing.
 * @internal
 */
export function readManifestTree(dir: string, progress: (message: string) => void = () => undefined): LocatedObject[] {
  const files = manifestFiles(dir);
  const read: (LocatedObject & { dir: string })[] = [];
  files.forEach((path, i) => {
    const file = relative(process.cwd(), path).split(sep).join('/');
    if (files.length > 20 && i % 20 === 0) progress(`reading ${i + 1}/${files.length}: ${file}`);
    const lineCounter = new LineCounter();
    const docs = parseAllDocuments(readFileSync(path, 'utf-8'), { lineCounter });
    for (const doc of Array.isArray(docs) ? docs : [docs]) {
      const error = doc.errors[0];
      if (error) {
        const line = error.linePos?.[0]?.line ?? lineCounter.linePos(error.pos[0]).line;
        throw new CliError(`${file}:${line}: unparsable YAML: ${error.message.split('\n')[0]}`);
      }
      const object = doc.toJSON();
      if (object === null || typeof object !== 'object' || typeof object.kind !== 'string') continue;
      const start = doc.contents?.range?.[0] ?? 0;
      read.push({ object, file, line: lineCounter.linePos(start).line, dir: dirname(path) });
    }
  });
  // This library's record, keyed by identity, where the app wrote one; else cdk8s' file, keyed by name.
  const recorded = new Map<string, Map<string, string>>();
  const byName = new Map<string, Map<string, string>>();
  const pathOf = (d: string, object: any): string | undefined => {
    const file = constructPathsFileFor(d, dir);
    if (file !== undefined) {
      if (!recorded.has(file)) recorded.set(file, readConstructPaths(file));
      return recorded.get(file)!.get(objectIdentity(object));
    }
    if (!byName.has(d)) byName.set(d, constructPaths(d, read.filter((o) => o.dir === d).map((o) => String(o.object.metadata?.name))));
    return byName.get(d)!.get(String(object.metadata?.name));
  };
  const objects: LocatedObject[] = read.map(({ dir: d, ...o }) => {
    const constructPath = pathOf(d, o.object);
    return constructPath ? { ...o, constructPath } : o;
  });
  if (objects.length === 0) {
    throw new CliError(`${dir}: no Kubernetes object found (${files.length} YAML file(s)). Synthesise first (cdk8s synth, npm run synth:examples), or give the directory that holds the manifests.`);
  }
  progress(`read ${objects.length} object(s) from ${files.length} file(s) under ${dir}`);
  return objects;
}
