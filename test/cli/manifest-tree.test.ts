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

describe('with the library\'s secure-ai-construct-paths.json', () => {
  const record = (objects: any[]) => JSON.stringify({ format: 'secure-ai.cdk8s.io/construct-paths/v1', objects });
  const shared = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: chat\n  namespace: llm\n---\n'
    + 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: chat\n  namespace: llm\n---\n'
    + 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: chat\n  namespace: llm\n';
  const paths = [
    { apiVersion: 'v1', kind: 'Service', namespace: 'llm', name: 'chat', path: 'serving/chat/model/service' },
    { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'llm', name: 'chat', path: 'serving/chat/model/deployment' },
    { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', namespace: 'llm', name: 'chat', path: 'serving/chat/ingress' },
  ];

  test('objects that share a name each get their own construct path, whatever cdk8s\' file says', () => {
    const dir = tree({
      'serving.k8s.yaml': shared,
      'secure-ai-construct-paths.json': record(paths),
      'construct-metadata.json': JSON.stringify({ version: '1.0.0', resources: { chat: { path: 'serving/chat/ingress' } } }),
    });
    expect(readManifestTree(dir).map((o) => `${o.object.kind} ${o.constructPath}`))
      .toStrictEqual(['Service serving/chat/model/service', 'Deployment serving/chat/model/deployment', 'Ingress serving/chat/ingress']);
  });

  test('a mixed tree: objects the app did not synthesise get no path; a directory without the record falls back to cdk8s\' file, then to none', () => {
    const dir = tree({
      'app/serving.k8s.yaml': shared,
      'app/added.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: chat\n  namespace: llm\n',
      'app/construct-metadata.json': JSON.stringify({ version: '1.0.0', resources: { chat: { path: 'serving/chat/ingress' } } }),
      'app/secure-ai-construct-paths.json': record(paths),
      'plain/a.k8s.yaml': 'kind: ConfigMap\nmetadata:\n  name: one\n',
      'plain/construct-metadata.json': JSON.stringify({ version: '1.0.0', resources: { one: { path: 'plain/one' } } }),
      'none/a.yaml': 'kind: ConfigMap\nmetadata:\n  name: one\n',
    });
    expect(readManifestTree(dir).map((o) => `${o.file.split('/').slice(-2).join('/')} ${o.object.kind} ${o.constructPath}`)).toStrictEqual([
      'app/added.yaml ConfigMap undefined',
      'app/serving.k8s.yaml Service serving/chat/model/service',
      'app/serving.k8s.yaml Deployment serving/chat/model/deployment',
      'app/serving.k8s.yaml Ingress serving/chat/ingress',
      'none/a.yaml ConfigMap undefined',
      'plain/a.k8s.yaml ConfigMap plain/one',
    ]);
  });

  test('manifests in subdirectories use the record at the top of the app\'s output', () => {
    const dir = tree({ 'serving/Service.chat.k8s.yaml': shared.split('---\n')[0], 'secure-ai-construct-paths.json': record(paths) });
    expect(readManifestTree(dir).map((o) => o.constructPath)).toStrictEqual(['serving/chat/model/service']);
  });
});
