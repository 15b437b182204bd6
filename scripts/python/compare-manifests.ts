/**
 * Compares two synthesised apps object for object: every object is keyed by apiVersion, kind,
 * namespace and name, and objects with the same key must be deep-equal. Used by
 * scripts/python/examples.sh to check a Python example against its TypeScript original.
 *
 * Usage: ts-node scripts/python/compare-manifests.ts <expected dir> <actual dir>
 * Exits 1 and prints every difference when the two differ.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { isDeepStrictEqual } from 'util';
import { parseAllDocuments } from 'yaml';

/** How many differing values are listed for one object before the rest are counted. */
const MAX_VALUE_DIFFERENCES = 20;

/** The key of an object: apiVersion, kind, namespace (empty for cluster-scoped) and name. */
export function objectKey(obj: unknown): string {
  const o = (obj ?? {}) as { apiVersion?: unknown; kind?: unknown; metadata?: { namespace?: unknown; name?: unknown } };
  return `${o.apiVersion ?? '?'} ${o.kind ?? '?'} ${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? '?'}`;
}

/** Every YAML document of every `*.yaml` file in a directory (file names sorted), empty documents left out. */
export function readManifests(dir: string): unknown[] {
  if (!existsSync(dir)) throw new Error(`no such directory: ${dir}`);
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  if (files.length === 0) throw new Error(`no *.yaml file in ${dir}`);
  return files.flatMap((f) => {
    const docs = parseAllDocuments(readFileSync(join(dir, f), 'utf-8'));
    return docs.map((d, i) => {
      if (d.errors.length > 0) throw new Error(`${join(dir, f)}, document ${i + 1}: ${d.errors[0].message}`);
      return d.toJSON();
    });
  }).filter((o) => o !== null && o !== undefined);
}

function describe(value: unknown): string {
  return value === undefined ? '(absent)' : JSON.stringify(value);
}

/** `spec.replicas`, or `spec.hard["requests.nvidia.com/gpu"]` for a key that is not a plain name. */
function childPath(path: string, key: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** The paths (e.g. `spec.template.spec.containers[0].image`) where two values differ, with both values. */
export function valueDifferences(expected: unknown, actual: unknown, path = ''): string[] {
  if (isDeepStrictEqual(expected, actual)) return [];
  const here = path === '' ? '(the whole object)' : path;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const out: string[] = [];
    if (expected.length !== actual.length) out.push(`${here}: expected ${expected.length} item(s), got ${actual.length}`);
    for (let i = 0; i < Math.min(expected.length, actual.length); i++) out.push(...valueDifferences(expected[i], actual[i], `${path}[${i}]`));
    return out;
  }
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isRecord(expected) && isRecord(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    return keys.flatMap((k) => valueDifferences(expected[k], actual[k], childPath(path, k)));
  }
  return [`${here}: expected ${describe(expected)}, got ${describe(actual)}`];
}

/** The outcome of a comparison: `equal` when both sides hold the same objects. */
export interface ManifestComparison {
  readonly equal: boolean;
  /** How many objects each side holds. */
  readonly expectedCount: number;
  readonly actualCount: number;
  /** One line per difference, empty when equal. */
  readonly differences: string[];
}

function byKey(objects: unknown[], side: string, differences: string[]): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (const obj of objects) {
    const key = objectKey(obj);
    if (map.has(key)) differences.push(`${side} holds ${key} more than once`);
    map.set(key, obj);
  }
  return map;
}

/** Compares two sets of objects by apiVersion/kind/namespace/name, and the content of each pair. */
export function compareManifests(expected: unknown[], actual: unknown[]): ManifestComparison {
  const differences: string[] = [];
  const want = byKey(expected, 'expected', differences);
  const got = byKey(actual, 'actual', differences);
  for (const key of want.keys()) {
    if (!got.has(key)) differences.push(`missing: ${key}`);
  }
  for (const key of got.keys()) {
    if (!want.has(key)) differences.push(`unexpected: ${key}`);
  }
  for (const [key, obj] of want) {
    if (!got.has(key)) continue;
    const diffs = valueDifferences(obj, got.get(key));
    if (diffs.length === 0) continue;
    differences.push(`differs: ${key}`);
    differences.push(...diffs.slice(0, MAX_VALUE_DIFFERENCES).map((d) => `  ${d}`));
    if (diffs.length > MAX_VALUE_DIFFERENCES) differences.push(`  ... and ${diffs.length - MAX_VALUE_DIFFERENCES} more`);
  }
  return { equal: differences.length === 0, expectedCount: want.size, actualCount: got.size, differences };
}

if (require.main === module) {
  const [expectedDir, actualDir] = process.argv.slice(2);
  if (!expectedDir || !actualDir) {
    console.error('usage: compare-manifests.ts <expected dir> <actual dir>');
    process.exit(2);
  }
  const result = compareManifests(readManifests(expectedDir), readManifests(actualDir));
  if (result.equal) {
    console.log(`same ${result.expectedCount} object(s) in ${expectedDir} and ${actualDir}`);
  } else {
    console.error(`${actualDir} (${result.actualCount} object(s)) differs from ${expectedDir} (${result.expectedCount} object(s)):`);
    for (const line of result.differences) console.error(`  ${line}`);
    process.exit(1);
  }
}
