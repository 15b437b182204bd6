import { InferenceApiSchema } from '../../../src/options/waf/inference-api-schema';
import { REFUSED_SCHEMA_FIELDS } from '../../../src/render/waf/schema-rules';

describe('InferenceApiSchema', () => {
  test('every member, named by server, API and release', () => {
    expect(InferenceApiSchema.all().map((s) => s.name)).toStrictEqual(['vllm-openai-0.11', 'tgi-3', 'kserve-v2']);
  });

  test('operations have distinct names and the paths of their servers', () => {
    const ops = InferenceApiSchema.all().flatMap((s) => s._operations);
    expect(new Set(ops.map((o) => o.name)).size).toBe(ops.length);
    for (const o of ops) expect(o.name).toMatch(/^[a-z0-9_]+$/);
    const matches = (path: string) => ops.filter((o) => new RegExp(o.path).test(path)).map((o) => o.name);
    expect(matches('/v1/chat/completions')).toStrictEqual(['vllm_chat']);
    expect(matches('/v1/completions')).toStrictEqual(['vllm_completions']);
    expect(matches('/v1/embeddings')).toStrictEqual(['vllm_embeddings']);
    expect(matches('/generate_stream')).toStrictEqual(['tgi_generate']);
    expect(matches('/v2/models/resnet50/versions/2/infer')).toStrictEqual(['kserve_v2_infer']);
    expect(matches('/v2/models/resnet50/generate')).toStrictEqual([]);
    expect(matches('/v1/load_lora_adapter')).toStrictEqual([]);
  });

  test('no operation takes a request-supplied template, processor or engine parameter', () => {
    for (const o of InferenceApiSchema.all().flatMap((s) => s._operations)) {
      for (const f of REFUSED_SCHEMA_FIELDS) {
        expect(o.keys.filter((k) => k === f || k.startsWith(`${f}.`))).toStrictEqual([]);
      }
    }
  });

  test('newer vLLM fields are known: reasoning effort, guided decoding, structured outputs, tools, response format', () => {
    const chat = InferenceApiSchema.VLLM_OPENAI_0_11._operations.find((o) => o.name === 'vllm_chat')!;
    for (const k of ['reasoning_effort', 'guided_json', 'guided_regex', 'guided_grammar', 'structured_outputs.regex', 'response_format.type', 'tools.*.function.parameters.**']) {
      expect(chat.keys).toContain(k);
    }
  });
});
