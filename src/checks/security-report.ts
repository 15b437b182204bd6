import { ApiObject, App, Chart } from 'cdk8s';
import { CheckFinding, CheckStatus } from './check-result';
import { objectRef } from './manifest-rule';
import { RULE_PACK } from './rule-pack';
import { RuleSuppression } from './rule-suppression';
import { isDay, suppressionFor, suppressionState, validateSuppressions } from './suppression-judgement';
import { platformOwnedScopeOf } from '../facts/platform-owned-chart';
import { ValidationError } from '../options/validation-error';

/** How the report judges findings. */
export interface SecurityReportOptions {
  /**
   * Findings accepted for a while, each with a reason and an expiry date.
   * @default - none
   */
  readonly suppressions?: RuleSuppression[];
  /**
   * The day suppressions are judged on, `YYYY-MM-DD` (UTC).
   * @default - today (UTC)
   */
  readonly asOf?: string;
}

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
  public static fromApp(app: App, options: SecurityReportOptions = {}): SecurityReport {
    return SecurityReport.fromManifests(app.charts.flatMap((c) => c.toJson()), options);
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

  /** Judges plain manifests (e.g. parsed from YAML files), with suppressions if any. */
  public static fromManifests(objects: any[], options: SecurityReportOptions = {}): SecurityReport {
    const suppressions = options.suppressions ?? [];
    validateSuppressions(suppressions, RULE_PACK.map((r) => r.id));
    if (options.asOf !== undefined && !isDay(options.asOf)) {
      throw new ValidationError('asOf', options.asOf, 'Give the day suppressions are judged on as YYYY-MM-DD, or leave it out for today.');
    }
    const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
    const findings: CheckFinding[] = [];
    const status = { pass: CheckStatus.PASS, fail: CheckStatus.FAIL, weakened: CheckStatus.WEAKENED, warning: CheckStatus.WARNING };
    for (const rule of RULE_PACK) {
      for (const o of rule.evaluate(objects.filter((x) => x && x.kind))) {
        const object = objectRef(o.object);
        const base = { ruleId: rule.id, rule: rule.description, object, severity: rule.severity, fix: rule.fix };
        const suppression = o.status === 'pass' ? undefined : suppressionFor(suppressions, rule.id, object);
        if (suppression === undefined) {
          findings.push({ ...base, status: status[o.status], detail: o.detail });
        } else if (suppressionState(suppression, asOf) === 'active') {
          findings.push({ ...base, status: CheckStatus.SUPPRESSED, detail: `${o.detail} (suppressed until ${suppression.expires}: ${suppression.reason})`, suppression });
        } else {
          findings.push({ ...base, status: CheckStatus.FAIL, detail: `${o.detail} (suppression expired on ${suppression.expires}: ${suppression.reason})`, suppression });
        }
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
    const suppressed = of(CheckStatus.SUPPRESSED);
    return [
      `# Security report: ${this.passed ? 'PASS' : 'FAIL'}`,
      '',
      `${of(CheckStatus.FAIL).length} failing, ${of(CheckStatus.WEAKENED).length} weakened by option, ${of(CheckStatus.WARNING).length} warnings to confirm, ${of(CheckStatus.PASS).length} passing.`
        + (suppressed.length > 0 ? ` ${suppressed.length} suppressed.` : ''),
      '',
      '## Failing', '', table(of(CheckStatus.FAIL)),
      ...(suppressed.length > 0 ? ['## Suppressed, with a reason, until the date shown', '', table(suppressed)] : []),
      '## Weakened by a named option', '', table(of(CheckStatus.WEAKENED)),
      '## Warnings: for a reviewer to confirm', '', table(of(CheckStatus.WARNING)),
      '## Passing', '', table(of(CheckStatus.PASS)),
      '## Rules', '', ...rules.map(([id, d]) => `- **${id}**: ${d}`), '',
    ].join('\n');
  }
}
