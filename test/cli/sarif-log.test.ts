import { readFileSync } from 'fs';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { SECURE, WILDCARD_ROLE } from './support';
import { SecurityReport } from '../../src';
import { RULE_PACK } from '../../src/checks/rule-pack';
import { sarifLog } from '../../src/cli/sarif-log';

const ajv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf-8')));

const objects = [...SECURE, WILDCARD_ROLE].map((object, i) => ({ object, file: 'dist/app.k8s.yaml', line: 1 + i * 10 }));
const suppressions = [{ ruleId: 'SAI-RBAC-1', object: 'Role/llm/debug', reason: 'incident 42', expires: '2027-01-31' }];

test('a valid SARIF 2.1.0 log: the rule pack as driver rules, a result per finding that is not a pass', () => {
  const log = sarifLog(RULE_PACK, SecurityReport.fromManifests(objects.map((o) => o.object)).findings, objects, '1.2.3');
  expect(validate(log)).toBe(true);
  const driver = log.runs[0].tool.driver;
  expect(driver.rules.map((r: any) => r.id)).toStrictEqual(RULE_PACK.map((r) => r.id));
  expect(driver.rules.find((r: any) => r.id === 'SAI-RBAC-1')).toMatchObject({
    shortDescription: { text: expect.stringContaining('no wildcard') }, help: { text: expect.stringContaining('Fix: Name each API group') }, defaultConfiguration: { level: 'error' },
  });
  expect(log.runs[0].results).toStrictEqual([expect.objectContaining({
    ruleId: 'SAI-RBAC-1',
    ruleIndex: 4,
    level: 'error',
    locations: [{
      physicalLocation: { artifactLocation: { uri: 'dist/app.k8s.yaml' }, region: { startLine: 41 } },
      logicalLocations: [{ name: 'llm/debug', fullyQualifiedName: 'Role/llm/debug', kind: 'kubernetes:Role' }],
    }],
  })]);
});

test('a suppressed finding carries its justification and expiry; an expired one is an error again', () => {
  const active = sarifLog(RULE_PACK, SecurityReport.fromManifests(objects.map((o) => o.object), { suppressions, asOf: '2027-01-01' }).findings, objects, '1.2.3');
  expect(validate(active)).toBe(true);
  expect(active.runs[0].results[0]).toMatchObject({ level: 'warning', suppressions: [{ kind: 'external', status: 'accepted', justification: 'incident 42 (until 2027-01-31)' }] });
  const expired = sarifLog(RULE_PACK, SecurityReport.fromManifests(objects.map((o) => o.object), { suppressions, asOf: '2027-02-01' }).findings, objects, '1.2.3');
  expect(expired.runs[0].results[0]).toMatchObject({ level: 'error', message: { text: expect.stringContaining('suppression expired on 2027-01-31') } });
  expect(expired.runs[0].results[0].suppressions).toBeUndefined();
});

test('the construct path is a second logical location; the app source, when known, is the first location and the manifest a related one', () => {
  const withPath = objects.map((o) => (o.object === WILDCARD_ROLE ? { ...o, constructPath: 'serving/rbac/debug' } : o));
  const findings = SecurityReport.fromManifests(objects.map((o) => o.object)).findings;
  const logical = [
    { name: 'llm/debug', fullyQualifiedName: 'Role/llm/debug', kind: 'kubernetes:Role' },
    { name: 'debug', fullyQualifiedName: 'serving/rbac/debug', kind: 'object' },
  ];
  const plain = sarifLog(RULE_PACK, findings, withPath, '1.2.3');
  expect(validate(plain)).toBe(true);
  expect(plain.runs[0].results[0].locations).toStrictEqual([{
    physicalLocation: { artifactLocation: { uri: 'dist/app.k8s.yaml' }, region: { startLine: 41 } }, logicalLocations: logical,
  }]);
  const source = { file: 'apps/chat/main.ts', root: '/repo', text: "const app = new App();\nnew Rbac(app, 'rbac');\n" };
  const log = sarifLog(RULE_PACK, findings, withPath, '1.2.3', () => source);
  expect(validate(log)).toBe(true);
  expect(log.runs[0].originalUriBaseIds).toStrictEqual({ '%SRCROOT%': { uri: 'file:///repo/' } });
  expect(log.runs[0].results[0]).toMatchObject({
    locations: [{ physicalLocation: { artifactLocation: { uri: 'apps/chat/main.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 2 } }, logicalLocations: logical }],
    relatedLocations: [{ id: 1, physicalLocation: { artifactLocation: { uri: 'dist/app.k8s.yaml' }, region: { startLine: 41 } }, message: { text: 'the synthesised manifest of Role/llm/debug' } }],
  });
});

test('each result points at the source of the app that synthesised its object; a result without one keeps its manifest first', () => {
  const twoApps = [
    { object: WILDCARD_ROLE, file: 'dist/chat/app.k8s.yaml', line: 3 },
    { object: { ...WILDCARD_ROLE, metadata: { name: 'debug', namespace: 'vision' } }, file: 'dist/vision/app.k8s.yaml', line: 5 },
    { object: { ...WILDCARD_ROLE, metadata: { name: 'debug', namespace: 'other' } }, file: 'dist/other/app.k8s.yaml', line: 7 },
  ];
  const sources: { [dir: string]: any } = {
    'dist/chat': { file: 'apps/chat/main.ts', root: '/repo', text: 'x\n' },
    'dist/vision': { file: 'apps/vision/main.ts', root: '/repo', text: 'x\n' },
  };
  const findings = SecurityReport.fromManifests(twoApps.map((o) => o.object)).findings;
  const log = sarifLog(RULE_PACK, findings, twoApps, '1.2.3', (o) => (o ? sources[o.file.split('/').slice(0, 2).join('/')] : undefined));
  expect(validate(log)).toBe(true);
  const first = (ns: string) => log.runs[0].results.find((r: any) => r.ruleId === 'SAI-RBAC-1' && r.message.text.startsWith(`Role/${ns}/debug`)).locations[0].physicalLocation.artifactLocation;
  expect([first('llm'), first('vision'), first('other')]).toStrictEqual([
    { uri: 'apps/chat/main.ts', uriBaseId: '%SRCROOT%' }, { uri: 'apps/vision/main.ts', uriBaseId: '%SRCROOT%' }, { uri: 'dist/other/app.k8s.yaml' },
  ]);
  expect(log.runs[0].originalUriBaseIds).toStrictEqual({ '%SRCROOT%': { uri: 'file:///repo/' } });
});
