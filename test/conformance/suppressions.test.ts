import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Suppressions } from '../../conformance/suite/suppressions';

function write(text: string): string {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'supp-')), 'suppressions.yaml');
  fs.writeFileSync(f, text);
  return f;
}

describe('Suppressions', () => {
  test('matches tool, check and object glob, and tracks unused entries', () => {
    const s = Suppressions.load(write([
      'suppressions:',
      '  - {tool: checkov, check: CKV_K8S_21, object: "Namespace/*", reason: namespaces are not workloads}',
      '  - {tool: kube-score, check: never-used, reason: kept to show unused warnings}',
    ].join('\n')));
    expect(s.find('checkov', 'CKV_K8S_21', 'Namespace/ml', 'ex')?.reason).toBe('namespaces are not workloads');
    expect(s.find('checkov', 'CKV_K8S_21', 'Pod/ml/p', 'ex')).toBeUndefined();
    expect(s.unused().map(u => u.check)).toStrictEqual(['never-used']);
  });

  test('fails when a suppression has no reason', () => {
    expect(() => Suppressions.load(write('suppressions:\n  - {tool: checkov, check: CKV_K8S_1}\n'))).toThrow(/needs a reason/);
  });
});
