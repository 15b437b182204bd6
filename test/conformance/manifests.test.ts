import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { applyOrder, isApiObject, loadManifests, objectRef } from '../../conformance/suite/manifests';

describe('loadManifests', () => {
  test('reads every document of every YAML file, in file order', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifests-'));
    fs.writeFileSync(path.join(dir, 'b.k8s.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: n}\n---\n');
    fs.writeFileSync(path.join(dir, 'a.k8s.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'ignored');
    expect(loadManifests(dir).map(m => objectRef(m.object))).toStrictEqual(['Namespace/n', 'ConfigMap/n/c']);
  });

  test('a missing directory has no manifests', () => {
    expect(loadManifests(path.join(os.tmpdir(), 'does-not-exist-conformance'))).toStrictEqual([]);
  });
});

describe('isApiObject', () => {
  test('the audit policy is a configuration file, not an API object', () => {
    expect(isApiObject({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy' })).toBe(false);
    expect(isApiObject({ apiVersion: 'k8s.nginx.org/v1', kind: 'Policy' })).toBe(true);
  });
});

describe('applyOrder', () => {
  test('CRDs, namespaces, service accounts and roles first, the rest in file order', () => {
    const objs = ['RoleBinding', 'Role', 'Namespace', 'CustomResourceDefinition', 'ConfigMap', 'ServiceAccount']
      .map(kind => ({ file: 'f', object: { kind, metadata: { name: kind.toLowerCase() } } }));
    expect(applyOrder(objs).map(o => o.object.kind)).toStrictEqual(
      ['CustomResourceDefinition', 'Namespace', 'ServiceAccount', 'Role', 'RoleBinding', 'ConfigMap']);
  });

  test('admission policies and their bindings last, even from a file read before the others', () => {
    const at = (file: string, kind: string) => ({ file, object: { kind, metadata: { name: kind.toLowerCase() } } });
    const objs = [at('a-platform.yaml', 'ValidatingAdmissionPolicyBinding'), at('a-platform.yaml', 'ValidatingAdmissionPolicy'),
      at('a-platform.yaml', 'Namespace'), at('b-deployer.yaml', 'Service'), at('b-deployer.yaml', 'NetworkPolicy')];
    expect(applyOrder(objs).map(o => o.object.kind)).toStrictEqual(
      ['Namespace', 'Service', 'NetworkPolicy', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding']);
  });
});
