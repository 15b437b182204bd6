import { checkEngineRunsRules, ExampleRules } from '../../../conformance/waf/corpus';

describe('the rules an example gives the engines', () => {
  const fileRules: ExampleRules = { rules: 'SecRuleEngine On', hosts: ['chat.example.com'] };
  const pluginDirectives: ExampleRules = { ...fileRules, pluginDirectives: true };

  test('an Envoy Gateway example\'s coraza-proxy-wasm directives are refused on libmodsecurity, naming the engine to use', () => {
    for (const engine of ['modsecurity', 'modsecurity-3.0.14'] as const) {
      expect(() => checkEngineRunsRules(engine, 'vllm-envoy-gateway', pluginDirectives))
        .toThrow(`--engine ${engine} cannot run example vllm-envoy-gateway: its rules are the coraza-proxy-wasm directives`);
    }
    expect(() => checkEngineRunsRules('modsecurity-3.0.14', 'vllm-envoy-gateway', pluginDirectives)).toThrow(/Use --engine coraza-re2/);
  });

  test('the directives run on Coraza, and a ModSecurity rules file runs on every engine', () => {
    for (const engine of ['coraza', 'coraza-re2'] as const) expect(() => checkEngineRunsRules(engine, 'vllm-envoy-gateway', pluginDirectives)).not.toThrow();
    for (const engine of ['modsecurity', 'modsecurity-3.0.14', 'coraza', 'coraza-re2'] as const) {
      expect(() => checkEngineRunsRules(engine, 'waf-llm-profile', fileRules)).not.toThrow();
    }
  });
});
