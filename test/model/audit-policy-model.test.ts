import { composeAuditRules, namespaceAuditRules } from '../../src/model/audit-policy-model';

test('Secrets come first at Metadata, then writes at RequestResponse, then reads at Metadata', () => {
  const rules = namespaceAuditRules('ns');
  expect(rules.map((r) => r.level)).toStrictEqual(['Metadata', 'RequestResponse', 'Metadata', 'RequestResponse']);
  expect(rules[0].resources).toStrictEqual([{ group: '', resources: ['secrets', 'serviceaccounts/token'] }]);
  expect(rules[0].verbs).toBeUndefined();
  expect(rules.slice(0, 3).every((r) => r.namespaces?.[0] === 'ns')).toBe(true);
});

test('one policy for several namespaces: the same rules in the same order, each naming every namespace', () => {
  const composed = composeAuditRules([namespaceAuditRules('a'), namespaceAuditRules('b')]);
  expect(composed.map((r) => r.level)).toStrictEqual(namespaceAuditRules('a').map((r) => r.level));
  expect(composed[0].namespaces).toStrictEqual(['a', 'b']);
  expect(composed[3].resources![0].resourceNames).toStrictEqual(['a', 'b']);
  expect(composed[3].resources![1]).toStrictEqual(namespaceAuditRules('a')[3].resources![1]);
  expect(composeAuditRules([])).toStrictEqual([]);
});
