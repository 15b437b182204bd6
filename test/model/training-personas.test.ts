import { assertLeastPrivilege } from '../../src/model/rbac-model';
import { ciDeployerRules, mlEngineerRules, namespaceAdminRules, viewerRules } from '../../src/model/training-personas';

const grants = (allowPodExec: boolean, readSecrets: boolean) => ({ allowPodExec, readSecrets });
const verbsOn = (rules: any[], resource: string) => rules.filter((r) => r.resources.includes(resource)).flatMap((r) => r.verbs);

describe('training personas', () => {
  test('every persona keeps least privilege in every combination of options', () => {
    for (const g of [grants(false, false), grants(true, true)]) {
      for (const rules of [namespaceAdminRules(g), mlEngineerRules(g), viewerRules(), ciDeployerRules(g)]) {
        expect(() => assertLeastPrivilege({ name: 'p', description: '', subjects: [], rules })).not.toThrow();
      }
    }
  });
  test('admins and the deployer may only create Secrets unless allowed to read them', () => {
    expect(verbsOn(namespaceAdminRules(grants(false, false)), 'secrets')).toStrictEqual(['create']);
    expect(verbsOn(ciDeployerRules(grants(false, false)), 'secrets')).toStrictEqual(['create']);
    expect(verbsOn(namespaceAdminRules(grants(false, true)), 'secrets')).toContain('get');
  });
  test('ML engineers run Jobs, pods and volumes, read logs, and never change NetworkPolicies', () => {
    const rules = mlEngineerRules(grants(false, false));
    expect(verbsOn(rules, 'jobs')).toStrictEqual(['get', 'list', 'watch', 'create', 'delete', 'update', 'patch']);
    expect(verbsOn(rules, 'pods/log')).toStrictEqual(['get']);
    expect(verbsOn(rules, 'pods/exec')).toStrictEqual([]);
    expect(verbsOn(rules, 'secrets')).toStrictEqual([]);
    expect(verbsOn(mlEngineerRules(grants(true, false)), 'pods/exec')).toStrictEqual(['create', 'get']);
  });
  test('ML engineers suspend and resume their Jobs (Kueue) and read the quota they run under', () => {
    const rules = mlEngineerRules(grants(false, false));
    expect(verbsOn(rules, 'jobs')).toEqual(expect.arrayContaining(['update', 'patch']));
    expect(verbsOn(rules, 'resourcequotas')).toStrictEqual(['get', 'list', 'watch']);
  });
  test('viewers read, never write, never Secrets or logs', () => {
    const rules = viewerRules();
    expect(rules.flatMap((r) => r.verbs).every((v) => ['get', 'list', 'watch'].includes(v))).toBe(true);
    expect(verbsOn(rules, 'secrets')).toStrictEqual([]);
    expect(verbsOn(rules, 'pods/log')).toStrictEqual([]);
  });
  test('admins read but never change NetworkPolicies and RBAC', () => {
    const rules = namespaceAdminRules(grants(false, false));
    expect(verbsOn(rules, 'networkpolicies')).toStrictEqual(['get', 'list', 'watch']);
    expect(verbsOn(rules, 'rolebindings')).toStrictEqual(['get', 'list', 'watch']);
    expect(verbsOn(rules, 'resourcequotas')).toStrictEqual(['get', 'list', 'watch']);
  });
});
