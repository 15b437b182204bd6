import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { AuditRuleModel } from '../model/audit-policy-model';

/**
 * Renders an `audit.k8s.io/v1` Policy (its rules given by a function, read at synthesis): a file for the API server's `--audit-policy-file`,
 * not an object to apply to the cluster.
 * @internal
 */
export function renderAuditPolicy(scope: Construct, name: string, rules: () => AuditRuleModel[]): ApiObject {
  return new ApiObject(scope, 'audit-policy', {
    apiVersion: 'audit.k8s.io/v1',
    kind: 'Policy',
    metadata: { name },
    omitStages: ['RequestReceived'],
    // Read at synthesis: the rules of every training namespace of the app by then.
    rules: Lazy.any({ produce: () => rules().map((r) => ({ ...r })) }),
  } as any);
}
