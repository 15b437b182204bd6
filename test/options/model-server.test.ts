import { ModelServer, RouteContentType } from '../../src';

test('presets expose inference routes only', () => {
  expect(ModelServer.vllm().routes.map((r) => r.path)).toStrictEqual(['/v1/chat/completions', '/v1/completions', '/v1/embeddings', '/v1/models',
    '/v1/responses', '/v1/audio/transcriptions', '/v1/audio/translations']);
  expect(ModelServer.tgi().routes.map((r) => r.path)).toContain('/generate_stream');
  expect(ModelServer.openAiCompatible().healthPath).toBe('/health');
  expect(ModelServer.triton(['m']).healthPath).toBe('/v2/health/ready');
  for (const s of [ModelServer.vllm(), ModelServer.tgi(), ModelServer.triton(['m'])]) {
    expect(s.routes.map((r) => r.path).join()).not.toMatch(/metrics|health|lora|repository|logging|trace|profile|sleep|collective_rpc/);
  }
  expect(() => ModelServer.triton([])).toThrow(/Name the Triton models/);
});

test('vLLM also exposes the Responses API and audio transcription and translation', () => {
  const routes = ModelServer.vllm().routes.map((r) => [r.path, r.methods]);
  for (const path of ['/v1/responses', '/v1/audio/transcriptions', '/v1/audio/translations']) expect(routes).toContainEqual([path, ['POST']]);
  // The generic OpenAI-compatible preset stays at the four routes every such server has.
  expect(ModelServer.openAiCompatible().routes).toHaveLength(4);
});

test('vLLM\'s audio routes take multipart uploads only; its other routes JSON (the default)', () => {
  const byPath = Object.fromEntries(ModelServer.vllm().routes.map((r) => [r.path, r.contentTypes]));
  expect(byPath['/v1/audio/transcriptions']).toStrictEqual([RouteContentType.MULTIPART_FORM_DATA]);
  expect(byPath['/v1/audio/translations']).toStrictEqual([RouteContentType.MULTIPART_FORM_DATA]);
  for (const path of ['/v1/chat/completions', '/v1/completions', '/v1/embeddings', '/v1/models', '/v1/responses']) expect(byPath[path]).toBeUndefined();
});

test('Triton exposes versioned routes of the named versions only', () => {
  expect(ModelServer.triton(['m']).routes.map((r) => r.path).join()).not.toContain('/versions/');
  const paths = ModelServer.triton(['m'], [2]).routes.map((r) => r.path);
  expect(paths).toEqual(expect.arrayContaining(['/v2/models/m/versions/2/infer', '/v2/models/m/versions/2/generate',
    '/v2/models/m/versions/2/generate_stream', '/v2/models/m/versions/2', '/v2/models/m/versions/2/ready']));
  expect(paths.join()).not.toMatch(/stats|trace|repository/);
  expect(() => ModelServer.triton(['m'], [0])).toThrow(/Invalid modelServer \(triton versions\[0\]\): 0\. A Triton model version is a whole number from 1/);
});

test('Triton exposes no gRPC API unless asked; grpc: true adds the inference and metadata RPCs only, on --grpc-port 8001', () => {
  expect(ModelServer.triton(['m'])._grpc).toBeUndefined();
  expect(ModelServer.triton(['m'], undefined, { grpc: false })._grpc).toBeUndefined();
  const api = ModelServer.triton(['m'], undefined, { grpc: true })._grpc!;
  expect(api.service).toBe('inference.GRPCInferenceService');
  expect(api.methods).toStrictEqual(['ServerLive', 'ServerReady', 'ModelReady', 'ServerMetadata', 'ModelMetadata', 'ModelInfer', 'ModelStreamInfer']);
  expect(api.methods.join()).not.toMatch(/Repository|Trace|Log|SharedMemory|Statistics|ModelConfig/);
  expect(api.port).toStrictEqual({ flag: '--grpc-port', defaultPort: 8001 });
  // The HTTP routes stay as they were.
  expect(ModelServer.triton(['m'], undefined, { grpc: true }).routes).toStrictEqual(ModelServer.triton(['m']).routes);
  expect(() => ModelServer.triton(['m'], undefined, { grpc: 'yes' as any }))
    .toThrow(/^Invalid modelServer \(triton options\.grpc\): "yes"\. Set grpc: true to expose Triton's gRPC inference API too/);
});
