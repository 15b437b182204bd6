import { podHardening } from '../../../src/checks/rules/pod-hardening';

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
