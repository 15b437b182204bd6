import { podHardening } from '../../../src/checks/rules/pod-hardening';
import { ruleFindings } from '../../support/rule-findings';

test('a CronJob template is judged too', () => {
  const spec = {
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [{ name: 'c', image: `r.example.com/x@sha256:${'a'.repeat(64)}`, securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } } }],
  };
  const out = podHardening.evaluate([{ kind: 'CronJob', metadata: { name: 'c' }, spec: { jobTemplate: { spec: { template: { spec } } } } }]);
  expect(out).toHaveLength(1);
  expect(out[0].status).toBe('pass');
});

describe('SAI-POD-1 judges the pod spec, not annotations', () => {
  const pod = (sc: object) => ({
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'n', annotations: { 'secure-ai.cdk8s.io/description': 'hardened' } },
    spec: {
      automountServiceAccountToken: false,
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{ name: 'c', image: `r.example.com/x@sha256:${'a'.repeat(64)}`, securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, ...sc } }],
    },
  });

  test('compliant passes; mutant: a privileged container fails although an annotation calls the pod hardened', () => {
    expect(podHardening.evaluate([pod({}), pod({ privileged: true })]).map((o) => `${o.status} ${o.detail}`)).toStrictEqual(['pass hardened', 'fail c: privileged']);
  });

  test('a suppression accepts the failure until it expires; then it fails again', () => {
    expect(ruleFindings('SAI-POD-1', [pod({ privileged: true })], { object: 'Pod/n/p', expires: '2027-01-15' })[0]).toMatch(/^suppressed Pod\/n\/p: c: privileged/);
    expect(ruleFindings('SAI-POD-1', [pod({ privileged: true })], { object: 'Pod/n/p', expires: '2027-01-14' })[0]).toMatch(/^fail Pod\/n\/p: .*suppression expired on 2027-01-14/);
  });
});
