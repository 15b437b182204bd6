import * as fs from 'fs';
import * as path from 'path';
import { loadManifests } from '../../conformance/suite/manifests';
import { REPORT_FIXTURES, reportFixtureName } from '../../conformance/suite/report-fixtures';

const repoRoot = path.resolve(__dirname, '..', '..');

test('the namespace-selector fixture runs first; a fixture is named by its directory', () => {
  expect(REPORT_FIXTURES[0]).toBe('test/conformance/fixtures/report-namespace-selectors');
  expect(reportFixtureName('test/conformance/fixtures/report-namespace-selectors')).toBe('report-namespace-selectors');
  expect(reportFixtureName('a/b/')).toBe('b');
});

test('every fixture has Namespaces, NetworkPolicies and two Pods to compare, and no stored engine answer', () => {
  for (const f of REPORT_FIXTURES) {
    const kinds = loadManifests(path.join(repoRoot, f)).map((o) => o.object.kind);
    expect(kinds).toContain('Namespace');
    expect(kinds).toContain('NetworkPolicy');
    expect(kinds.filter((k) => k === 'Pod').length).toBeGreaterThanOrEqual(2);
    expect(fs.readdirSync(path.join(repoRoot, f))).toStrictEqual(['input.yaml']);
  }
});
