'use strict';
/**
 * Runs a compiled Pulumi program under Pulumi's mock runtime, from the program's own directory
 * (so it uses the program's @pulumi/pulumi), and writes what was registered as JSON:
 *   node run-under-mocks.js <program.js> <out.json> [project] [stack]
 * The mocks are set before the program is required.
 */
const fs = require('fs');
const path = require('path');
const pulumi = require(require.resolve('@pulumi/pulumi', { paths: [process.cwd()] }));
const { installRecordingMocks, promiseOf, settled } = require('./recording-mocks');

const [programPath, outPath, project, stack] = process.argv.slice(2);
const registrations = installRecordingMocks(pulumi, { project: project || 'project', stack: stack || 'stack' });
const program = require(path.resolve(programPath));

(async () => {
  const outputs = {};
  for (const [name, value] of Object.entries(program)) {
    outputs[name] = pulumi.Output.isInstance(value) ? await promiseOf(value) : value;
  }
  await settled(pulumi);
  fs.writeFileSync(outPath, JSON.stringify({ registrations, outputs }, null, 2));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
