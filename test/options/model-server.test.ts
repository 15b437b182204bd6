import { ModelServer } from '../../src';

test('presets expose inference routes only', () => {
  expect(ModelServer.vllm().routes.map((r) => r.path)).toStrictEqual(['/v1/chat/completions', '/v1/completions', '/v1/embeddings', '/v1/models']);
  expect(ModelServer.tgi().routes.map((r) => r.path)).toContain('/generate_stream');
  expect(ModelServer.openAiCompatible().healthPath).toBe('/health');
  expect(ModelServer.triton(['m']).healthPath).toBe('/v2/health/ready');
  for (const s of [ModelServer.vllm(), ModelServer.tgi(), ModelServer.triton(['m'])]) {
    expect(s.routes.map((r) => r.path).join()).not.toMatch(/metrics|health|lora|repository|logging|trace|profile|sleep|collective_rpc/);
  }
  expect(() => ModelServer.triton([])).toThrow(/Name the Triton models/);
});
