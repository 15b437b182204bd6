/**
 * Wasm extensions in the envoy check. `egctl x translate` builds Envoy Gateway's translator without
 * a Wasm cache, so it refuses every Wasm extension offline ("Wasm: wasm cache is not initialized.")
 * and, as they fail closed, closes their routes. The check therefore translates the example's
 * EnvoyExtensionPolicies with conformance/go/eg-wasm-translate (the same translator with the cache
 * the controller has), fetching a module from 127.0.0.1, and asserts their statuses and the wasm
 * filter their xDS carries; the Envoy it serves runs without them (a real module is the platform's:
 * coraza-proxy-wasm builds only with TinyGo), and their requests are proven on the extension's own
 * code (the WAF: `npm run waf:test:proxy-wasm`).
 */
import { spawn } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as path from 'path';
import { toMultiDocumentYaml } from '../gateway/objects';
import { goToolBinary } from '../waf/engines';

type Obj = { [key: string]: any };

/** The smallest valid WebAssembly module (magic number and version): what the cache fetches and checks. */
export const MINIMAL_WASM_MODULE = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

/** An EnvoyExtensionPolicy with at least one Wasm extension. */
export function isWasmPolicy(o: Obj): boolean {
  return o?.kind === 'EnvoyExtensionPolicy' && Array.isArray(o.spec?.wasm) && o.spec.wasm.length > 0;
}

/** The translator, where conformance/engines/envoy-gateway.sh builds it. */
export function locateWasmTranslate(): string {
  const bin = goToolBinary('eg-wasm-translate');
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run engines:install:gateway\``);
  return bin;
}

/**
 * The objects with every Wasm extension's code taken from `url` (an HTTP source with `sha256`):
 * the module the example names is the platform's (an OCI image or URL this check cannot reach).
 */
export function withWasmSource(objects: Obj[], url: string, sha256: string): Obj[] {
  return objects.map((o) => {
    if (!isWasmPolicy(o)) return o;
    const copy = JSON.parse(JSON.stringify(o));
    for (const w of copy.spec.wasm) w.code = { type: 'HTTP', http: { url, sha256 } };
    return copy;
  });
}

/**
 * What is wrong with the wasm filter the translated listeners carry for one policy: present, in
 * the HTTP filter chain, with the policy's own configuration (JSON, equal to the policy's `config`;
 * its default directives byte for byte) and not failing open.
 */
export function wasmFilterProblems(listeners: Obj[], policy: Obj): string[] {
  const problems: string[] = [];
  const id = `EnvoyExtensionPolicy ${policy.metadata.namespace}/${policy.metadata.name}`;
  const filters = listeners.flatMap((l) => (l.filterChains ?? []).flatMap((c: Obj) => (c.filters ?? [])
    .flatMap((f: Obj) => f.typedConfig?.httpFilters ?? [])));
  (policy.spec.wasm as Obj[]).forEach((w, i) => {
    const name = `envoy.filters.http.wasm/envoyextensionpolicy/${policy.metadata.namespace}/${policy.metadata.name}/wasm/${i}`;
    const found = filters.filter((f: Obj) => f.name === name);
    if (found.length === 0) {
      problems.push(`${id}: no ${name} filter in the Gateway's listeners`);
      return;
    }
    for (const f of found) {
      const plugin = f.typedConfig?.config ?? {};
      let configuration: unknown;
      try {
        configuration = JSON.parse(plugin.configuration?.value ?? '');
      } catch {
        problems.push(`${id}: the ${name} filter's configuration is not JSON`);
        continue;
      }
      if (JSON.stringify(sortKeys(configuration)) !== JSON.stringify(sortKeys(w.config))) {
        problems.push(`${id}: the ${name} filter's configuration differs from the policy's config`);
      }
      if (plugin.failOpen === true) problems.push(`${id}: the ${name} filter fails open`);
    }
  });
  return problems;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Obj)[k])]));
  return v;
}

/**
 * Translates `objects` with Envoy Gateway's translator and a Wasm cache, every Wasm extension's
 * module served on 127.0.0.1 (the minimal module, pinned by its SHA-256). Returns the translated
 * resources (with statuses) and, per Gateway, its xDS listeners and every xDS resource (the tool's
 * `xds`, for conformance/gateway/bootstrap.ts's xdsTables).
 */
export async function translateWithWasm(bin: string, objects: Obj[], dir: string):
Promise<{ resources: Obj; listeners: { [gateway: string]: Obj[] }; xds: { [gateway: string]: Obj } }> {
  const sha256 = createHash('sha256').update(MINIMAL_WASM_MODULE).digest('hex');
  const server = http.createServer((req, res) => {
    if (req.url === '/module.wasm') {
      res.writeHead(200, { 'content-type': 'application/wasm' });
      res.end(MINIMAL_WASM_MODULE);
    } else {
      res.writeHead(404).end();
    }
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });
  try {
    const inputFile = path.join(dir, 'input-wasm.yaml');
    fs.writeFileSync(inputFile, toMultiDocumentYaml(withWasmSource(objects, `http://127.0.0.1:${port}/module.wasm`, sha256)));
    const cacheDir = path.join(dir, 'wasm-cache');
    fs.mkdirSync(cacheDir, { recursive: true });
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(bin, ['-f', inputFile, '-cache-dir', cacheDir], { stdio: ['ignore', 'pipe', 'pipe'] });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      child.stdout.on('data', (d) => stdout.push(d));
      child.stderr.on('data', (d) => stderr.push(d));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(stdout).toString('utf8'))
        : reject(new Error(`eg-wasm-translate exited with ${code}: ${Buffer.concat(stderr).toString('utf8').slice(-2000)}`))));
    });
    fs.writeFileSync(path.join(dir, 'input-wasm.translated.json'), out);
    return JSON.parse(out);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}
