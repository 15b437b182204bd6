import { createHash } from 'crypto';
import { isWasmPolicy, MINIMAL_WASM_MODULE, wasmFilterProblems, withWasmSource } from '../../conformance/suite/envoy-wasm';

const config = { directives_map: { 'llm-waf': ['SecRuleEngine On\nSecRule REQUEST_URI "@streq /admin" "id:1,phase:1,deny"\n'] }, default_directives: 'llm-waf' };
const policy = {
  apiVersion: 'gateway.envoyproxy.io/v1alpha1',
  kind: 'EnvoyExtensionPolicy',
  metadata: { namespace: 'llm', name: 'chat' },
  spec: { targetRefs: [{ kind: 'HTTPRoute', name: 'chat' }], wasm: [{ name: 'waf', code: { type: 'Image', image: { url: 'registry.example.com/waf:1' } }, config, failOpen: false }] },
};

/** A listener as Envoy Gateway's translator writes it, with one wasm filter of the given configuration. */
function listener(configuration: string, extra: { [k: string]: unknown } = {}): any {
  return {
    filterChains: [{
      filters: [{
        name: 'envoy.filters.network.http_connection_manager',
        typedConfig: {
          httpFilters: [
            { name: 'envoy.filters.http.buffer' },
            {
              name: 'envoy.filters.http.wasm/envoyextensionpolicy/llm/chat/wasm/0',
              typedConfig: { config: { name: 'waf', configuration: { '@type': 'type.googleapis.com/google.protobuf.StringValue', 'value': configuration }, ...extra } },
            },
          ],
        },
      }],
    }],
  };
}

describe('the envoy check\'s Wasm extensions', () => {
  test('a Wasm EnvoyExtensionPolicy is recognised; its code is taken from a loopback HTTP source, the rest untouched', () => {
    expect(isWasmPolicy(policy)).toBe(true);
    expect(isWasmPolicy({ ...policy, spec: { extProc: [{}] } })).toBe(false);
    const other = { kind: 'HTTPRoute', metadata: { name: 'chat' } };
    const [swapped, same] = withWasmSource([policy, other], 'http://127.0.0.1:1/module.wasm', 'a'.repeat(64));
    expect(swapped.spec.wasm[0].code).toStrictEqual({ type: 'HTTP', http: { url: 'http://127.0.0.1:1/module.wasm', sha256: 'a'.repeat(64) } });
    expect(swapped.spec.wasm[0].config).toStrictEqual(config);
    expect(policy.spec.wasm[0].code.type).toBe('Image');
    expect(same).toBe(other);
  });

  test('the minimal module is WebAssembly\'s magic number and version', () => {
    expect(MINIMAL_WASM_MODULE.toString('hex')).toBe('0061736d01000000');
    expect(createHash('sha256').update(MINIMAL_WASM_MODULE).digest('hex')).toMatch(/^[a-f0-9]{64}$/);
  });

  test('the filter must carry the policy\'s configuration (key order aside) and not fail open', () => {
    const reordered = JSON.stringify({ default_directives: 'llm-waf', directives_map: config.directives_map });
    expect(wasmFilterProblems([listener(reordered)], policy)).toStrictEqual([]);
    const changed = JSON.stringify({ ...config, directives_map: { 'llm-waf': [config.directives_map['llm-waf'][0].replace('deny', 'pass')] } });
    expect(wasmFilterProblems([listener(changed)], policy))
      .toStrictEqual(['EnvoyExtensionPolicy llm/chat: the envoy.filters.http.wasm/envoyextensionpolicy/llm/chat/wasm/0 filter\'s configuration differs from the policy\'s config']);
    expect(wasmFilterProblems([listener('not json')], policy)).toStrictEqual(['EnvoyExtensionPolicy llm/chat: the envoy.filters.http.wasm/envoyextensionpolicy/llm/chat/wasm/0 filter\'s configuration is not JSON']);
    expect(wasmFilterProblems([listener(reordered, { failOpen: true })], policy)).toStrictEqual(['EnvoyExtensionPolicy llm/chat: the envoy.filters.http.wasm/envoyextensionpolicy/llm/chat/wasm/0 filter fails open']);
    expect(wasmFilterProblems([], policy)).toStrictEqual(['EnvoyExtensionPolicy llm/chat: no envoy.filters.http.wasm/envoyextensionpolicy/llm/chat/wasm/0 filter in the Gateway\'s listeners']);
  });
});
