import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { AuditRuleModel } from '../model/audit-policy-model';

/**
 * Renders an `audit.k8s.io/v1` Policy: a file for the API server's `--audit-policy-file`,
 * not an object to apply to the cluster.
 * @internal
 */
export function renderAuditPolicy(scope: Construct, name: string, rules: AuditRuleModel[]): ApiObject {
  return new ApiObject(scope, 'audit-policy', {
    apiVersion: 'audit.k8s.io/v1',
    kind: 'Policy',
    metadata: { name },
    omitStages: ['RequestReceived'],
    rules: rules.map((r) => ({ ...r })),
  } as any);
}
