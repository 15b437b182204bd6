import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';
import { compareManifests, objectKey, readManifests, valueDifferences } from '../../../scripts/python/compare-manifests';

function deployment(name: string, image = 'registry.example.com/ml/vllm@sha256:abc', namespace = 'llm-serving') {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels: { 'app.kubernetes.io/name': name } },
    spec: { replicas: 2, template: { spec: { containers: [{ name: 'server', image, args: ['--port', '8000'] }] } } },
  };
}
const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'llm-serving' } };

describe('compareManifests', () => {
  test('the same objects in another order are equal', () => {
    const result = compareManifests([namespace, deployment('chat')], [deployment('chat'), namespace]);
    expect(result).toEqual({ equal: true, expectedCount: 2, actualCount: 2, differences: [] });
  });

  test('a changed value fails and names the object, the path and both values', () => {
    const result = compareManifests([namespace, deployment('chat')], [namespace, deployment('chat', 'registry.example.com/ml/vllm:latest')]);
    expect(result.equal).toBe(false);
    expect(result.differences).toEqual([
      'differs: apps/v1 Deployment llm-serving/chat',
      '  spec.template.spec.containers[0].image: expected "registry.example.com/ml/vllm@sha256:abc", got "registry.example.com/ml/vllm:latest"',
    ]);
  });

  test('a missing, an unexpected and a duplicated object each fail', () => {
    const result = compareManifests([namespace, deployment('chat')], [deployment('chat'), deployment('chat'), deployment('chat-v2')]);
    expect(result.equal).toBe(false);
    expect(result.differences).toEqual([
      'actual holds apps/v1 Deployment llm-serving/chat more than once',
      'missing: v1 Namespace /llm-serving',
      'unexpected: apps/v1 Deployment llm-serving/chat-v2',
    ]);
  });

  test('the same name in another namespace is another object', () => {
    const result = compareManifests([deployment('chat')], [deployment('chat', undefined, 'llm-eval')]);
    expect(result.differences).toEqual(['missing: apps/v1 Deployment llm-serving/chat', 'unexpected: apps/v1 Deployment llm-eval/chat']);
  });

  test('a key that only one side has, and arrays of different lengths, are differences', () => {
    const extra = deployment('chat');
    (extra.metadata.labels as Record<string, string>).team = 'llm';
    extra.spec.template.spec.containers[0].args.push('--trust-remote-code');
    expect(compareManifests([deployment('chat')], [extra]).differences).toEqual([
      'differs: apps/v1 Deployment llm-serving/chat',
      '  metadata.labels.team: expected (absent), got "llm"',
      '  spec.template.spec.containers[0].args: expected 2 item(s), got 3',
    ]);
  });
});

describe('valueDifferences', () => {
  test('a number and the same number as a string differ', () => {
    expect(valueDifferences({ port: 8000 }, { port: '8000' })).toEqual(['port: expected 8000, got "8000"']);
  });

  test('a key that is not a plain name is quoted in the path', () => {
    expect(valueDifferences({ spec: { hard: { 'requests.nvidia.com/gpu': '3' } } }, { spec: { hard: { 'requests.nvidia.com/gpu': '4' } } }))
      .toEqual(['spec.hard["requests.nvidia.com/gpu"]: expected "3", got "4"']);
  });
});

describe('objectKey', () => {
  test('a cluster-scoped object has an empty namespace', () => {
    expect(objectKey(namespace)).toBe('v1 Namespace /llm-serving');
  });
});

describe('readManifests', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'compare-manifests-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('reads every document of every .yaml file and skips empty documents', () => {
    writeFileSync(join(dir, 'a.k8s.yaml'), `${stringify(namespace)}---\n${stringify(deployment('chat'))}---\n`);
    writeFileSync(join(dir, 'SECURITY.md'), '# not a manifest\n');
    expect(readManifests(dir)).toEqual([namespace, deployment('chat')]);
  });

  test('a directory without YAML is an error, not an empty app', () => {
    expect(() => readManifests(dir)).toThrow(/no \*\.yaml file/);
  });
});
