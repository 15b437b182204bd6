import { ApiObject, Chart, Testing } from 'cdk8s';
import { SecurityValidation } from '../../src';

function role(chart: Chart, name: string, verbs: string[]): void {
  new ApiObject(chart, name, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name, namespace: 'llm' },
    rules: [{ apiGroups: [''], resources: ['pods'], verbs }],
  });
}

test('registered once per app: synth fails on a failing rule, naming rule, object, detail and fix', () => {
  const app = Testing.app();
  role(new Chart(app, 'a'), 'debug', ['*']);
  new Chart(app, 'b');
  expect(SecurityValidation.register(app)).toBe(true);
  expect(SecurityValidation.register(app)).toBe(false);
  let message = '';
  try {
    app.synth();
  } catch (e: any) {
    message = e.message;
  }
  expect(message).toMatch(/SAI-RBAC-1 Role\/llm\/debug: grants .*\. Fix: Name each API group/);
  // Registered once, on the app: the failure is reported once, whatever the number of charts.
  expect(message.match(/SAI-RBAC-1/g)).toHaveLength(1);
});

test('a compliant app synthesises; a suppression with a reason and a future expiry lets the app through', () => {
  const ok = Testing.app();
  role(new Chart(ok, 'a'), 'reader', ['get']);
  SecurityValidation.register(ok);
  expect(() => ok.synth()).not.toThrow();
  const suppressed = Testing.app();
  role(new Chart(suppressed, 'a'), 'debug', ['*']);
  SecurityValidation.register(suppressed, { suppressions: [{ ruleId: 'SAI-RBAC-1', reason: 'incident 42', expires: '2027-01-31' }], asOf: '2027-01-30' });
  expect(() => suppressed.synth()).not.toThrow();
});
