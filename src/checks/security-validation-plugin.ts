import { CheckStatus } from './check-result';
import { SecurityReport } from './security-report';
import { SecurityValidationProps } from './security-validation';

/**
 * The rule pack as a cdk8s-cli validation plugin: in `cdk8s.yaml`,
 * `validations: [{ package: cdk8s-secure-ai, version: <version>, class: SecurityValidationPlugin, properties: { suppressions: [...] } }]`.
 * `cdk8s synth` then reports each failing rule with the objects that break it and fails.
 */
export class SecurityValidationPlugin {
  constructor(
    /** Suppressions and the day they are judged on. */
    private readonly props: SecurityValidationProps = {},
  ) {}

  /**
   * Runs the rule pack over the synthesised manifests of a cdk8s-cli `ValidationContext`
   * (typed loosely: cdk8s-cli's types are not part of this library's API).
   */
  public async validate(context: any): Promise<void> {
    const located: { object: any; manifestPath: string }[] = [];
    for (const manifestPath of context.manifests as string[]) {
      for (const object of context.parseManifest(manifestPath) as any[]) if (object?.kind) located.push({ object, manifestPath });
    }
    const findings = SecurityReport.fromManifests(located.map((l) => l.object), this.props).findings;
    const failing = findings.filter((f) => f.status === CheckStatus.FAIL);
    const pathOf = (ref: string) => located.find((l) => `${l.object.kind}/${l.object.metadata?.namespace ? `${l.object.metadata.namespace}/` : ''}${l.object.metadata?.name}` === ref)?.manifestPath ?? '';
    for (const ruleId of [...new Set(failing.map((f) => f.ruleId))]) {
      const of = failing.filter((f) => f.ruleId === ruleId);
      context.report.addViolation({
        ruleName: `${ruleId}: ${of[0].rule}`,
        recommendation: of.map((f) => `${f.object}: ${f.detail}`).join('; '),
        fix: of[0].fix,
        violatingResources: of.map((f) => ({ resourceName: f.object, locations: [], manifestPath: pathOf(f.object) })),
      });
    }
    context.report.submit(failing.length > 0 ? 'failure' : 'success', {
      rules: String(new Set(findings.map((f) => f.ruleId)).size),
      findings: String(findings.length),
    });
  }
}
