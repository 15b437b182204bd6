import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart } from 'cdk8s';
import { parseAllDocuments } from 'yaml';

/** The file the app's `SecureAiPlatform` writes the platform team's objects to. */
export const PLATFORM_OWNED_FILE = 'secure-ai-platform-owned.k8s.yaml';
/** The file of the controllers' settings. */
export const CONTROLLERS_FILE = 'secure-ai-controllers.k8s.yaml';

/** An app that synthesises into a directory of its own under the system's temporary directory. */
export function testApp(): App {
  return new App({ outdir: mkdtempSync(join(tmpdir(), 'secure-ai-synth-')) });
}

/** A chart with id `id` in a `testApp()`. */
export function testChart(id = 'test'): Chart {
  return new Chart(testApp(), id);
}

/**
 * Synthesises the whole app as `cdk8s synth` does (validation included) and returns what it
 * wrote: each file's name with its objects, in file order. The output directory is removed.
 */
export function synthApp(app: App): { [file: string]: any[] } {
  if (!app.outdir.startsWith(tmpdir())) throw new Error(`synthApp writes to and removes its app's outdir: use testApp(), not ${app.outdir}`);
  try {
    app.synth();
    const files: { [file: string]: any[] } = {};
    for (const file of readdirSync(app.outdir).filter((f) => f.endsWith('.yaml')).sort()) {
      files[file] = parseAllDocuments(readFileSync(join(app.outdir, file), 'utf-8')).map((d) => d.toJSON()).filter((o) => o);
    }
    return files;
  } finally {
    rmSync(app.outdir, { recursive: true, force: true });
  }
}

/** The objects of one file of `synthApp`'s result, failing when the app wrote no such file. */
export function fileOf(files: { [file: string]: any[] }, file: string): any[] {
  const objects = files[file];
  if (objects === undefined) throw new Error(`no ${file} among ${Object.keys(files).join(', ')}`);
  return objects;
}
