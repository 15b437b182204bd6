import { SecurityReport } from '../../src/checks/security-report';

/** `status detail` of every finding of one rule, judged through the security report with an optional suppression. */
export function ruleFindings(ruleId: string, objects: any[], suppressed?: { object: string; expires: string }, asOf = '2027-01-15'): string[] {
  const suppressions = suppressed ? [{ ruleId, object: suppressed.object, reason: 'accepted for the migration', expires: suppressed.expires }] : [];
  return SecurityReport.fromManifests(objects, { suppressions, asOf }).findings
    .filter((f) => f.ruleId === ruleId).map((f) => `${f.status.value} ${f.object}: ${f.detail}`);
}

/** An object of `namespace` recording the given weakening options, as the constructs write them. */
export function recording(namespace: string, ...options: string[]): any {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'record', namespace, annotations: { 'secure-ai.cdk8s.io/weakened-controls': options.join('; ') } } };
}
