import { realpathSync } from 'fs';
import { join } from 'path';
import { tree } from './support';
import { AppSourceMap } from '../../src/cli/app-source-map';
import { CliError } from '../../src/cli/cli-error';

const MAIN = "const app = new App();\nnew Chart(app, 'serving');\n";

function repo(): string {
  return realpathSync(tree({
    'apps/chat/main.ts': MAIN,
    'apps/vision/main.py': 'app = App()\n',
    'apps/all.ts': MAIN,
    'dist/chat/a.yaml': 'kind: ConfigMap\n',
    'dist/chat/sub/b.yaml': 'kind: ConfigMap\n',
    'dist/vision/a.yaml': 'kind: ConfigMap\n',
    'dist/other/a.yaml': 'kind: ConfigMap\n',
    'elsewhere/a.yaml': 'kind: ConfigMap\n',
    'py/cdk8s.yaml': 'app: python3 main.py\n',
    'py/main.py': 'app = App()\n',
    'py/dist/a.yaml': 'kind: ConfigMap\n',
  }));
}

test('<dir>=<file>, repeated: each manifest takes the source of the deepest directory that holds it', () => {
  const root = repo();
  const map = AppSourceMap.fromOptions(join(root, 'dist'), root, [
    `${join(root, 'dist/chat')}=${join(root, 'apps/chat/main.ts')}`,
    `${join(root, 'dist/vision')}=${join(root, 'apps/vision/main.py')}`,
    `${join(root, 'dist/chat/sub')}=${join(root, 'apps/all.ts')}`,
  ]);
  expect(map.sourceOf(join(root, 'dist/chat/a.yaml'))?.file).toBe('apps/chat/main.ts');
  expect(map.sourceOf(join(root, 'dist/chat/sub/b.yaml'))?.file).toBe('apps/all.ts');
  expect(map.sourceOf(join(root, 'dist/vision/a.yaml'))?.file).toBe('apps/vision/main.py');
  expect(map.sourceOf(join(root, 'dist/other/a.yaml'))).toBeUndefined();
  expect(map.root).toBe(root);
});

test('a <file> alone is the source of every manifest no <dir> holds', () => {
  const root = repo();
  const map = AppSourceMap.fromOptions(join(root, 'dist'), root, [join(root, 'apps/all.ts'), `${join(root, 'dist/chat')}=${join(root, 'apps/chat/main.ts')}`]);
  expect(map.sourceOf(join(root, 'dist/chat/a.yaml'))?.file).toBe('apps/chat/main.ts');
  expect(map.sourceOf(join(root, 'dist/other/a.yaml'))?.file).toBe('apps/all.ts');
  expect(map.sourceOf()?.file).toBe('apps/all.ts');
});

test('without --source, the cdk8s.yaml nearest each manifest names its app', () => {
  const root = repo();
  const map = AppSourceMap.fromOptions(root, root, []);
  expect(map.sourceOf(join(root, 'py/dist/a.yaml'))?.file).toBe('py/main.py');
  expect(map.sourceOf(join(root, 'dist/chat/a.yaml'))).toBeUndefined();
});

test('a bad --source value is bad input naming the flag, the value and the fix', () => {
  const root = repo();
  const main = join(root, 'apps/chat/main.ts');
  const chat = join(root, 'dist/chat');
  const bad = (...values: string[]) => () => AppSourceMap.fromOptions(join(root, 'dist'), root, values);
  expect(bad(`=${main}`)).toThrow(CliError);
  expect(bad(`=${main}`)).toThrow(`--source =${main}: no directory before "=". --source takes <file> (the app of the whole tree) or <dir>=<file>`);
  expect(bad(`${chat}=`)).toThrow(`--source ${chat}=: no file after "=". --source takes <file>`);
  expect(bad(`${join(root, 'nope')}=${main}`)).toThrow(`--source ${join(root, 'nope')}=${main}: ${join(root, 'nope')} is no directory. Give the directory the app synthesised into, then "=", then the app's entry file.`);
  expect(bad(`${join(root, 'elsewhere')}=${main}`)).toThrow(`--source ${join(root, 'elsewhere')}=${main}: ${join(root, 'elsewhere')} is not in the tree checked, ${join(root, 'dist')}. Give ${join(root, 'dist')} or a directory under it before "=".`);
  expect(bad(`${chat}=${main}`, `${chat}=${join(root, 'apps/all.ts')}`)).toThrow(`--source ${chat}=${join(root, 'apps/all.ts')}: ${chat} already has a source, apps/chat/main.ts. Give one source per directory.`);
  expect(bad(`${chat}=${join(root, 'nope.ts')}`)).toThrow(`--source ${chat}=${join(root, 'nope.ts')}: ${join(root, 'nope.ts')} is no file. Give the app's entry file (e.g. main.ts), relative to the working directory, after "=".`);
  expect(bad(main, join(root, 'apps/all.ts'))).toThrow(`--source ${join(root, 'apps/all.ts')}: a second source for the whole tree (the first is apps/chat/main.ts). --source takes <file>`);
  expect(() => AppSourceMap.fromOptions(join(root, 'dist'), join(root, 'dist'), [`${chat}=${main}`]))
    .toThrow(`--source ${chat}=${main}: ${main} is not under the repository root ${join(root, 'dist')}. Give --repo-root`);
});
