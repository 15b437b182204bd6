import { buildTrainingNamespaceModel } from '../../src/model/training-namespace-model';
import { MINIMAL_TRAINING } from '../support/fixtures';

describe('buildTrainingNamespaceModel', () => {
  test('secure defaults: restricted, deny-all, DNS, intra-namespace, deployer, quota without GPUs', () => {
    const m = buildTrainingNamespaceModel(MINIMAL_TRAINING);
    expect(m.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    expect(m.networkPolicies.map((p) => p.name)).toStrictEqual(['default-deny', 'allow-dns', 'allow-intra-namespace']);
    expect(m.personas.map((p) => p.name)).toStrictEqual(['ci-deployer']);
    expect(Object.keys(m.quotaHard).some((k) => k.includes('gpu'))).toBe(false);
    expect(m.weakenings).toStrictEqual([]);
  });
  test('fails without props', () => {
    expect(() => buildTrainingNamespaceModel(undefined as any)).toThrow(/Invalid props: undefined/);
  });
});
