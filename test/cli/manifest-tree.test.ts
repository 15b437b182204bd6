import { tree } from './support';
import { manifestFiles, readManifestTree } from '../../src/cli/manifest-tree';

test('reads *.yaml and *.yml recursively, every document of a multi-document file, with the line each starts on', () => {
  const dir = tree({
    'a.yaml': '# comment\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two\n',
    'sub/deeper/b.yml': 'kind: Secret\nmetadata:\n  name: s\n',
    'notes.txt': 'kind: ConfigMap',
    'values.yaml': 'replicas: 3\n',
  });
  expect(manifestFiles(dir).map((f) => f.slice(dir.length + 1))).toStrictEqual(['a.yaml', 'sub/deeper/b.yml', 'values.yaml']);
  const objects = readManifestTree(dir);
  expect(objects.map((o) => `${o.object.metadata.name} ${o.file.split('/').slice(-1)[0]}:${o.line}`)).toStrictEqual(['one a.yaml:2', 'two a.yaml:8', 's b.yml:1']);
});

test('a file, not a directory, is refused', () => {
  const dir = tree({ 'a.yaml': 'kind: ConfigMap\n' });
  expect(() => readManifestTree(`${dir}/a.yaml`)).toThrow(/a\.yaml: not a directory/);
});

test('progress goes to the callback for large trees', () => {
  const files: { [p: string]: string } = {};
  for (let i = 0; i < 25; i++) files[`f${String(i).padStart(2, '0')}.yaml`] = `kind: ConfigMap\nmetadata:\n  name: c${i}\n`;
  const messages: string[] = [];
  readManifestTree(tree(files), (m) => messages.push(m));
  expect(messages[0]).toMatch(/^reading 1\/25: /);
  expect(messages[messages.length - 1]).toMatch(/^read 25 object\(s\) from 25 file\(s\)/);
});

test('each object carries the construct path of its directory\'s construct-metadata.json, unless its name is shared', () => {
  const dir = tree({
    'a/app.k8s.yaml': 'kind: ConfigMap\nmetadata:\n  name: one\n---\nkind: Secret\nmetadata:\n  name: shared\n---\nkind: Service\nmetadata:\n  name: shared\n',
    'a/construct-metadata.json': JSON.stringify({ version: '1.0.0', resources: { one: { path: 'app/c/one' }, shared: { path: 'app/c/svc' } } }),
    'b/app.k8s.yaml': 'kind: ConfigMap\nmetadata:\n  name: one\n',
  });
  expect(readManifestTree(dir).map((o) => `${o.object.kind} ${o.constructPath}`)).toStrictEqual(['ConfigMap app/c/one', 'Secret undefined', 'Service undefined', 'ConfigMap undefined']);
});
