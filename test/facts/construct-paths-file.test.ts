import { constructPathKey } from '../../src/facts/construct-paths-file';

test('the identity key tells apart objects that differ only in apiVersion, kind or namespace', () => {
  const keys = [
    constructPathKey('v1', 'Service', 'serving', 'chat'),
    constructPathKey('apps/v1', 'Deployment', 'serving', 'chat'),
    constructPathKey('networking.k8s.io/v1', 'Ingress', 'serving', 'chat'),
    constructPathKey('v1', 'Service', 'other', 'chat'),
    constructPathKey('v1', 'Service', undefined, 'chat'),
  ];
  expect(new Set(keys).size).toBe(keys.length);
  expect(constructPathKey('v1', 'Namespace', undefined, 'serving')).toBe(constructPathKey('v1', 'Namespace', '', 'serving'));
});

test('no separator inside a field can make two identities one', () => {
  expect(constructPathKey('a/b', 'C', 'd', 'e')).not.toBe(constructPathKey('a', 'b/C', 'd', 'e'));
});
