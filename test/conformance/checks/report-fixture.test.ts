import * as path from 'path';
import { fixtureConnectivityInput } from '../../../conformance/suite/checks/report-fixture';
import { ManifestObject } from '../../../conformance/suite/manifests';

const obj = (object: any): ManifestObject => ({ file: 'input.yaml', object });

test('a fixture tree as the analyzer and the comparison see it: Namespaces labelled with their names, Pods as endpoints with their namespace\'s labels', () => {
  const input = fixtureConnectivityInput([
    obj({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ml', labels: { team: 'ml' } } }),
    obj({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'ml' }, spec: { podSelector: {} } }),
    obj({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'ui', namespace: 'ml', labels: { app: 'ui' } } }),
    obj({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x', namespace: 'elsewhere' } }),
    obj({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'ml' } }),
  ], 'scratch');
  expect(input.analyzerDocs.map((d) => `${d.kind} ${d.metadata.name}`)).toStrictEqual(['Namespace ml', 'NetworkPolicy p', 'Pod ui', 'Pod x']);
  expect(input.analyzerDocs[0].metadata.labels).toStrictEqual({ 'team': 'ml', 'kubernetes.io/metadata.name': 'ml' });
  expect(input.endpoints).toStrictEqual([
    { kind: 'pod', s: { name: 'ui', namespace: 'ml', labels: { app: 'ui' }, namespaceLabels: { 'team': 'ml', 'kubernetes.io/metadata.name': 'ml' } } },
    { kind: 'pod', s: { name: 'x', namespace: 'elsewhere', labels: {}, namespaceLabels: { 'kubernetes.io/metadata.name': 'elsewhere' } } },
  ]);
  expect([...input.governed]).toStrictEqual(['ml']);
  expect(input.dir).toBe(path.join('scratch', 'report-agreement-netpol'));
});
