import { namespaceAuditRules } from '../../src/model/audit-policy-model';

test('Secrets come first at Metadata, then writes at RequestResponse, then reads at Metadata', () => {
  const rules = namespaceAuditRules('ns');
  expect(rules.map((r) => r.level)).toStrictEqual(['Metadata', 'RequestResponse', 'Metadata', 'RequestResponse']);
  expect(rules[0].resources).toStrictEqual([{ group: '', resources: ['secrets', 'serviceaccounts/token'] }]);
  expect(rules[0].verbs).toBeUndefined();
  expect(rules.slice(0, 3).every((r) => r.namespaces?.[0] === 'ns')).toBe(true);
});
