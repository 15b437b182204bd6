import { SecurityReport } from '../../../src';
import { effectivePolicy } from '../../../src/cli/policy/effective-policy';
import { policyReportJson, policyReportMarkdown } from '../../../src/cli/policy/policy-report';

test('sections per namespace, a created namespace without default deny said so, cluster-wide last, then the findings', () => {
  const objects = [
    { kind: 'Namespace', metadata: { name: 'a', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } },
    { kind: 'ConfigMap', metadata: { name: 'waf', namespace: 'edge' }, data: { c: 'SecRuleEngine On' } },
    { kind: 'ClusterRole', metadata: { name: 'c' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] },
  ];
  const findings = SecurityReport.fromManifests(objects).findings;
  const md = policyReportMarkdown('dist', effectivePolicy(objects), findings);
  expect(md).toContain('## Namespace `a`\n\n### Who can reach what (NetworkPolicies)\n\n- **no default-deny**');
  expect(md).toContain('## Namespace `edge`\n\n### What is exposed\n\n- WAF ConfigMap waf: blocking\n\n## Cluster-wide');
  expect(md).not.toContain('## Namespace `edge`\n\n### Who can reach what');
  expect(md).toContain('- **fail** SAI-NET-1 `Namespace/a`: no NetworkPolicy denies all ingress and egress for every pod');
  expect(md.indexOf('## Cluster-wide')).toBeLessThan(md.indexOf('## Findings of the check'));
  const json = policyReportJson(effectivePolicy(objects), findings);
  expect(json.passed).toBe(false);
  expect(json.namespaces.map((n: any) => n.namespace)).toStrictEqual(['a', 'edge', null]);
});

test('a finding names the construct that synthesised its object, when known', () => {
  const objects = [{ kind: 'Namespace', metadata: { name: 'a', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } }];
  const findings = SecurityReport.fromManifests(objects).findings;
  const paths = new Map([['Namespace/a', 'platform/namespace']]);
  expect(policyReportMarkdown('dist', effectivePolicy(objects), findings, paths)).toContain('- **fail** SAI-NET-1 `Namespace/a` (construct `platform/namespace`): no NetworkPolicy denies');
  expect(policyReportJson(effectivePolicy(objects), findings, paths).findings[0]).toMatchObject({ object: 'Namespace/a', constructPath: 'platform/namespace' });
  expect(policyReportJson(effectivePolicy(objects), findings).findings[0].constructPath).toBeUndefined();
});
