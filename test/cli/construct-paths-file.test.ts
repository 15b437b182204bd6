import { join } from 'path';
import { tree } from './support';
import { CliError } from '../../src/cli/cli-error';
import { constructPathsFileFor, objectIdentity, readConstructPaths } from '../../src/cli/construct-paths-file';

const FORMAT = 'secure-ai.cdk8s.io/construct-paths/v1';
const record = (objects: any) => JSON.stringify({ format: FORMAT, objects });
const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'chat', namespace: 'llm' } };
const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'chat', namespace: 'llm' } };

test('objects that share a name get each its own construct path, matched by apiVersion, kind, namespace and name', () => {
  const dir = tree({
    'secure-ai-construct-paths.json': record([
      { apiVersion: 'v1', kind: 'Service', namespace: 'llm', name: 'chat', path: 'serving/chat/model/service' },
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'llm', name: 'chat', path: 'serving/chat/model/deployment' },
      { apiVersion: 'v1', kind: 'Namespace', name: 'llm', path: 'secure-ai-platform-owned/serving/chat/namespace' },
    ]),
  });
  const paths = readConstructPaths(join(dir, 'secure-ai-construct-paths.json'));
  expect(paths.get(objectIdentity(service))).toBe('serving/chat/model/service');
  expect(paths.get(objectIdentity(deployment))).toBe('serving/chat/model/deployment');
  expect(paths.get(objectIdentity({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'llm' } }))).toBe('secure-ai-platform-owned/serving/chat/namespace');
  expect(paths.get(objectIdentity({ ...service, metadata: { name: 'chat', namespace: 'other' } }))).toBeUndefined();
});

test('an identity recorded twice gets no path: the file cannot say which one it is', () => {
  const dir = tree({
    'secure-ai-construct-paths.json': record([
      { apiVersion: 'v1', kind: 'Service', namespace: 'llm', name: 'chat', path: 'a/service' },
      { apiVersion: 'v1', kind: 'Service', namespace: 'llm', name: 'chat', path: 'b/service' },
    ]),
  });
  expect(readConstructPaths(join(dir, 'secure-ai-construct-paths.json')).size).toBe(0);
});

test('the file of a directory is its own or the nearest above it, up to the tree checked, never above it', () => {
  const dir = tree({ 'secure-ai-construct-paths.json': record([]), 'app/chart/x.yaml': 'kind: ConfigMap\n', 'other/x.yaml': 'kind: ConfigMap\n' });
  expect(constructPathsFileFor(join(dir, 'app/chart'), dir)).toBe(join(dir, 'secure-ai-construct-paths.json'));
  expect(constructPathsFileFor(join(dir, 'app/chart'), join(dir, 'app'))).toBeUndefined();
  expect(constructPathsFileFor(join(dir, 'other'), join(dir, 'other'))).toBeUndefined();
});

test('a file that is not what the library writes is bad input, naming the file, the field, the value and the fix', () => {
  const read = (content: string) => () => readConstructPaths(join(tree({ 'secure-ai-construct-paths.json': content }), 'secure-ai-construct-paths.json'));
  expect(read('{ nope')).toThrow(CliError);
  expect(read('{ nope')).toThrow(/secure-ai-construct-paths\.json: not JSON .*Remove .*, or synthesise again/);
  expect(read(JSON.stringify({ format: 'v0', objects: [] }))).toThrow(/"format" is "v0", expected "secure-ai\.cdk8s\.io\/construct-paths\/v1"/);
  expect(read(JSON.stringify({ format: FORMAT, objects: {} }))).toThrow(/"objects" is \{\}, expected a list/);
  expect(read(record([{ apiVersion: 'v1', kind: 'Service', name: 'chat' }]))).toThrow(/objects\[0\]\.path is undefined, expected a non-empty string/);
  expect(read(record([{ apiVersion: 'v1', kind: 'Service', name: 'chat', namespace: 3, path: 'p' }]))).toThrow(/objects\[0\]\.namespace is 3, expected a string/);
});
