import { Subject, SubjectKind } from '../../src';

describe('Subject', () => {
  test('factories set kind, name and namespace', () => {
    expect(Subject.group('ml').kind).toBe(SubjectKind.GROUP);
    expect(Subject.user('alice@example.com').name).toBe('alice@example.com');
    const sa = Subject.serviceAccount('pipeline', 'ci');
    expect([sa.kind.value, sa.name, sa.namespace]).toStrictEqual(['ServiceAccount', 'pipeline', 'ci']);
    expect(Subject.serviceAccount('pipeline').namespace).toBeUndefined();
  });
  test('fails on invalid names', () => {
    expect(() => Subject.group('')).toThrow(/Invalid subject group name: ""/);
    expect(() => Subject.serviceAccount('Pipeline')).toThrow(/Invalid subject serviceAccount name: "Pipeline"/);
  });
});
