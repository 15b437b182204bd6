import { ValidationContext } from 'cdk8s-cli/plugins';
import { SecurityValidationPlugin } from '../../src';
import { SECURE, tree, WILDCARD_ROLE } from '../cli/support';

test('as a cdk8s-cli validation plugin: a violation per failing rule with its objects and manifest, and a failed report', async () => {
  const dir = tree({ 'app.k8s.yaml': [...SECURE, WILDCARD_ROLE] });
  const context = new ValidationContext([`${dir}/app.k8s.yaml`], 'cdk8s-secure-ai', '0.0.0');
  await new SecurityValidationPlugin().validate(context);
  const json = context.report.toJson();
  expect(json.summary.status).toBe('failure');
  expect(json.violations.map((v) => v.ruleName)).toStrictEqual(['SAI-RBAC-1: Roles grant no wildcard verb, resource or group, and never escalate, bind or impersonate']);
  expect(json.violations[0].violatingConstructs).toStrictEqual([expect.objectContaining({ resourceName: 'Role/llm/debug', manifestPath: `${dir}/app.k8s.yaml` })]);
  expect(json.violations[0].fix).toMatch(/^Name each API group/);
});

test('a compliant synthesis, or a suppressed finding, passes', async () => {
  const passing = new ValidationContext([`${tree({ 'a.yaml': SECURE })}/a.yaml`], 'cdk8s-secure-ai', '0.0.0');
  await new SecurityValidationPlugin().validate(passing);
  expect(passing.report.success).toBe(true);
  const suppressed = new ValidationContext([`${tree({ 'a.yaml': [...SECURE, WILDCARD_ROLE] })}/a.yaml`], 'cdk8s-secure-ai', '0.0.0');
  await new SecurityValidationPlugin({ suppressions: [{ ruleId: 'SAI-RBAC-1', reason: 'incident 42', expires: '2099-01-01' }] }).validate(suppressed);
  expect(suppressed.report.success).toBe(true);
});
