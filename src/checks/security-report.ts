import { ApiObject, App, Chart } from 'cdk8s';
import { CheckFinding, CheckStatus } from './check-result';
import { ManifestRule, objectRef } from './manifest-rule';
import { clientAddress } from './rules/client-address';
import { controllerWideSettings } from './rules/controller-wide-settings';
import { metadataEndpointBlocked } from './rules/metadata-endpoint-blocked';
import { namespaceDefaultDeny } from './rules/namespace-default-deny';
import { namespaceQuota } from './rules/namespace-quota';
import { noSnippetAnnotations } from './rules/no-snippet-annotations';
import { podHardening } from './rules/pod-hardening';
import { podSecurityRestricted } from './rules/pod-security-level';
import { rbacLeastPrivilege } from './rules/rbac-least-privilege';
import { reliesOnPlatform } from './rules/relies-on-platform';
import { secretsReaders } from './rules/secrets-readers';
import { weakenedControls } from './rules/weakened-controls';
import { platformOwnedScopeOf } from '../facts/platform-owned-chart';

const RULES: ManifestRule[] = [
  podSecurityRestricted, namespaceDefaultDeny, namespaceQuota, metadataEndpointBlocked, rbacLeastPrivilege, secretsReaders,
  podHardening, noSnippetAnnotations, controllerWideSettings, clientAddress, reliesOnPlatform, weakenedControls,
];

/**
 * The security report: rules run over the synthesised manifests (what ships, not the options),
 * with every weakened control named, for reviewers of a pull request.
 */
export class SecurityReport {
  /**
   * Judges every chart of an app: the user's charts and what the app's `SecureAiPlatform`
   * writes for them (the platform-owned objects, the serving namespaces' quotas, controller
   * settings, WAF rules, audit policy).
   */
  public static fromApp(app: App): SecurityReport {
    return SecurityReport.fromManifests(app.charts.flatMap((c) => c.toJson()));
  }

  /**
   * Judges the objects a chart synthesises (its nested charts included) and what its constructs
   * wrote into the app's platform-owned chart (their Namespaces, RBAC, admission policies; all of
   * a training namespace's objects). What is composed per app (controller settings, audit policy,
   * the serving namespaces' ResourceQuotas and LimitRanges) is not: use `fromApp` to include it,
   * or a namespace an endpoint creates fails SAI-QUOTA-1 for want of its quota.
   */
  public static fromChart(chart: Chart): SecurityReport {
    const charts = chart.node.findAll().filter((c): c is Chart => c instanceof Chart);
    const owned = platformOwnedScopeOf(chart);
    const platformObjects = owned ? owned.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c)) : [];
    return SecurityReport.fromManifests([...charts.flatMap((c) => c.toJson()), ...platformObjects.map((o) => o.toJson())]);
  }

  /** Judges plain manifests (e.g. parsed from YAML files). */
  public static fromManifests(objects: any[]): SecurityReport {
    const findings: CheckFinding[] = [];
    const status = { pass: CheckStatus.PASS, fail: CheckStatus.FAIL, weakened: CheckStatus.WEAKENED, warning: CheckStatus.WARNING };
    for (const rule of RULES) {
      for (const o of rule.evaluate(objects.filter((x) => x && x.kind))) {
        findings.push({ ruleId: rule.id, rule: rule.description, object: objectRef(o.object), status: status[o.status], detail: o.detail });
      }
    }
    return new SecurityReport(findings);
  }

  private constructor(
    /** Every finding, rule by rule. */
    public readonly findings: CheckFinding[],
  ) {}

  /**
   * True when no rule fails (weakened controls do not fail: they were chosen by name; nor do
   * warnings: they are for a reviewer to confirm).
   */
  public get passed(): boolean {
    return !this.findings.some((f) => f.status === CheckStatus.FAIL);
  }

  /** The report as Markdown: failures, then weakened controls, then warnings to confirm, then the rules that pass. */
  public toMarkdown(): string {
    const of = (s: CheckStatus) => this.findings.filter((f) => f.status === s);
    const table = (rows: CheckFinding[]) => rows.length === 0 ? '_none_\n' : [
      '| rule | object | detail |', '| --- | --- | --- |',
      ...rows.map((f) => `| ${f.ruleId} | \`${f.object}\` | ${f.detail.replace(/\|/g, '\\|')} |`),
    ].join('\n') + '\n';
    const rules = [...new Map(this.findings.map((f) => [f.ruleId, f.rule])).entries()];
    return [
      `# Security report: ${this.passed ? 'PASS' : 'FAIL'}`,
      '',
      `${of(CheckStatus.FAIL).length} failing, ${of(CheckStatus.WEAKENED).length} weakened by option, ${of(CheckStatus.WARNING).length} warnings to confirm, ${of(CheckStatus.PASS).length} passing.`,
      '',
      '## Failing', '', table(of(CheckStatus.FAIL)),
      '## Weakened by a named option', '', table(of(CheckStatus.WEAKENED)),
      '## Warnings: for a reviewer to confirm', '', table(of(CheckStatus.WARNING)),
      '## Passing', '', table(of(CheckStatus.PASS)),
      '## Rules', '', ...rules.map(([id, d]) => `- **${id}**: ${d}`), '',
    ].join('\n');
  }
}
