import { secretsReaders } from '../../../src/checks/rules/secrets-readers';

test('a Role that reads Secrets is shown as weakened; create-only is not', () => {
  const role = (verbs: string[]) => ({ kind: 'Role', metadata: { name: 'r' }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs }] });
  expect(secretsReaders.evaluate([role(['create']), role(['get'])]).map((o) => o.status)).toStrictEqual(['pass', 'weakened']);
});
