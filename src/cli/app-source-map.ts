import { existsSync, statSync } from 'fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'path';
import { AppSource, appSource } from './app-source';
import { CliError } from './cli-error';

const FORMS = '--source takes <file> (the app of the whole tree) or <dir>=<file> (the app that synthesised <dir>, repeatable),'
  + ' e.g. --source dist/examples/chat=examples/chat/main.ts';

/**
 * The app source of each manifest of a checked tree: `check --source` given as `<file>` (the app
 * of the whole tree, at most once) or as `<dir>=<file>`, repeatable (the app that synthesised
 * `<dir>`, a directory of the tree: a tree of several apps' outputs). A manifest takes the source
 * of the deepest `<dir>` that holds it, else the `<file>` of the whole tree, else the file named by
 * the `app:` command of the nearest `cdk8s.yaml` in or above the manifest's directory.
 * Every value is checked before anything is read: a bad one fails naming the flag, the value and the fix.
 * @internal
 */
export class AppSourceMap {
  /** Reads the `--source` values given for the tree `tree` (none: every source is found from cdk8s.yaml). */
  public static fromOptions(tree: string, root: string, values: readonly string[]): AppSourceMap {
    const top = resolve(tree);
    const byDir = new Map<string, AppSource>();
    let whole: AppSource | undefined;
    for (const value of values) {
      const eq = value.indexOf('=');
      if (eq < 0) {
        if (whole !== undefined) {
          throw new CliError(`--source ${value}: a second source for the whole tree (the first is ${whole.file}). ${FORMS}.`);
        }
        whole = appSource(tree, root, value)!;
        continue;
      }
      const dir = value.slice(0, eq);
      const file = value.slice(eq + 1);
      if (dir === '' || file === '') {
        throw new CliError(`--source ${value}: ${dir === '' ? 'no directory before' : 'no file after'} "=". ${FORMS}.`);
      }
      if (!existsSync(dir) || !statSync(dir).isDirectory()) {
        throw new CliError(`--source ${value}: ${dir} is no directory. Give the directory the app synthesised into, then "=", then the app's entry file. ${FORMS}.`);
      }
      const rel = relative(top, resolve(dir));
      if (rel.startsWith('..') || isAbsolute(rel)) {
        throw new CliError(`--source ${value}: ${dir} is not in the tree checked, ${tree}. Give ${tree} or a directory under it before "=".`);
      }
      if (byDir.has(resolve(dir))) {
        throw new CliError(`--source ${value}: ${dir} already has a source, ${byDir.get(resolve(dir))!.file}. Give one source per directory.`);
      }
      if (!existsSync(file) || !statSync(file).isFile()) {
        throw new CliError(`--source ${value}: ${file} is no file. Give the app's entry file (e.g. main.ts), relative to the working directory, after "=".`);
      }
      try {
        byDir.set(resolve(dir), appSource(dir, root, file)!);
      } catch (e: any) {
        throw e instanceof CliError ? new CliError(e.message.replace(`--source ${file}:`, `--source ${value}:`)) : e;
      }
    }
    return new AppSourceMap(top, root, byDir, whole);
  }

  private readonly found = new Map<string, AppSource | undefined>();

  private constructor(
    private readonly top: string,
    /** The repository root, absolute: SARIF's `%SRCROOT%`. */
    public readonly root: string,
    private readonly byDir: Map<string, AppSource>,
    private readonly whole: AppSource | undefined,
  ) {}

  /**
   * The source of the app that synthesised a manifest (its file as read, relative to the working
   * directory), or of the tree as a whole when no manifest is given.
   * @returns undefined when no `--source` covers it and no cdk8s.yaml names a source file in the repository
   */
  public sourceOf(manifest?: string): AppSource | undefined {
    const dir = manifest === undefined ? this.top : dirname(resolve(manifest));
    let deepest: string | undefined;
    for (const d of this.byDir.keys()) {
      const rel = relative(d, dir);
      if (!rel.startsWith('..') && !isAbsolute(rel) && (deepest === undefined || d.split(sep).length > deepest.split(sep).length)) deepest = d;
    }
    if (deepest !== undefined) return this.byDir.get(deepest);
    if (this.whole !== undefined) return this.whole;
    if (!this.found.has(dir)) this.found.set(dir, appSource(dir, this.root));
    return this.found.get(dir);
  }
}
