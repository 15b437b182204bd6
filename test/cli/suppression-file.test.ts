import { join } from 'path';
import { tree } from './support';
import { readSuppressions } from '../../src/cli/suppression-file';

test('a list, or a map with a suppressions list, in YAML or JSON', () => {
  const dir = tree({
    'list.yaml': '- ruleId: SAI-NET-1\n  reason: r\n  expires: "2027-01-01"\n',
    'map.json': '{"suppressions":[{"ruleId":"SAI-NET-1","reason":"r","expires":"2027-01-01"}]}',
    'bad.yaml': 'ruleId: SAI-NET-1\n',
    'broken.yaml': 'a: [\n',
  });
  expect(readSuppressions(join(dir, 'list.yaml'))).toStrictEqual([{ ruleId: 'SAI-NET-1', reason: 'r', expires: '2027-01-01' }]);
  expect(readSuppressions(join(dir, 'map.json'))).toHaveLength(1);
  expect(() => readSuppressions(join(dir, 'bad.yaml'))).toThrow('expected a list of suppressions');
  expect(() => readSuppressions(join(dir, 'broken.yaml'))).toThrow(/broken\.yaml:\d+: unparsable YAML/);
  expect(() => readSuppressions(join(dir, 'none.yaml'))).toThrow('no such suppressions file');
});
