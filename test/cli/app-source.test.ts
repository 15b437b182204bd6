import { realpathSync } from 'fs';
import { join } from 'path';
import { tree } from './support';
import { appSource, constructLine, repositoryRoot } from '../../src/cli/app-source';

const MAIN = "import { App, Chart } from 'cdk8s';\nconst app = new App();\nconst chart = new Chart(app, 'serving');\nnew Endpoint(chart, 'chat', {});\n";

test('--source names the file, relative to the repository root', () => {
  const root = realpathSync(tree({ 'apps/chat/main.ts': MAIN, 'dist/a.yaml': 'kind: ConfigMap\n' }));
  expect(appSource(join(root, 'dist'), root, join(root, 'apps/chat/main.ts'))).toMatchObject({ file: 'apps/chat/main.ts', root });
});

test('without --source, the file of the app: command of the nearest cdk8s.yaml in or above the directory', () => {
  const root = realpathSync(tree({
    'app/cdk8s.yaml': 'language: typescript\napp: npx ts-node -P ../tsconfig.json main.ts\n',
    'app/main.ts': MAIN,
    'app/dist/a.yaml': 'kind: ConfigMap\n',
    'py/cdk8s.yaml': 'app: python3 main.py\n',
    'py/main.py': 'print()\n',
    'py/dist/sub/a.yaml': 'kind: ConfigMap\n',
    'go/cdk8s.yaml': 'app: go run .\n',
    'go/dist/a.yaml': 'kind: ConfigMap\n',
  }));
  expect(appSource(join(root, 'app/dist'), root)?.file).toBe('app/main.ts');
  expect(appSource(join(root, 'py/dist/sub'), root)?.file).toBe('py/main.py');
  expect(appSource(join(root, 'go/dist'), root)).toBeUndefined();
  expect(appSource(join(root, 'app/dist'), join(root, 'py'))).toBeUndefined();
});

test('a --source that does not exist or lies outside the repository root is bad input', () => {
  const root = realpathSync(tree({ 'main.ts': MAIN, 'repo/dist/a.yaml': 'kind: ConfigMap\n' }));
  expect(() => appSource(root, root, join(root, 'nope.ts'))).toThrow(/--source .*nope\.ts: no such file/);
  expect(() => appSource(root, join(root, 'repo'), join(root, 'main.ts'))).toThrow(/main\.ts is not under the repository root .*repo\. Give --repo-root/);
  expect(() => repositoryRoot(join(root, 'missing'))).toThrow(/--repo-root .*missing: no such directory/);
});

test('the line of an object is the first quoting the deepest segment of its construct path the source quotes, else its name, else 1', () => {
  const root = realpathSync(tree({ 'main.ts': MAIN }));
  const source = appSource(root, root, join(root, 'main.ts'))!;
  expect(constructLine(source, 'serving/chat/deployment')).toBe(4);
  expect(constructLine(source, 'serving/debug')).toBe(3);
  expect(constructLine(source, 'other/thing')).toBe(1);
  expect(constructLine(source, undefined, 'chat')).toBe(4);
  expect(constructLine(source, 'other/thing', 'serving')).toBe(3);
  expect(constructLine(source, undefined)).toBe(1);
});
