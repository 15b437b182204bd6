import { readFileSync } from 'fs';
import * as path from 'path';
// The eslintrc engine, which the project's lint task runs (ESLINT_USE_FLAT_CONFIG=false).
// eslint-disable-next-line import/no-extraneous-dependencies
import { LegacyESLint } from 'eslint/use-at-your-own-risk';
import { LAYERS } from '../../projenrc/layers';

const ROOT = path.join(__dirname, '..', '..');
const RULE = 'import/no-restricted-paths';

/** The committed lint configuration, reduced to the layer rule (the rest needs type information). */
function layerLinter() {
  const rc = JSON.parse(readFileSync(path.join(ROOT, '.eslintrc.json'), 'utf8').replace(/^\/\/.*$/m, ''));
  return new LegacyESLint({
    cwd: ROOT,
    useEslintrc: false,
    baseConfig: {
      root: true,
      parser: rc.parser,
      parserOptions: { ecmaVersion: 2018, sourceType: 'module' },
      plugins: ['import'],
      settings: rc.settings,
      rules: { [RULE]: rc.rules[RULE] },
    },
  });
}

async function layerErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await layerLinter().lintText(code, { filePath: path.join(ROOT, filePath) });
  return result.messages.filter((m: any) => m.ruleId === RULE).map((m: any) => m.message);
}

describe('one-way layers', () => {
  test('fails a wrong-way import (fixture: the options layer imports a renderer)', async () => {
    const code = readFileSync(path.join(__dirname, 'fixtures', 'options-imports-render.ts.fixture'), 'utf8');
    const errors = await layerErrors(code, 'src/options/options-imports-render.ts');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/src\/options is in the layer "options/);
  });

  test('passes the same import from a layer above', async () => {
    const code = readFileSync(path.join(__dirname, 'fixtures', 'options-imports-render.ts.fixture'), 'utf8');
    expect(await layerErrors(code, 'src/endpoint/imports-render.ts')).toStrictEqual([]);
  });

  test('every layer may import the one below and no layer above', async () => {
    const sample: { [folder: string]: string } = {
      imports: 'k8s',
      facts: 'http-methods',
      options: 'validation-error',
      model: 'weakening',
      render: 'rbac',
      platform: 'secure-ai-platform',
      endpoint: 'secure-inference-endpoint',
      training: 'ai-training-namespace',
      waf: 'index',
      checks: 'security-report',
      pulumi: 'index',
      cli: 'cli',
    };
    for (let i = 0; i < LAYERS.length; i++) {
      for (const folder of LAYERS[i].folders) {
        const file = `src/${folder}/layer-probe.ts`;
        if (i > 0 && folder !== 'checks') {
          const below = LAYERS[i - 1].folders[0];
          expect(await layerErrors(`import * as x from '../${below}/${sample[below]}';\nexport const y = x;\n`, file)).toStrictEqual([]);
        }
        for (const higher of LAYERS.slice(i + 1).flatMap((l) => l.folders)) {
          const errors = await layerErrors(`import * as x from '../${higher}/${sample[higher]}';\nexport const y = x;\n`, file);
          expect({ file, higher, errors: errors.length }).toStrictEqual({ file, higher, errors: 1 });
        }
      }
    }
  });
});
