import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative, sep } from 'path';
import { LineCounter, parseAllDocuments } from 'yaml';
import { CliError } from './cli-error';

/** One Kubernetes object read from a file, with where it was found. @internal */
export interface LocatedObject {
  readonly object: any;
  /** The file, relative to the working directory, with `/` separators. */
  readonly file: string;
  /** The 1-based line where the object's document starts. */
  readonly line: number;
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
  const objects: LocatedObject[] = [];
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
      objects.push({ object, file, line: lineCounter.linePos(start).line });
    }
  });
  if (objects.length === 0) {
    throw new CliError(`${dir}: no Kubernetes object found (${files.length} YAML file(s)). Synthesise first (cdk8s synth, npm run synth:examples), or give the directory that holds the manifests.`);
  }
  progress(`read ${objects.length} object(s) from ${files.length} file(s) under ${dir}`);
  return objects;
}
