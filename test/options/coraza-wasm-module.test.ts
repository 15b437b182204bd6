import { CorazaWasmModule, WasmCodeSource } from '../../src/options/coraza-wasm-module';

const SHA = '0123456789abcdef'.repeat(4);

describe('CorazaWasmModule', () => {
  test('an OCI image pinned by its digest', () => {
    const m = CorazaWasmModule.fromImage('registry.platform.internal/waf/coraza-proxy-wasm:0.6.0', SHA);
    expect(m).toMatchObject({ source: WasmCodeSource.IMAGE, url: 'registry.platform.internal/waf/coraza-proxy-wasm:0.6.0', sha256: SHA });
    expect(WasmCodeSource.IMAGE.value).toBe('Image');
  });

  test('an HTTP(S) URL pinned by the module\'s SHA-256', () => {
    const m = CorazaWasmModule.fromUrl('http://127.0.0.1:8080/coraza-proxy-wasm.wasm', SHA);
    expect(m).toMatchObject({ source: WasmCodeSource.HTTP, url: 'http://127.0.0.1:8080/coraza-proxy-wasm.wasm', sha256: SHA });
    expect(WasmCodeSource.HTTP.value).toBe('HTTP');
  });

  test('fails on a checksum that is not 64 lower-case hex digits, naming controller waf.module sha256', () => {
    expect(() => CorazaWasmModule.fromImage('registry.platform.internal/waf/coraza:1', `sha256:${SHA}`))
      .toThrow(/Invalid controller waf\.module sha256: "sha256:0123.*64 lower-case hex digits \(without "sha256:"\)/s);
    expect(() => CorazaWasmModule.fromUrl('https://127.0.0.1/m.wasm', SHA.toUpperCase())).toThrow(/controller waf\.module sha256/);
    expect(() => CorazaWasmModule.fromUrl('https://127.0.0.1/m.wasm', undefined as any)).toThrow(/Invalid controller waf\.module sha256: undefined/);
  });

  test('fails on a malformed source, naming controller waf.module url', () => {
    expect(() => CorazaWasmModule.fromUrl('ftp://127.0.0.1/m.wasm', SHA)).toThrow(/Invalid controller waf\.module url: "ftp:\/\/127\.0\.0\.1\/m\.wasm"\..*http:\/\/ or https:\/\//s);
    expect(() => CorazaWasmModule.fromUrl('not a url', SHA)).toThrow(/controller waf\.module url/);
    expect(() => CorazaWasmModule.fromImage('https://registry/waf:1', SHA)).toThrow(/Invalid controller waf\.module url: "https:\/\/registry\/waf:1".*CorazaWasmModule\.fromUrl/s);
    expect(() => CorazaWasmModule.fromImage('', SHA)).toThrow(/controller waf\.module url/);
  });
});
