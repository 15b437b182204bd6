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

  test('fails when a reject case has no expected message', () => {
    expect(() => loadIntent(write('admission:\n  - {name: x, expect: reject, object: {kind: Pod}}\n'), 'ex', '.')).toThrow(/needs messageContains/);
  });

  test('fails when a connection names an unknown endpoint', () => {
    expect(() => loadIntent(write('network:\n  standIns: []\n  connections: [{from: a, to: b, ports: [all]}]\n'), 'ex', '.')).toThrow(/must name a stand-in/);
  });

  test('fails on an unknown key', () => {
    expect(() => loadIntent(write('personas: []\n'), 'ex', '.')).toThrow(/unknown key "personas"/);
  });
});
