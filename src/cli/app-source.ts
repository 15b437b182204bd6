import { execFileSync } from 'child_process';
import { existsSync, readFileSync, statSync } from 'fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'path';
import { parse } from 'yaml';
import { CliError } from './cli-error';

/** The source file of the app that synthesised a tree, relative to the repository root. @internal */
export interface AppSource {
  /** The file, relative to `root`, with `/` separators. */
  readonly file: string;
  /** The repository root, absolute. */
  readonly root: string;
  /** The file's text, to find a construct's line in. */
  readonly text: string;
}

const SOURCE_FILE = /\.(ts|mts|cts|js|mjs|cjs|py|go|java|kt|cs)$/;

/** The repository root: the given one, else git's top level of the working directory, else the working directory. @internal */
export function repositoryRoot(given?: string): string {
  if (given !== undefined) {
    if (!existsSync(given) || !statSync(given).isDirectory()) throw new CliError(`--repo-root ${given}: no such directory. Give the repository's top-level directory.`);
    return resolve(given);
  }
  try {
    return execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf-8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return process.cwd();
  }
}

/**
 * The app's source file for the manifests under `dir`: `source` when given (it must exist under
 * the repository root), else the file named by the `app:` command of the nearest `cdk8s.yaml` in
 * or above `dir` (e.g. `npx ts-node main.ts` → `main.ts`), resolved from that file's directory.
 * Undefined when neither names a source file, or the cdk8s.yaml's file is outside the repository.
 * @internal
 */
export function appSource(dir: string, root: string, source?: string): AppSource | undefined {
  if (source !== undefined) {
    if (!existsSync(source) || !statSync(source).isFile()) throw new CliError(`--source ${source}: no such file. Give the app's entry file (e.g. main.ts), relative to the working directory.`);
    return located(resolve(source), root, `--source ${source}`);
  }
  for (let d = resolve(dir); ; d = dirname(d)) {
    const config = join(d, 'cdk8s.yaml');
    if (existsSync(config)) {
      const app = parse(readFileSync(config, 'utf-8'))?.app;
      const file = typeof app === 'string' ? app.split(/\s+/).reverse().find((t) => SOURCE_FILE.test(t)) : undefined;
      if (file === undefined) return undefined;
      const path = resolve(d, file);
      const rel = relative(root, path);
      return existsSync(path) && !rel.startsWith('..') && !isAbsolute(rel) ? located(path, root, config) : undefined;
    }
    if (d === dirname(d)) return undefined;
  }
}

function located(path: string, root: string, from: string): AppSource {
  const rel = relative(root, path);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw new CliError(`${from}: ${path} is not under the repository root ${root}. Give --repo-root, or run from inside the repository.`);
  }
  return { file: rel.split(sep).join('/'), root, text: readFileSync(path, 'utf-8') };
}

/**
 * The line of the app's source that most likely creates an object: the first line quoting the
 * deepest segment of its construct path that the source quotes (the id passed to
 * `new X(scope, 'id')`), else the first quoting the object's name, else line 1 (the file as a whole).
 * @internal
 */
export function constructLine(source: AppSource, constructPath: string | undefined, objectName?: string): number {
  const lines = source.text.split('\n');
  const candidates = [...(constructPath ?? '').split('/').reverse(), objectName ?? ''].filter((s) => s !== '');
  for (const segment of candidates) {
    const i = lines.findIndex((l) => [`'${segment}'`, `"${segment}"`, `\`${segment}\``].some((q) => l.includes(q)));
    if (i >= 0) return i + 1;
  }
  return 1;
}
