import { constructLine } from './app-source';
import { AppSourceMap } from './app-source-map';
import { CliError } from './cli-error';
import { LocatedObject } from './manifest-tree';
import { sarifLog } from './sarif-log';
import { CheckFinding, CheckStatus } from '../checks/check-result';
import { objectRef } from '../checks/manifest-rule';
import { RULE_PACK } from '../checks/rule-pack';
import { RuleSuppression } from '../checks/rule-suppression';
import { SecurityReport } from '../checks/security-report';

/** Runs the rule pack over read objects; a bad suppression is reported as a command-line error. @internal */
export function runRulePack(objects: LocatedObject[], suppressions: RuleSuppression[], asOf?: string): CheckFinding[] {
  try {
    return SecurityReport.fromManifests(objects.map((o) => o.object), { suppressions, asOf }).findings;
  } catch (e: any) {
    if (e?.name === 'ValidationError') throw new CliError(e.message);
    throw e;
  }
}

/** The findings as the terminal shows them: every finding that is not a pass, then a summary. @internal */
export function checkText(findings: CheckFinding[], objects: LocatedObject[], sources?: AppSourceMap): string {
  const where = new Map<string, LocatedObject>();
  for (const o of objects) if (!where.has(objectRef(o.object))) where.set(objectRef(o.object), o);
  const order = [CheckStatus.FAIL, CheckStatus.SUPPRESSED, CheckStatus.WEAKENED, CheckStatus.WARNING];
  const lines: string[] = [];
  for (const status of order) {
    for (const f of findings.filter((x) => x.status === status)) {
      const at = where.get(f.object);
      const source = sources?.sourceOf(at?.file);
      lines.push(`${status.value.toUpperCase()} ${f.ruleId} ${f.object}${at ? ` (${at.file}:${at.line})` : ''}`);
      if (at?.constructPath || source) {
        lines.push(`  ${[at?.constructPath ? `construct ${at.constructPath}` : '', source ? `source ${source.file}:${constructLine(source, at?.constructPath, at?.object.metadata?.name)}` : ''].filter((x) => x).join(', ')}`);
      }
      lines.push(`  ${f.detail}`);
      if (status === CheckStatus.FAIL) lines.push(`  fix: ${f.fix}`);
    }
  }
  const count = (s: CheckStatus) => findings.filter((f) => f.status === s).length;
  const failed = count(CheckStatus.FAIL) > 0;
  lines.push(`${failed ? 'FAIL' : 'PASS'}: ${count(CheckStatus.FAIL)} failing, ${count(CheckStatus.SUPPRESSED)} suppressed, ${count(CheckStatus.WEAKENED)} weakened by option, `
    + `${count(CheckStatus.WARNING)} warnings to confirm, ${count(CheckStatus.PASS)} passing; ${objects.length} object(s), ${RULE_PACK.length} rules`);
  return lines.join('\n') + '\n';
}

/** The findings as JSON, each with its file and line, construct path and source line (of the app that synthesised its manifest) when known. @internal */
export function checkJson(findings: CheckFinding[], objects: LocatedObject[], sources?: AppSourceMap): any {
  const where = new Map<string, LocatedObject>();
  for (const o of objects) if (!where.has(objectRef(o.object))) where.set(objectRef(o.object), o);
  return {
    passed: !findings.some((f) => f.status === CheckStatus.FAIL),
    rules: RULE_PACK.map((r) => ({ id: r.id, description: r.description, severity: r.severity.value, explanation: r.explanation, fix: r.fix })),
    findings: findings.map((f) => {
      const at = where.get(f.object);
      const source = sources?.sourceOf(at?.file);
      return {
        ruleId: f.ruleId,
        severity: f.severity.value,
        status: f.status.value,
        object: f.object,
        file: at?.file,
        line: at?.line,
        ...(at?.constructPath ? { constructPath: at.constructPath } : {}),
        ...(source ? { source: { file: source.file, line: constructLine(source, at?.constructPath, at?.object.metadata?.name) } } : {}),
        detail: f.detail,
        ...(f.suppression ? { suppression: f.suppression } : {}),
      };
    }),
  };
}

/** The SARIF 2.1.0 log of a check. @internal */
export function checkSarif(findings: CheckFinding[], objects: LocatedObject[], version: string, sources?: AppSourceMap): any {
  return sarifLog(RULE_PACK, findings, objects, version, sources ? (o) => sources.sourceOf(o?.file) : undefined);
}
