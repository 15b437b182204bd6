/**
 * `npm run bench:synth`: synthesis time and peak memory as the number of endpoints (and of
 * training namespaces) grows, next to the floor: the same manifests re-emitted as plain
 * ApiObjects in one chart, synthesised the same way. Each measurement runs in a fresh process
 * (conformance/bench/synth-child.ts); each figure is the median of three runs. The goal is
 * 1,000 endpoints within 1.5x the floor.
 * A benchmark that prints figures, not a test: it fails only if a measurement fails.
 *
 *   npm run bench:synth                # 1, 10, 100, 1000
 *   npm run bench:synth -- 1 10 100    # other counts
 */
import { execFileSync } from 'child_process';
import { join } from 'path';

const counts = process.argv.slice(2).map(Number).filter((n) => n > 0);
const sizes = counts.length > 0 ? counts : [1, 10, 100, 1000];
const child = join(__dirname, 'synth-child.ts');
const tsNode = require.resolve('ts-node/dist/bin.js');
const project = join(__dirname, '..', '..', 'tsconfig.dev.json');

interface Measurement { kind: string; mode: string; count: number; objects: number; wallMs: number; peakRssMiB: number }

/** The median of three runs, each in a fresh process (this machine's load swings single runs). */
function measure(kind: string, mode: string, count: number): Measurement {
  const runs = [0, 1, 2].map(() => measureOnce(kind, mode, count));
  const median = (f: (m: Measurement) => number) => runs.map(f).sort((a, b) => a - b)[1];
  return { ...runs[0], wallMs: median((m) => m.wallMs), peakRssMiB: median((m) => m.peakRssMiB) };
}

function measureOnce(kind: string, mode: string, count: number): Measurement {
  const out = execFileSync(process.execPath, ['--max-old-space-size=8192', tsNode, '-T', '-P', project, child, kind, mode, String(count)],
    { encoding: 'utf8', maxBuffer: 1024 * 1024 });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const rows: string[] = [
  '| constructs | count | objects | library (ms) | floor (ms) | time ratio | library peak RSS (MiB) | floor peak RSS (MiB) | memory ratio |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
];
for (const kind of ['endpoint', 'training']) {
  for (const count of sizes) {
    const lib = measure(kind, 'library', count);
    const floor = measure(kind, 'floor', count);
    const row = `| ${kind === 'endpoint' ? 'SecureInferenceEndpoint' : 'AITrainingNamespace'} | ${count} | ${lib.objects} | ${lib.wallMs} | ${floor.wallMs} | `
      + `${(lib.wallMs / Math.max(1, floor.wallMs)).toFixed(2)} | ${lib.peakRssMiB} | ${floor.peakRssMiB} | ${(lib.peakRssMiB / floor.peakRssMiB).toFixed(2)} |`;
    rows.push(row);
    console.error(row);
  }
}
console.log(`\nSynthesis (node ${process.version}, median of 3 fresh processes): library vs the same manifests as plain ApiObjects in one chart\n`);
console.log(rows.join('\n'));
