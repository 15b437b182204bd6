import { pluginConfigOf } from '../../../conformance/waf/plugin-config';
import { CorazaWasmModule, EdgeController } from '../../../src';
import { MINIMAL_ENVOY_GATEWAY_ENDPOINT, PLATFORM_GATEWAY, synthEndpoint } from '../../support/endpoint-fixtures';

describe('the plugin configuration an EnvoyExtensionPolicy carries', () => {
  test('is read out of the manifests byte for byte, with the default directives as coraza-proxy-wasm joins them and the route\'s hosts', () => {
    const module = CorazaWasmModule.fromUrl('http://127.0.0.1:8080/coraza-proxy-wasm.wasm', 'ef'.repeat(32));
    const controller = EdgeController.envoyGateway({ gateway: PLATFORM_GATEWAY, waf: { module } });
    const { objects } = synthEndpoint({ controller, waf: undefined }, MINIMAL_ENVOY_GATEWAY_ENDPOINT);
    const policy = objects.find((o) => o.kind === 'EnvoyExtensionPolicy');
    const config = pluginConfigOf(objects)!;
    expect(config.json).toBe(JSON.stringify(policy.spec.wasm[0].config));
    expect(JSON.parse(config.json)).toStrictEqual(policy.spec.wasm[0].config);
    expect(config.directives).toBe(policy.spec.wasm[0].config.directives_map['llm-waf'].join('\n'));
    expect(config.directives).toMatch(/^# LLM inference WAF profile/);
    expect(config.hosts).toStrictEqual(['llm.example.com']);
    expect(config.policy).toBe(`${policy.metadata.namespace}/llm`);
  });

  test('is absent without an EnvoyExtensionPolicy, and fails when the default directives are not in the map', () => {
    expect(pluginConfigOf(synthEndpoint({}, MINIMAL_ENVOY_GATEWAY_ENDPOINT).objects)).toBeUndefined();
    const broken = {
      kind: 'EnvoyExtensionPolicy',
      metadata: { namespace: 'ns', name: 'p' },
      spec: { wasm: [{ config: { directives_map: { a: ['SecRuleEngine On'] }, default_directives: 'b' } }] },
    };
    expect(() => pluginConfigOf([broken])).toThrow(/EnvoyExtensionPolicy ns\/p: config has no directives_map entry for default_directives "b"/);
  });
});
