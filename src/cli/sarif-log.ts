import { pathToFileURL } from 'url';
import { AppSource, constructLine } from './app-source';
import { LocatedObject } from './manifest-tree';
import { CheckFinding, CheckStatus } from '../checks/check-result';
import { ManifestRule, objectRef } from '../checks/manifest-rule';
import { RuleSeverity } from '../checks/rule-severity';

const INFORMATION_URI = 'https://github.com/cdk8s-secure-ai/cdk8s-secure-ai';

/**
 * A SARIF 2.1.0 log of a check: the rule pack as `tool.driver.rules` (id, short description,
 * help with the fix, default level), and one result per finding that is not a pass: its level
 * (a failure is an error; a weakened control or a warning is a warning, a note rule's a note),
 * the manifest file and the line of the object's document, and the object's identity as a
 * logical location, with the construct path that synthesised it when known as a second logical
 * location (kind `object`: an object of the app's construct tree). A suppressed finding carries its
 * suppression (justification and expiry).
 *
 * When the source file of the app that synthesised the object is known (`sourceOf`: one app for
 * the whole tree, or one per synthesised directory), it is the result's first location (relative
 * to `%SRCROOT%`, the repository root, on the line that creates the construct when found) and the
 * manifest moves to `relatedLocations`: code scanning shows a result at its first location only
 * and only in files of the repository, and synthesised YAML is usually not committed.
 * @param sourceOf the app source of an object (undefined: of a finding whose object was not read)
 * @internal
 */
export function sarifLog(
  rules: readonly ManifestRule[], findings: readonly CheckFinding[], objects: readonly LocatedObject[], version: string,
  sourceOf?: (object?: LocatedObject) => AppSource | undefined,
): any {
  const located = new Map<string, LocatedObject>();
  for (const o of objects) if (!located.has(objectRef(o.object))) located.set(objectRef(o.object), o);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  let root: string | undefined;
  const results = findings.filter((f) => f.status !== CheckStatus.PASS).map((f) => {
    const where = located.get(f.object);
    const source = sourceOf?.(where);
    root = root ?? source?.root;
    const [kind, ...rest] = f.object.split('/');
    const logicalLocations = [
      { name: rest.join('/'), fullyQualifiedName: f.object, kind: `kubernetes:${kind}` },
      ...(where?.constructPath ? [{ name: where.constructPath.split('/').pop(), fullyQualifiedName: where.constructPath, kind: 'object' }] : []),
    ];
    const manifest = where ? { physicalLocation: { artifactLocation: { uri: where.file }, region: { startLine: where.line } } } : undefined;
    return {
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId),
      level: levelOf(f),
      message: { text: `${f.object}: ${f.detail}` },
      ...(source ? {
        locations: [{
          physicalLocation: { artifactLocation: { uri: source.file, uriBaseId: '%SRCROOT%' }, region: { startLine: constructLine(source, where?.constructPath, where?.object.metadata?.name) } },
          logicalLocations,
        }],
        ...(manifest ? { relatedLocations: [{ id: 1, ...manifest, message: { text: `the synthesised manifest of ${f.object}` } }] } : {}),
      } : {
        locations: [{ ...(manifest ?? {}), logicalLocations }],
      }),
      ...(f.status === CheckStatus.SUPPRESSED && f.suppression ? {
        suppressions: [{ kind: 'external', status: 'accepted', justification: `${f.suppression.reason} (until ${f.suppression.expires})` }],
      } : {}),
      properties: { status: f.status.value },
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'cdk8s-secure-ai',
          version,
          informationUri: INFORMATION_URI,
          rules: rules.map((r) => ({
            id: r.id,
            name: r.id.replace(/-/g, ''),
            shortDescription: { text: r.description },
            fullDescription: { text: r.explanation },
            help: { text: `${r.explanation} Fix: ${r.fix}`, markdown: `${r.explanation}\n\n**Fix:** ${r.fix}` },
            defaultConfiguration: { level: r.severity.value },
            properties: { tags: ['security', 'kubernetes'] },
          })),
        },
      },
      ...(root !== undefined ? { originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(root).href.replace(/\/?$/, '/')}` } } } : {}),
      results,
    }],
  };
}

function levelOf(f: CheckFinding): string {
  if (f.status === CheckStatus.FAIL) return 'error';
  if (f.severity === RuleSeverity.NOTE) return 'note';
  return 'warning';
}
