import { cdk8s, javascript } from 'projen';

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
  devDeps: [
    'cdk8s-plus-28@2.5.6',
    'cdk8s-cli@^2.200.0',
    'tsconfig-paths@^4',
    'yaml@^2',
  ],

  // tsconfig.dev.json at the root, as projen makes it: it covers src, test, examples, scripts.
  tsconfigDevFile: 'tsconfig.dev.json',
  tsconfigDev: {
    include: ['examples/**/*.ts', 'scripts/**/*.ts'],
    compilerOptions: {},
  },

  // No release workflows or bots: this repository's CI is `.ci/run`.
  github: false,
  release: false,
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  sampleCode: false,

  jestOptions: {
    jestConfig: {
      testPathIgnorePatterns: ['/node_modules/', '/dist/', '/lib/'],
      coveragePathIgnorePatterns: ['/node_modules/', '/src/imports/'],
    },
  },
});

project.gitignore.exclude('/dist/', '/.tools/', '/.cache/', '/.conformance/', '*.tgz');
project.npmignore?.exclude('/examples/', '/scripts/', '/tools/', '/.ci/', '/conformance/');

// Examples: every examples/<name>/main.ts is synthesised into dist/examples/<name>/.
project.addTask('synth:examples', {
  description: 'Synthesise every example into dist/examples/<example>/',
  exec: 'ts-node -P tsconfig.dev.json scripts/synth-examples.ts',
});

// --- waf ---
// LLM WAF profile: engines (Debian nginx + libmodsecurity 3, Coraza harness), corpus evaluation,
// benchmark, CRS regression (go-ftw) and the engine test run that CI calls.
const wafTs = 'ts-node -P tsconfig.dev.json';
project.addTask('waf:install', {
  description: 'Install the WAF engines and tools (Debian packages, Coraza harness, go-ftw); idempotent',
  exec: 'bash scripts/waf/install.sh',
});
project.addTask('waf:eval', {
  description: 'Run corpora against an example\'s WAF profile: --engine <modsecurity|coraza> --example <name> --corpus <file.jsonl> [...]',
  steps: [{ spawn: 'waf:install' }, { exec: `${wafTs} scripts/waf/eval.ts`, receiveArgs: true }],
});
project.addTask('waf:bench', {
  description: 'Benchmark no WAF / CRS defaults / LLM profile: --engine <modsecurity|coraza> --example <name>',
  steps: [{ spawn: 'waf:install' }, { exec: `${wafTs} scripts/waf/bench.ts`, receiveArgs: true }],
});
project.addTask('waf:crs-regression', {
  description: 'OWASP CRS regression tests (go-ftw) against the profile and against CRS alone: --engine <modsecurity|coraza>',
  steps: [{ spawn: 'waf:install' }, { exec: `${wafTs} scripts/waf/crs-regression.ts`, receiveArgs: true }],
});
project.addTask('waf:test', {
  description: 'WAF engine tests: both engines, all corpora, CRS regression; fails on any miss',
  steps: [{ spawn: 'waf:install' }, { exec: `${wafTs} scripts/waf/test.ts` }],
});
// --- end waf ---

project.synth();
