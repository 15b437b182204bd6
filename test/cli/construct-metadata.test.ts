import { tree } from './support';
import { CliError } from '../../src/cli/cli-error';
import { constructPaths } from '../../src/cli/construct-metadata';

const metadata = (resources: any) => JSON.stringify({ version: '1.0.0', resources });

test('maps each object name to the construct path cdk8s recorded for it', () => {
  const dir = tree({ 'construct-metadata.json': metadata({ debug: { path: 'app/rbac/debug' }, llm: { path: 'app/ns/llm' } }) });
  expect([...constructPaths(dir, ['debug', 'llm', 'unrecorded'])]).toStrictEqual([['debug', 'app/rbac/debug'], ['llm', 'app/ns/llm']]);
});

test('a name shared by two objects of the directory gets no path: the entry cannot say which one it is', () => {
  const dir = tree({ 'construct-metadata.json': metadata({ chat: { path: 'app/endpoint/service' }, debug: { path: 'app/rbac/debug' } }) });
  expect([...constructPaths(dir, ['chat', 'chat', 'debug'])]).toStrictEqual([['debug', 'app/rbac/debug']]);
});

test('no construct-metadata.json: no path', () => {
  expect(constructPaths(tree({ 'a.yaml': 'kind: ConfigMap\n' }), ['a']).size).toBe(0);
});

test('a construct-metadata.json that is not what cdk8s writes is bad input, naming the file and what was found', () => {
  expect(() => constructPaths(tree({ 'construct-metadata.json': '{ nope' }), [])).toThrow(CliError);
  expect(() => constructPaths(tree({ 'construct-metadata.json': '{ nope' }), [])).toThrow(/construct-metadata\.json: not JSON/);
  expect(() => constructPaths(tree({ 'construct-metadata.json': '{"resources": []}' }), [])).toThrow(/"resources" is \[\], expected an object/);
  expect(() => constructPaths(tree({ 'construct-metadata.json': metadata({ a: { path: 3 } }) }), [])).toThrow(/resources\.a\.path is 3, expected the construct path/);
});
