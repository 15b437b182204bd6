import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadIntent } from '../../conformance/suite/intent';

function write(text: string): string {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'intent-')), 'example.yaml');
  fs.writeFileSync(f, text);
  return f;
}

describe('loadIntent', () => {
  test('reads personas, admission cases and network intent', () => {
    const i = loadIntent(write(`
rbac:
  personas:
    - name: ds
      subject: {kind: User, name: alice, groups: [g]}
      allow: [{scopes: [ml], resources: [pods], verbs: [get]}]
admission:
  - {name: bad, as: ds, expect: reject, messageContains: nope, object: {apiVersion: v1, kind: Pod, metadata: {name: p}}}
network:
  standIns: [{name: a, namespace: ml, labels: {app: a}}]
  externals: [{name: imds, ip: 169.254.169.254}]
  connections: [{from: a, to: imds, ports: [TCP 80]}]
`), 'ex', '.');
    expect(i.rbac!.personas[0].allow[0].verbs).toStrictEqual(['get']);
    expect(i.rbac!.matrix.verbs).toContain('deletecollection');
    expect(i.admission[0].messageContains).toStrictEqual(['nope']);
    expect(i.network!.connections[0].ports).toStrictEqual(['TCP 80']);
  });

  test('reads the envoy section, and names the intent file in its errors', () => {
    const file = write(`
envoy:
  listener: edge/gw/http
  requests:
    - {name: no token, method: POST, path: /v1/chat/completions, host: chat.example.com, expect: {status: 401}}
`);
    expect(loadIntent(file, 'ex', '.').envoy!.requests[0].expect.status).toBe(401);
    expect(() => loadIntent(write('envoy:\n  listener: gw\n'), 'ex', '.')).toThrow(/example\.yaml: envoy\.listener must be <namespace>\/<gateway>\/<listener>/);
  });

  test('fails when a reject case has no expected message', () => {
    expect(() => loadIntent(write('admission:\n  - {name: x, expect: reject, object: {kind: Pod}}\n'), 'ex', '.')).toThrow(/needs messageContains/);
  });

  test('fails when a connection names an unknown endpoint', () => {
    expect(() => loadIntent(write('network:\n  standIns: []\n  connections: [{from: a, to: b, ports: [all]}]\n'), 'ex', '.')).toThrow(/must name a stand-in/);
  });

  test('fails on an unknown key', () => {
    expect(() => loadIntent(write('personas: []\n'), 'ex', '.')).toThrow(/unknown key "personas"/);
  });

  test('reads the cluster\'s life: setup objects, deployers, inline identities, server-side apply and manifest objects', () => {
    const manifests = [{ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'chat', namespace: 'llm', annotations: { a: 'b' } } }];
    const i = loadIntent(write(`
rbac:
  personas:
    - {name: deployer, subject: {kind: ServiceAccount, namespace: ci, name: chat}, allow: []}
setup:
  - {apiVersion: v1, kind: ConfigMap, metadata: {name: x, namespace: llm}}
deployers:
  - {endpoint: chat, as: deployer}
admission:
  - {name: admin re-apply, action: apply, expect: reject, messageContains: change-control, fromManifest: Ingress/llm/chat}
  - {name: controller, as: {user: 'system:serviceaccount:kube-system:replicaset-controller', groups: [g]}, expect: admit, object: {apiVersion: v1, kind: Pod, metadata: {name: p}}}
`), 'ex', '.', manifests);
    expect(i.setup.map((o) => o.kind)).toStrictEqual(['ConfigMap']);
    expect(i.deployers).toStrictEqual([{ endpoint: 'chat', as: 'deployer' }]);
    expect(i.admission[0].action).toBe('apply');
    expect(i.admission[0].object.metadata.annotations).toStrictEqual({ 'a': 'b', 'conformance.secure-ai.cdk8s.io/case': '0' });
    expect(manifests[0].metadata.annotations).toStrictEqual({ a: 'b' });
    expect(i.admission[1].as).toStrictEqual({ user: 'system:serviceaccount:kube-system:replicaset-controller', groups: ['g'] });
    expect(i.admission[1].action).toBe('create');
  });

  test('makes a pod from a manifest\'s pod template, as its ReplicaSet would', () => {
    const manifests = [{
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'chat', namespace: 'llm', labels: { d: '1' } },
      spec: { template: { metadata: { labels: { app: 'chat' } }, spec: { containers: [{ name: 'm', resources: { limits: { 'nvidia.com/gpu': '1' } } }] } } },
    }];
    const i = loadIntent(write('admission:\n  - {name: x, expect: admit, fromPodTemplate: Deployment/llm/chat, podName: chat-abc}\n'), 'ex', '.', manifests);
    expect(i.admission[0].object).toStrictEqual({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'chat-abc', namespace: 'llm', labels: { app: 'chat' } }, spec: manifests[0].spec.template.spec,
    });
    expect(() => loadIntent(write('admission:\n  - {name: x, expect: admit, fromPodTemplate: Deployment/llm/none, podName: p}\n'), 'ex', '.', manifests))
      .toThrow(/fromPodTemplate: no object Deployment\/llm\/none with a pod template/);
    expect(() => loadIntent(write('admission:\n  - {name: x, expect: admit, fromPodTemplate: Deployment/llm/chat}\n'), 'ex', '.', manifests)).toThrow(/podName is required with fromPodTemplate/);
    expect(() => loadIntent(write('admission:\n  - {name: x, expect: admit, fromPodTemplate: Deployment/llm/chat, podName: p, object: {kind: Pod}}\n'), 'ex', '.', manifests))
      .toThrow(/give one of object, fromManifest and fromPodTemplate/);
  });

  test('fails on a manifest object that is not there, an unknown deployer persona or a bad action', () => {
    expect(() => loadIntent(write('admission:\n  - {name: x, expect: admit, fromManifest: Ingress/a/b}\n'), 'ex', '.', [])).toThrow(/fromManifest: no object Ingress\/a\/b/);
    expect(() => loadIntent(write('rbac: {personas: []}\ndeployers:\n  - {endpoint: chat, as: nobody}\n'), 'ex', '.')).toThrow(/deployer of chat: unknown persona "nobody"/);
    expect(() => loadIntent(write('admission:\n  - {name: x, expect: admit, action: patch, object: {kind: Pod}}\n'), 'ex', '.')).toThrow(/action must be create, apply or delete/);
    expect(loadIntent(write('admission:\n  - {name: x, expect: admit, action: delete, object: {kind: ConfigMap}}\n'), 'ex', '.').admission[0].action).toBe('delete');
  });
});
