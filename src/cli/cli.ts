import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { repositoryRoot } from './app-source';
import { AppSourceMap } from './app-source-map';
import { checkJson, checkSarif, checkText, runRulePack } from './check-command';
import { CliError } from './cli-error';
import { readManifestTree } from './manifest-tree';
import { effectivePolicy } from './policy/effective-policy';
import { policyDiff } from './policy/policy-diff';
import { policyReportJson, policyReportMarkdown } from './policy/policy-report';
import { readSuppressions } from './suppression-file';
import { CheckStatus } from '../checks/check-result';
import { objectRef } from '../checks/manifest-rule';

/** Where the command line writes. @internal */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const USAGE = `Usage: cdk8s-secure-ai <command> [options]

Commands:
  check <dir>               Run the security rule pack over every manifest under <dir>; exit 1 on a failing rule
  report <dir>              The effective policy per namespace and endpoint: exposure, connectivity, RBAC, admission, opt-outs
  diff <base-dir> <head-dir>  The change in effective policy between two trees, in plain words for a pull request
  help [command]            This text, or a command's

Exit codes: 0 pass, 1 a rule fails (check, report), 2 bad input (missing directory, unparsable YAML, empty tree, bad option).
`;

const HELP: { [command: string]: string } = {
  check: `Usage: cdk8s-secure-ai check <dir> [--format text|json|sarif] [--output <file>] [--suppressions <file>] [--as-of YYYY-MM-DD]
                            [--source <file> | --source <dir>=<file> ...] [--repo-root <dir>]

Reads every *.yaml and *.yml file under <dir> (recursively, multi-document files included) and
runs the rule pack (SAI-*) over the objects, judging what they do, not what they are annotated
with. Prints every finding that is not a pass; exits 1 when a rule fails.

  --format text|json|sarif  text (default), JSON, or SARIF 2.1.0 (for code scanning)
  --output <file>           write there instead of stdout
  --suppressions <file>     YAML or JSON list of { ruleId, object (Kind/namespace/name), reason, expires (YYYY-MM-DD) };
                            a suppression that has expired fails its finding again
  --as-of YYYY-MM-DD        judge suppressions on that day (default: today, UTC)
  --source <file>           the source file of the app that synthesised <dir>; SARIF results point there first
  --source <dir>=<file>     the source file of the app that synthesised <dir>, a directory of the tree; repeat it
                            for a tree of several apps' outputs (e.g. --source dist/examples/chat=examples/chat/main.ts
                            --source dist/examples/vision=examples/vision/main.ts): a manifest takes the source of
                            the deepest <dir> that holds it, else the <file> given alone. Default: the file in the
                            app: command of the nearest cdk8s.yaml in or above the manifest's directory
  --repo-root <dir>         the repository root source paths are relative to (default: git's top level, else .)

Each finding names the path of the construct that synthesised its object when the app recorded
construct metadata (new App({ recordConstructMetadata: true }) or CDK8S_RECORD_CONSTRUCT_METADATA=true):
from secure-ai-construct-paths.json (written by this library's constructs; by apiVersion, kind,
namespace and name, so objects that share a name are told apart) in the manifest's directory or
above it in the tree, else from cdk8s' construct-metadata.json of the manifest's directory (by
name only: an object whose name another object of the directory shares gets none).
`,
  report: `Usage: cdk8s-secure-ai report <dir> [--format markdown|json] [--output <file>] [--suppressions <file>] [--as-of YYYY-MM-DD]

The effective policy of the manifests under <dir>, per namespace and endpoint: what is exposed
(hosts, paths, TLS, authentication, limits, WAF mode), who can reach what (NetworkPolicies), who
can do what (RBAC per subject, built-in and aggregated ClusterRoles included), what admission
rejects (Pod Security labels, ValidatingAdmissionPolicies), every explicit opt-out; then the
check's findings. Exits 1 when a rule fails.
`,
  diff: `Usage: cdk8s-secure-ai diff <base-dir> <head-dir> [--format text|markdown|json] [--output <file>]

The change in effective policy from <base-dir> to <head-dir>, one sentence per change (e.g.
"default-deny removed from llm-serving", "Role debug gains * on * in llm-serving"). Objects are
compared by identity (kind, namespace, name), not by file. Exits 0 whatever changed.
`,
};

interface Parsed {
  positional: string[];
  /** The last value of each option. */
  options: { [name: string]: string };
  /** Every value of each option, in order (for the options that may be repeated). */
  repeated: { [name: string]: string[] };
}

function parse(args: string[], allowed: string[]): Parsed {
  const positional: string[] = [];
  const options: { [name: string]: string } = {};
  const repeated: { [name: string]: string[] } = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--help' || a === '-h') { options.help = 'true'; continue; }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const inline = eq < 0 ? undefined : a.slice(eq + 1);
      if (!allowed.includes(name)) throw new CliError(`unknown option --${name}; options: ${allowed.map((o) => `--${o}`).join(', ')} (see --help)`);
      const value = inline ?? args[++i];
      if (value === undefined) throw new CliError(`--${name} needs a value (see --help)`);
      options[name] = value;
      (repeated[name] = repeated[name] ?? []).push(value);
    } else {
      positional.push(a);
    }
  }
  return { positional, options, repeated };
}

function format(options: { [name: string]: string }, allowed: string[]): string {
  const f = options.format ?? allowed[0];
  if (!allowed.includes(f)) throw new CliError(`--format ${f}: use one of ${allowed.join(', ')}`);
  return f;
}

function version(): string {
  try {
    return JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf-8')).version;
  } catch {
    return '0.0.0';
  }
}

/**
 * Runs one command of the command line and returns its exit code: 0 pass, 1 a failing rule,
 * 2 bad input. Progress goes to stderr, results to stdout or `--output`.
 * @internal
 */
export function runCli(argv: string[], io: CliIo): number {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      const topic = command === 'help' ? rest[0] : undefined;
      if (topic !== undefined && !HELP[topic]) throw new CliError(`unknown command "${topic}"; commands: check, report, diff`);
      io.stdout(topic ? HELP[topic] : USAGE);
      return command === undefined ? 2 : 0;
    }
    if (!HELP[command]) throw new CliError(`unknown command "${command}"; commands: check, report, diff (see --help)`);
    const allowed = command === 'diff' ? ['format', 'output'] : command === 'check'
      ? ['format', 'output', 'suppressions', 'as-of', 'source', 'repo-root'] : ['format', 'output', 'suppressions', 'as-of'];
    const { positional, options, repeated } = parse(rest, allowed);
    if (options.help) {
      io.stdout(HELP[command]);
      return 0;
    }
    const progress = (m: string) => io.stderr(`${m}\n`);
    const emit = (text: string) => {
      if (options.output) {
        writeFileSync(options.output, text);
        progress(`wrote ${options.output}`);
      } else {
        io.stdout(text);
      }
    };
    const wanted = command === 'diff' ? 2 : 1;
    if (positional.length !== wanted) {
      throw new CliError(`${command} takes ${wanted === 2 ? 'two directories, <base-dir> <head-dir>' : 'one directory'}; got ${positional.length}: ${positional.join(' ') || 'none'} (see cdk8s-secure-ai ${command} --help)`);
    }
    if (command === 'diff') {
      const f = format(options, ['text', 'markdown', 'json']);
      const base = effectivePolicy(readManifestTree(positional[0], progress).map((o) => o.object));
      const head = effectivePolicy(readManifestTree(positional[1], progress).map((o) => o.object));
      const changes = policyDiff(base, head);
      if (f === 'json') emit(JSON.stringify({ base: positional[0], head: positional[1], changes }, null, 2) + '\n');
      else if (f === 'markdown') emit([`### Effective policy change: \`${positional[0]}\` → \`${positional[1]}\``, '', ...(changes.length ? changes.map((c) => `- ${c}`) : ['_no change in effective policy_']), ''].join('\n'));
      else emit(changes.length ? changes.join('\n') + '\n' : 'no change in effective policy\n');
      return 0;
    }
    // Every --source value is checked before the tree is read.
    const sources = command === 'check' ? AppSourceMap.fromOptions(positional[0], repositoryRoot(options['repo-root']), repeated.source ?? []) : undefined;
    const objects = readManifestTree(positional[0], progress);
    const suppressions = options.suppressions ? readSuppressions(options.suppressions) : [];
    const findings = runRulePack(objects, suppressions, options['as-of']);
    const failed = findings.some((x) => x.status === CheckStatus.FAIL);
    if (command === 'check') {
      const f = format(options, ['text', 'json', 'sarif']);
      if (f === 'sarif') emit(JSON.stringify(checkSarif(findings, objects, version(), sources), null, 2) + '\n');
      else if (f === 'json') emit(JSON.stringify(checkJson(findings, objects, sources), null, 2) + '\n');
      else emit(checkText(findings, objects, sources));
      if (f !== 'text') progress(`check: ${failed ? 'FAIL' : 'PASS'}`);
    } else {
      const f = format(options, ['markdown', 'json']);
      const statements = effectivePolicy(objects.map((o) => o.object));
      const constructs = new Map<string, string>();
      for (const o of objects) if (o.constructPath && !constructs.has(objectRef(o.object))) constructs.set(objectRef(o.object), o.constructPath);
      emit(f === 'json' ? JSON.stringify(policyReportJson(statements, findings, constructs), null, 2) + '\n' : policyReportMarkdown(positional[0], statements, findings, constructs));
    }
    return failed ? 1 : 0;
  } catch (e: any) {
    if (e instanceof CliError) {
      io.stderr(`cdk8s-secure-ai: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
