/**
 * The coraza-proxy-wasm plugin configuration an example's EnvoyExtensionPolicy carries, read out
 * of its synthesised manifests: the request-level proof runs exactly that text.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from './engines';

export interface ExamplePluginConfig {
  /** The wasm entry's `config`, as JSON (what Envoy Gateway hands the filter). */
  readonly json: string;
  /** The default directives, joined as coraza-proxy-wasm joins them (one "\n" between entries). */
  readonly directives: string;
  /** The hosts of the route the policy targets. */
  readonly hosts: string[];
  /** The policy, as `namespace/name`. */
  readonly policy: string;
}

/** Finds the EnvoyExtensionPolicy running coraza-proxy-wasm in the example's manifests. */
export function pluginConfigOf(objects: any[]): ExamplePluginConfig | undefined {
  const policy = objects.find((o) => o?.kind === 'EnvoyExtensionPolicy' && Array.isArray(o?.spec?.wasm) && o.spec.wasm.length > 0);
  if (!policy) return undefined;
  const config = policy.spec.wasm[0].config;
  const name = config?.default_directives;
  const list = config?.directives_map?.[name];
  if (typeof name !== 'string' || !Array.isArray(list)) {
    throw new Error(`EnvoyExtensionPolicy ${policy.metadata.namespace}/${policy.metadata.name}: config has no directives_map entry for default_directives ${JSON.stringify(name)}`);
  }
  const target = (policy.spec.targetRefs ?? []).find((t: any) => t.kind === 'HTTPRoute');
  const route = objects.find((o) => o?.kind === 'HTTPRoute' && o.metadata?.name === target?.name && o.metadata?.namespace === policy.metadata.namespace);
  return {
    json: JSON.stringify(config),
    directives: list.join('\n'),
    hosts: route?.spec?.hostnames ?? [],
    policy: `${policy.metadata.namespace}/${policy.metadata.name}`,
  };
}

/** The example's plugin configuration (synthesising the example first if its output is absent). */
export function examplePluginConfig(example: string): ExamplePluginConfig {
  const outdir = path.join(REPO_ROOT, 'dist', 'examples', example);
  const read = (): ExamplePluginConfig | undefined => {
    if (!fs.existsSync(outdir)) return undefined;
    const objects = fs.readdirSync(outdir).filter((n) => n.endsWith('.k8s.yaml')).sort()
      .flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(outdir, f), 'utf8')).map((d) => d.toJS()));
    return pluginConfigOf(objects);
  };
  let found = read();
  if (!found) {
    execFileSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'ts-node'), ['-P', path.join(REPO_ROOT, 'tsconfig.dev.json'),
      path.join(REPO_ROOT, 'scripts', 'synth-examples.ts'), example], { cwd: REPO_ROOT, stdio: 'inherit' });
    found = read();
  }
  if (!found) throw new Error(`no EnvoyExtensionPolicy with a wasm entry in ${outdir}: is the WAF on in example ${example}?`);
  return found;
}
