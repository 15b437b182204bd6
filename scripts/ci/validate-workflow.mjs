// Parses a GitHub Actions workflow with GitHub's own parser (@actions/workflow-parser: its
// workflow schema) and prints every error; exits 1 on any.
//   node scripts/ci/validate-workflow.mjs <workflow.yml>
import { readFileSync } from 'fs';
import { register } from 'module';

// The parser imports its schema JSON without an import attribute (its bundlers allow it; Node
// does not): a load hook reads .json modules itself.
const hook = `
import { readFile } from 'fs/promises';
export async function load(url, context, next) {
  if (url.endsWith('.json')) return { format: 'json', source: await readFile(new URL(url)), shortCircuit: true };
  return next(url, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`, import.meta.url);
const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await import('@actions/workflow-parser');

const path = process.argv[2];
const result = parseWorkflow({ name: path, content: readFileSync(path, 'utf-8') }, new NoOperationTraceWriter());
const errors = result.context.errors.getErrors().map((e) => e.message);
let jobs = 0;
if (errors.length === 0 && result.value) {
  const template = await convertWorkflowTemplate(result.context, result.value);
  errors.push(...(template.errors ?? []).map((e) => e.Message ?? e.message ?? String(e)));
  jobs = (template.jobs ?? []).length;
}
for (const e of errors) console.error(`${path}: ${e}`);
if (errors.length > 0) process.exit(1);
console.log(`${path}: valid workflow (${jobs} job(s))`);
