import { podSecurityRestricted } from '../../../src/checks/rules/pod-security-level';

test('restricted passes, baseline is weakened, none fails', () => {
  const ns = (level?: string) => ({ kind: 'Namespace', metadata: { name: 'n', labels: level ? { 'pod-security.kubernetes.io/enforce': level } : {} } });
  expect(podSecurityRestricted.evaluate([ns('restricted'), ns('baseline'), ns()]).map((o) => o.status)).toStrictEqual(['pass', 'weakened', 'fail']);
});
