import { podSecurityRestricted } from '../../../src/checks/rules/pod-security-level';
import { ruleFindings } from '../../support/rule-findings';

const ns = (level?: string, weakened?: string) => ({
  kind: 'Namespace',
  metadata: {
    name: 'n',
    labels: level ? { 'pod-security.kubernetes.io/enforce': level } : {},
    ...(weakened ? { annotations: { 'secure-ai.cdk8s.io/weakened-controls': weakened } } : {}),
  },
});

describe('SAI-PSA-1 pod security level', () => {
  test('restricted passes; no label or an unknown level fails', () => {
    expect(podSecurityRestricted.evaluate([ns('restricted'), ns(), ns('strict')]).map((o) => `${o.status} ${o.detail}`)).toStrictEqual([
      'pass enforce=restricted', 'fail no Pod Security enforce label', 'fail enforce=strict is not a Pod Security level',
    ]);
  });

  test('baseline or privileged recorded by the option that chose it is weakened, naming the option', () => {
    expect(podSecurityRestricted.evaluate([ns('baseline', 'allowPodExec: true; podSecurity: BASELINE')]).map((o) => `${o.status} ${o.detail}`))
      .toStrictEqual(['weakened enforce=baseline (podSecurity: BASELINE)']);
    expect(podSecurityRestricted.evaluate([ns('privileged', 'podSecurity: privilegedInsecure')])[0].status).toBe('weakened');
  });

  test('mutant: baseline or privileged with no option recorded (or the option of another level) fails', () => {
    expect(podSecurityRestricted.evaluate([ns('baseline')]).map((o) => `${o.status} ${o.detail}`))
      .toStrictEqual(['fail enforce=baseline: no option records that this was chosen']);
    expect(podSecurityRestricted.evaluate([ns('privileged', 'podSecurity: BASELINE')])[0].status).toBe('fail');
  });

  test('a suppression accepts the failure until it expires; then it fails again', () => {
    expect(ruleFindings('SAI-PSA-1', [ns('baseline')], { object: 'Namespace/n', expires: '2027-01-31' }))
      .toStrictEqual(['suppressed Namespace/n: enforce=baseline: no option records that this was chosen (suppressed until 2027-01-31: accepted for the migration)']);
    expect(ruleFindings('SAI-PSA-1', [ns('baseline')], { object: 'Namespace/n', expires: '2027-01-01' }))
      .toStrictEqual(['fail Namespace/n: enforce=baseline: no option records that this was chosen (suppression expired on 2027-01-01: accepted for the migration)']);
  });
});
