import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { SecureInferenceEndpoint } from '../../src';
import { CONSTRUCT_PATHS_FILE } from '../../src/facts/construct-paths-file';
import { constructPathEntries, recordsConstructMetadata, writeConstructPaths } from '../../src/platform/construct-paths-record';
import { MINIMAL_ENDPOINT } from '../support/endpoint-fixtures';

function recordingApp(props: { recordConstructMetadata?: boolean } = { recordConstructMetadata: true }): App {
  return new App({ outdir: mkdtempSync(join(tmpdir(), 'construct-paths-')), ...props });
}

test('app.synth() writes every object of the app with its identity and construct path; objects that share a name get their own', () => {
  const app = recordingApp();
  const chart = new Chart(app, 'serving');
  new SecureInferenceEndpoint(chart, 'chat', { ...MINIMAL_ENDPOINT, namespace: 'llm' });
  // A plain cdk8s object of the same app is recorded too.
  new ApiObject(chart, 'extra', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'chat', namespace: 'llm' } });
  app.synth();
  const record = JSON.parse(readFileSync(join(app.outdir, CONSTRUCT_PATHS_FILE), 'utf-8'));
  expect(record.format).toBe('secure-ai.cdk8s.io/construct-paths/v1');
  const named = (kind: string) => record.objects.filter((o: any) => o.kind === kind && o.name === 'chat' && o.namespace === 'llm').map((o: any) => o.path);
  const paths = ['Service', 'Deployment', 'Ingress', 'ConfigMap'].map(named);
  expect(paths).toStrictEqual([['serving/chat/model/service'], ['serving/chat/model/deployment'], ['serving/chat/ingress'], ['serving/extra']]);
  expect(record.objects.find((o: any) => o.kind === 'Namespace')).toStrictEqual({ apiVersion: 'v1', kind: 'Namespace', name: 'llm', path: 'secure-ai-platform-owned/serving/chat/namespace' });
  // One entry per synthesised object, the same count as cdk8s writes.
  const synthesised = readFileSync(join(app.outdir, 'serving.k8s.yaml'), 'utf-8').split(/^---$/m).length
    + readFileSync(join(app.outdir, 'secure-ai-platform-owned.k8s.yaml'), 'utf-8').split(/^---$/m).length
    + readFileSync(join(app.outdir, 'secure-ai-controllers.k8s.yaml'), 'utf-8').split(/^---$/m).length;
  expect(record.objects).toHaveLength(synthesised);
  rmSync(app.outdir, { recursive: true, force: true });
});

test('no file when the app does not record construct metadata, or when nothing is synthesised into a directory', () => {
  const quiet = recordingApp({ recordConstructMetadata: false });
  new SecureInferenceEndpoint(new Chart(quiet, 'serving'), 'chat', MINIMAL_ENDPOINT);
  quiet.synth();
  expect(existsSync(join(quiet.outdir, CONSTRUCT_PATHS_FILE))).toBe(false);
  expect(existsSync(join(quiet.outdir, 'serving.k8s.yaml'))).toBe(true);

  const missing = new App({ outdir: join(mkdtempSync(join(tmpdir(), 'construct-paths-')), 'not-yet'), recordConstructMetadata: true });
  new SecureInferenceEndpoint(new Chart(missing, 'serving'), 'chat', MINIMAL_ENDPOINT);
  expect(writeConstructPaths(missing)).toBeUndefined();
  expect(existsSync(missing.outdir)).toBe(false);
  expect(writeConstructPaths(new Chart(Testing.app(), 'not-an-app'))).toBeUndefined();
});

test('the switch is cdk8s\' own: the App prop, else CDK8S_RECORD_CONSTRUCT_METADATA', () => {
  expect(recordsConstructMetadata(new App({ recordConstructMetadata: true }))).toBe(true);
  expect(recordsConstructMetadata(new App({ recordConstructMetadata: false }))).toBe(false);
  const before = process.env.CDK8S_RECORD_CONSTRUCT_METADATA;
  try {
    process.env.CDK8S_RECORD_CONSTRUCT_METADATA = 'true';
    expect(recordsConstructMetadata(new App())).toBe(true);
    delete process.env.CDK8S_RECORD_CONSTRUCT_METADATA;
    expect(recordsConstructMetadata(new App())).toBe(false);
  } finally {
    if (before === undefined) delete process.env.CDK8S_RECORD_CONSTRUCT_METADATA;
    else process.env.CDK8S_RECORD_CONSTRUCT_METADATA = before;
  }
});

test('entries are sorted by construct path; a cluster-scoped object has no namespace', () => {
  const app = Testing.app();
  const chart = new Chart(app, 'c');
  new ApiObject(chart, 'b', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'n' } });
  new ApiObject(chart, 'a', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } });
  expect(constructPathEntries(app)).toStrictEqual([
    { apiVersion: 'v1', kind: 'Namespace', name: 'n', path: 'c/a' },
    { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'n', name: 'x', path: 'c/b' },
  ]);
});
