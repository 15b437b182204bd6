import { execFileSync, spawnSync } from 'child_process';
import { readFileSync, realpathSync } from 'fs';
import { join } from 'path';
import { cli, SECURE, tree, WILDCARD_ROLE } from './support';

describe('help', () => {
  test('each command has its --help, and no command prints the usage with exit 2', () => {
    for (const command of ['check', 'report', 'diff']) {
      const r = cli(command, '--help');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: cdk8s-secure-ai ${command} `));
    }
    expect(cli('help', 'diff').stdout).toMatch(/compared by identity \(kind, namespace, name\), not by file/);
    expect(cli()).toMatchObject({ code: 2, stdout: expect.stringMatching(/^Usage: cdk8s-secure-ai <command>/) });
  });

  test('an unknown command or option, or a wrong number of directories, is a clear error with exit 2', () => {
    expect(cli('lint', 'x')).toMatchObject({ code: 2, stderr: 'cdk8s-secure-ai: unknown command "lint"; commands: check, report, diff (see --help)\n' });
    expect(cli('check', 'x', '--severity', 'high')).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown option --severity; options: --format, --output, --suppressions, --as-of') });
    expect(cli('diff', 'only-one')).toMatchObject({ code: 2, stderr: expect.stringContaining('diff takes two directories, <base-dir> <head-dir>; got 1: only-one') });
    expect(cli('check', tree({ 'a.yaml': SECURE }), '--format', 'xml')).toMatchObject({ code: 2, stderr: expect.stringContaining('--format xml: use one of text, json, sarif') });
  });
});

describe('check', () => {
  test('a finding names its construct (construct-metadata.json) and the app source (cdk8s.yaml above the tree), in text, JSON and SARIF', () => {
    const repo = tree({
      'cdk8s.yaml': 'app: npx ts-node main.ts\n',
      'main.ts': "const app = new App();\nconst chart = new Chart(app, 'serving');\nnew Role(chart, 'debug');\n",
      'dist/a.yaml': [...SECURE, WILDCARD_ROLE],
      'dist/construct-metadata.json': JSON.stringify({ version: '1.0.0', resources: { debug: { path: 'serving/debug' } } }),
    });
    const dist = join(repo, 'dist');
    const text = cli('check', dist, '--repo-root', repo);
    expect(text.stdout).toMatch(/FAIL SAI-RBAC-1 Role\/llm\/debug \(.*dist\/a\.yaml:\d+\)\n {2}construct serving\/debug, source main\.ts:3\n {2}grants /);
    expect(JSON.parse(cli('check', dist, '--repo-root', repo, '--format', 'json').stdout).findings.find((f: any) => f.ruleId === 'SAI-RBAC-1'))
      .toMatchObject({ constructPath: 'serving/debug', source: { file: 'main.ts', line: 3 } });
    const sarif = JSON.parse(cli('check', dist, '--repo-root', repo, '--format', 'sarif').stdout).runs[0].results[0];
    expect(sarif.locations[0]).toMatchObject({ physicalLocation: { artifactLocation: { uri: 'main.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 3 } } });
    expect(sarif.locations[0].logicalLocations[1]).toStrictEqual({ name: 'debug', fullyQualifiedName: 'serving/debug', kind: 'object' });
    expect(sarif.relatedLocations[0].physicalLocation.artifactLocation.uri).toMatch(/dist\/a\.yaml$/);
    const explicit = JSON.parse(cli('check', dist, '--repo-root', repo, '--source', join(repo, 'cdk8s.yaml'), '--format', 'json').stdout);
    expect(explicit.findings.find((f: any) => f.ruleId === 'SAI-RBAC-1').source).toStrictEqual({ file: 'cdk8s.yaml', line: 1 });
    expect(cli('check', dist, '--source', join(repo, 'nope.ts'))).toMatchObject({ code: 2, stderr: expect.stringContaining('nope.ts: no such file') });
    expect(cli('report', dist).stdout).toContain('SAI-RBAC-1 `Role/llm/debug` (construct `serving/debug`): ');
  });

  test('objects that share a name get each its own construct path (secure-ai-construct-paths.json), in text, JSON and SARIF', () => {
    const chat = { name: 'chat', namespace: 'llm' };
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: chat, spec: { template: { spec: { containers: [{ name: 'vllm', image: 'vllm' }] } } } };
    const ingress = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { ...chat, annotations: { 'nginx.ingress.kubernetes.io/configuration-snippet': 'x' } } };
    const service = { apiVersion: 'v1', kind: 'Service', metadata: chat };
    const byName = JSON.stringify({ version: '1.0.0', resources: { chat: { path: 'serving/chat/ingress' } } });
    const record = JSON.stringify({
      format: 'secure-ai.cdk8s.io/construct-paths/v1',
      objects: [
        { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'llm', name: 'chat', path: 'serving/chat/model/deployment' },
        { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', namespace: 'llm', name: 'chat', path: 'serving/chat/ingress' },
        { apiVersion: 'v1', kind: 'Service', namespace: 'llm', name: 'chat', path: 'serving/chat/model/service' },
      ],
    });
    const dir = tree({ 'app.k8s.yaml': [...SECURE, deployment, ingress, service], 'construct-metadata.json': byName, 'secure-ai-construct-paths.json': record });
    const results = JSON.parse(cli('check', dir, '--format', 'sarif').stdout).runs[0].results;
    const constructOf = (ruleId: string) => results.find((r: any) => r.ruleId === ruleId).locations[0].logicalLocations
      .map((l: any) => l.fullyQualifiedName);
    expect(constructOf('SAI-POD-1')).toStrictEqual(['Deployment/llm/chat', 'serving/chat/model/deployment']);
    expect(constructOf('SAI-EDGE-1')).toStrictEqual(['Ingress/llm/chat', 'serving/chat/ingress']);
    expect(cli('check', dir).stdout).toMatch(/FAIL SAI-POD-1 Deployment\/llm\/chat \(.*app\.k8s\.yaml:\d+\)\n {2}construct serving\/chat\/model\/deployment\n/);
    expect(JSON.parse(cli('check', dir, '--format', 'json').stdout).findings.filter((f: any) => f.status === 'fail').map((f: any) => `${f.object} ${f.constructPath}`))
      .toStrictEqual(['Deployment/llm/chat serving/chat/model/deployment', 'Ingress/llm/chat serving/chat/ingress']);
    expect(cli('report', dir).stdout).toContain('SAI-POD-1 `Deployment/llm/chat` (construct `serving/chat/model/deployment`): ');
    // Other people's manifests: cdk8s' file alone cannot tell the three apart, and nothing at all gives no path.
    const cdk8sTree = tree({ 'app.k8s.yaml': [...SECURE, deployment, ingress, service], 'construct-metadata.json': byName });
    const cdk8sOnly = JSON.parse(cli('check', cdk8sTree, '--format', 'sarif').stdout);
    // The Ingress's controller ConfigMap is not in the tree: SAI-EDGE-4 notes that it relies on it.
    expect(cdk8sOnly.runs[0].results.map((r: any) => `${r.ruleId} ${r.locations[0].logicalLocations.length}`)).toStrictEqual(['SAI-POD-1 1', 'SAI-EDGE-1 1', 'SAI-EDGE-4 1']);
    const none = JSON.parse(cli('check', tree({ 'app.k8s.yaml': [...SECURE, deployment, ingress, service] }), '--format', 'sarif').stdout);
    expect(none.runs[0].results.map((r: any) => `${r.ruleId} ${r.locations[0].logicalLocations.length}`)).toStrictEqual(['SAI-POD-1 1', 'SAI-EDGE-1 1', 'SAI-EDGE-4 1']);
  });

  test('--source <dir>=<file>, repeated: each result points at the source of the app that synthesised its directory', () => {
    const role = (namespace: string) => ({ ...WILDCARD_ROLE, metadata: { name: 'debug', namespace } });
    const ns = (name: string) => ({ ...SECURE[0], metadata: { ...SECURE[0].metadata, name } });
    const repo = realpathSync(tree({
      'apps/chat/main.ts': "new Role(chart, 'debug');\n",
      'apps/vision/main.ts': "const app = new App();\nnew Role(chart, 'debug');\n",
      'dist/chat/app.k8s.yaml': [...SECURE, WILDCARD_ROLE],
      'dist/vision/app.k8s.yaml': [ns('vision'), { ...SECURE[1], metadata: { name: 'deny', namespace: 'vision' } }, role('vision')],
    }));
    const at = (p: string) => join(repo, p);
    const args = ['check', at('dist'), '--repo-root', repo, '--format', 'sarif', '--source', `${at('dist/chat')}=${at('apps/chat/main.ts')}`, `--source=${at('dist/vision')}=${at('apps/vision/main.ts')}`];
    const sarif = JSON.parse(cli(...args).stdout).runs[0];
    const sourceOf = (object: string) => sarif.results.find((r: any) => r.ruleId === 'SAI-RBAC-1' && r.message.text.startsWith(object)).locations[0].physicalLocation;
    expect(sourceOf('Role/llm/debug')).toStrictEqual({ artifactLocation: { uri: 'apps/chat/main.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } });
    expect(sourceOf('Role/vision/debug')).toStrictEqual({ artifactLocation: { uri: 'apps/vision/main.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 2 } });
    const text = cli('check', at('dist'), '--repo-root', repo, '--source', `${at('dist/vision')}=${at('apps/vision/main.ts')}`).stdout;
    expect(text).toMatch(/FAIL SAI-RBAC-1 Role\/vision\/debug .*\n {2}source apps\/vision\/main\.ts:2\n/);
    expect(text).toMatch(/FAIL SAI-RBAC-1 Role\/llm\/debug .*\n {2}grants /);
  });

  test('a bad --source value is exit 2, naming the flag, the value and the fix', () => {
    const dist = tree({ 'a.yaml': SECURE });
    expect(cli('check', dist, '--source', '=main.ts')).toMatchObject({
      code: 2, stderr: 'cdk8s-secure-ai: --source =main.ts: no directory before "=". --source takes <file> (the app of the whole tree) or <dir>=<file> (the app that synthesised <dir>, repeatable), e.g. --source dist/examples/chat=examples/chat/main.ts.\n',
    });
    expect(cli('check', dist, '--source', `${join(dist, 'nope')}=main.ts`)).toMatchObject({ code: 2, stderr: expect.stringContaining(`--source ${join(dist, 'nope')}=main.ts: ${join(dist, 'nope')} is no directory.`) });
    expect(cli('check', dist, '--help').stdout).toContain('--source <dir>=<file>     the source file of the app that synthesised <dir>, a directory of the tree; repeat it');
  });

  test('passes (exit 0) on a compliant tree and fails (exit 1) on a failing rule, naming the file and line', () => {
    expect(cli('check', tree({ 'a.yaml': SECURE })).code).toBe(0);
    const dir = tree({ 'a.yaml': SECURE, 'nested/roles.yml': [WILDCARD_ROLE] });
    const r = cli('check', dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL SAI-RBAC-1 Role/llm/debug (');
    expect(r.stdout).toMatch(/nested\/roles\.yml:1\)\n {2}grants .*\n {2}fix: Name each API group/);
    expect(r.stdout).toMatch(/^FAIL: 1 failing, 0 suppressed, 0 weakened by option, 0 warnings to confirm, \d+ passing; 5 object\(s\), 12 rules$/m);
    expect(r.stderr).toContain('read 5 object(s) from 2 file(s)');
  });

  test('--format json gives every finding with its file, line, severity and status', () => {
    const dir = tree({ 'a.yaml': [...SECURE, WILDCARD_ROLE] });
    const r = cli('check', dir, '--format', 'json');
    const json = JSON.parse(r.stdout);
    expect(json.passed).toBe(false);
    // The Role's document starts on the line after the fourth separator.
    const line = readFileSync(join(dir, 'a.yaml'), 'utf-8').split('\n').findIndex((l) => l === 'apiVersion: rbac.authorization.k8s.io/v1') + 1;
    expect(line).toBeGreaterThan(1);
    expect(json.findings.find((f: any) => f.ruleId === 'SAI-RBAC-1')).toMatchObject({ status: 'fail', severity: 'error', object: 'Role/llm/debug', file: expect.stringMatching(/a\.yaml$/), line });
    expect(json.rules.map((x: any) => x.id)).toContain('SAI-NET-1');
  });

  test('--suppressions accepts a finding until its expiry, then fails it again', () => {
    const dir = tree({ 'a.yaml': [...SECURE, WILDCARD_ROLE], 'suppress/s.yaml': 'suppressions:\n  - ruleId: SAI-RBAC-1\n    object: Role/llm/debug\n    reason: break-glass during the incident\n    expires: "2027-01-31"\n' });
    // The suppressions file sits under the tree: YAML without kind is no object and is skipped.
    const active = cli('check', dir, '--suppressions', join(dir, 'suppress/s.yaml'), '--as-of', '2027-01-31');
    expect(active.code).toBe(0);
    expect(active.stdout).toContain('SUPPRESSED SAI-RBAC-1 Role/llm/debug');
    const expired = cli('check', dir, '--suppressions', join(dir, 'suppress/s.yaml'), '--as-of', '2027-02-01');
    expect(expired.code).toBe(1);
    expect(expired.stdout).toContain('(suppression expired on 2027-01-31: break-glass during the incident)');
    const bad = cli('check', dir, '--suppressions', join(tree({ 's.yaml': '- ruleId: SAI-RBAC-1\n  reason: x\n  expires: soon\n' }), 's.yaml'));
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('Invalid suppressions[0].expires: "soon".') });
  });

  test('--output writes the SARIF to a file', () => {
    const dir = tree({ 'a.yaml': [...SECURE, WILDCARD_ROLE] });
    const r = cli('check', dir, '--format', 'sarif', '--output', join(dir, 'out.sarif'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf-8')).runs[0].results[0].ruleId).toBe('SAI-RBAC-1');
  });
});

describe('bad input is exit 2 with the reason', () => {
  test('a missing directory', () => {
    expect(cli('check', '/nonexistent/dir')).toMatchObject({ code: 2, stderr: expect.stringContaining('/nonexistent/dir: no such directory') });
  });
  test('unparsable YAML, with file and line', () => {
    const dir = tree({ 'ok.yaml': SECURE, 'bad.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n    bad: indentation\n' });
    expect(cli('check', dir)).toMatchObject({ code: 2, stderr: expect.stringMatching(/bad\.yaml:4: unparsable YAML: Nested mappings are not allowed/) });
  });
  test('an empty tree', () => {
    expect(cli('report', tree({ 'README.md': 'no manifests' }))).toMatchObject({ code: 2, stderr: expect.stringContaining('no Kubernetes object found (0 YAML file(s))') });
  });
});

describe('report and diff', () => {
  test('report: Markdown per namespace, exit 1 when a rule fails; --format json', () => {
    const r = cli('report', tree({ 'a.yaml': [...SECURE, WILDCARD_ROLE] }));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('## Namespace `llm`');
    expect(r.stdout).toContain('- Role debug grants * on *');
    expect(r.stdout).toContain('- **fail** SAI-RBAC-1 `Role/llm/debug`');
    const json = JSON.parse(cli('report', tree({ 'a.yaml': SECURE }), '--format', 'json').stdout);
    expect(json.namespaces[0].statements.map((s: any) => s.topic)).toStrictEqual(['default-deny', 'pod-security']);
  });

  test('diff: objects compared by identity, not by file', () => {
    const base = tree({ 'a.yaml': SECURE });
    // The same objects split over other files, plus a wildcard Role, minus the default deny.
    const head = tree({ 'ns.yaml': [SECURE[0]], 'x/quota.yml': [SECURE[2], SECURE[3]], 'rbac.yaml': [WILDCARD_ROLE] });
    const r = cli('diff', base, head);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Role debug gains * on * in llm\ndefault-deny removed from llm\n');
    expect(cli('diff', base, tree({ 'b.yaml': [...SECURE].reverse() })).stdout).toBe('no change in effective policy\n');
    expect(cli('diff', base, head, '--format', 'markdown').stdout).toContain('- default-deny removed from llm\n');
  });
});

test('the bin runs as a process: exit code and output', () => {
  const main = join(__dirname, '..', '..', 'src', 'cli', 'main.ts');
  const tsNode = require.resolve('ts-node/dist/bin.js');
  const project = join(__dirname, '..', '..', 'tsconfig.dev.json');
  const failing = spawnSync(process.execPath, [tsNode, '-T', '-P', project, main, 'check', tree({ 'a.yaml': [...SECURE, WILDCARD_ROLE] })], { encoding: 'utf-8' });
  expect(failing.status).toBe(1);
  expect(failing.stdout).toContain('FAIL SAI-RBAC-1 Role/llm/debug');
  expect(execFileSync(process.execPath, [tsNode, '-T', '-P', project, main, 'check', tree({ 'a.yaml': SECURE })], { encoding: 'utf-8' })).toMatch(/^PASS: /m);
}, 60_000);
