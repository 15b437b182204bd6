import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loggedLevel, readAuditEvents } from '../../conformance/suite/checks/audit';

const event = (verb: string, level: string, resource: string, name: string, namespace?: string, stage = 'ResponseComplete') =>
  ({ kind: 'Event', level, stage, verb, objectRef: { resource, name, namespace } });

describe('audit log reading', () => {
  test('finds the level a request was logged at, by verb, kind, namespace and name, at ResponseComplete', () => {
    const events = [
      event('create', 'Metadata', 'secrets', 'probe', 'a', 'ResponseStarted'),
      event('create', 'Metadata', 'secrets', 'probe', 'a'),
      event('create', 'RequestResponse', 'configmaps', 'probe', 'a'),
      event('get', 'Metadata', 'configmaps', 'probe', 'a'),
    ];
    const cm = { kind: 'ConfigMap', metadata: { name: 'probe', namespace: 'a' } };
    expect(loggedLevel(events, 'create', { kind: 'Secret', metadata: { name: 'probe', namespace: 'a' } })).toBe('Metadata');
    expect(loggedLevel(events, 'create', cm)).toBe('RequestResponse');
    expect(loggedLevel(events, 'get', cm)).toBe('Metadata');
    expect(loggedLevel(events, 'create', { kind: 'ConfigMap', metadata: { name: 'probe', namespace: 'b' } })).toBe('None');
  });

  test('reads JSON lines, and no file as no event', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-'));
    const file = path.join(dir, 'audit.log');
    expect(readAuditEvents(file)).toStrictEqual([]);
    fs.writeFileSync(file, `${JSON.stringify(event('get', 'Metadata', 'pods', 'p', 'a'))}\n\n`);
    expect(readAuditEvents(file)).toHaveLength(1);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
