/**
 * Generates cdk8s bindings for Kubernetes kinds that cdk8s-plus-28's bundled
 * 1.28 bindings lack, from the OpenAPI document that ships inside the
 * `k8s.io/kubernetes` Go module (fetched through the Go module proxy).
 *
 * It is `cdk8s import k8s@<version>` with two differences: the schema comes
 * from the module instead of a download, and only the kinds listed below (and
 * the types they reference) are emitted, so the bindings stay small.
 *
 * Usage: ts-node scripts/imports/import-k8s-kinds.ts <swagger.json> <outdir>
 */
import { readFileSync } from 'fs';
import { dirname, join } from 'path';

// cdk8s-cli exports only its plugin API, so its importer modules are loaded by file.
const cliDir = dirname(require.resolve('cdk8s-cli/package.json'));
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by file path, see above
const cli = (module: string) => require(join(cliDir, 'lib', 'import', module));
const { ImportBase, Language } = cli('base');
const { emitHeader, generateConstruct, getPropsTypeName, getTypeName } = cli('codegen');
const { findApiObjectDefinitions } = cli('k8s');
const { parseApiTypeName, safeParseJsonSchema } = cli('k8s-util');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the json2jsii that cdk8s-cli uses
const { TypeGenerator } = require(require.resolve('json2jsii', { paths: [cliDir] }));

/** Kinds GA since Kubernetes 1.30 (the library's floor) and absent from cdk8s-plus-28. */
const KINDS = [
  'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicy',
  'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicyBinding',
];

class ImportSelectedKinds extends ImportBase {
  constructor(private readonly schema: any) {
    super();
  }

  public get moduleNames() {
    return ['k8s'];
  }

  protected async generateTypeScript(code: any) {
    const objects = findApiObjectDefinitions(this.schema, 'Kube').filter((o: any) => KINDS.includes(o.fqn));
    const missing = KINDS.filter((k) => !objects.some((o: any) => o.fqn === k));
    if (missing.length > 0) {
      throw new Error(`kinds not found in the OpenAPI document: ${missing.join(', ')}`);
    }
    const typeGenerator = new TypeGenerator({
      definitions: this.schema.definitions,
      renderTypeName: (def: string) => {
        const parsed = parseApiTypeName(def);
        return parsed.version ? getTypeName(false, parsed.basename, parsed.version.raw) : parsed.basename;
      },
    });
    for (const o of objects) {
      typeGenerator.addDefinition(o.fqn, { $ref: `#/definitions/${getPropsTypeName(o)}` });
    }
    for (const o of objects) {
      generateConstruct(typeGenerator, o);
    }
    emitHeader(code, false);
    code.line(typeGenerator.render());
  }
}

async function main() {
  const [swaggerPath, outdir] = process.argv.slice(2);
  if (!swaggerPath || !outdir) {
    throw new Error('usage: import-k8s-kinds.ts <swagger.json> <outdir>');
  }
  // Like cdk8s' published schemas, keep only the definitions (not the paths).
  const { definitions } = JSON.parse(readFileSync(swaggerPath, 'utf-8'));
  const schema = safeParseJsonSchema(JSON.stringify({ definitions }));
  await new ImportSelectedKinds(schema).import({ outdir, targetLanguage: Language.TYPESCRIPT });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
