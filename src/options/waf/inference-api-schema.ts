import { RequestSchemaOperation, RequestSchemaValue } from './request-schema-operation';

/** Keys of a chat message (OpenAI Chat Completions as vLLM serves it). */
const MESSAGE_KEYS = [
  'messages.*.role', 'messages.*.content', 'messages.*.name', 'messages.*.tool_call_id', 'messages.*.reasoning_content',
  'messages.*.content.*.type', 'messages.*.content.*.text',
  'messages.*.content.*.image_url.url', 'messages.*.content.*.image_url.detail',
  'messages.*.content.*.input_audio.data', 'messages.*.content.*.input_audio.format',
  'messages.*.content.*.audio_url.url', 'messages.*.content.*.video_url.url',
  'messages.*.tool_calls.*.id', 'messages.*.tool_calls.*.type',
  'messages.*.tool_calls.*.function.name', 'messages.*.tool_calls.*.function.arguments',
];

/** Sampling parameters vLLM takes on every generating OpenAI route. */
const VLLM_SAMPLING_KEYS = [
  'model', 'max_tokens', 'n', 'best_of', 'temperature', 'top_p', 'top_k', 'min_p', 'seed', 'stop', 'stop.*',
  'stream', 'stream_options.include_usage', 'stream_options.continuous_usage_stats',
  'presence_penalty', 'frequency_penalty', 'repetition_penalty', 'length_penalty', 'use_beam_search',
  'logit_bias.**', 'user', 'min_tokens', 'ignore_eos', 'stop_token_ids.*', 'include_stop_str_in_output',
  'skip_special_tokens', 'spaces_between_special_tokens', 'truncate_prompt_tokens', 'prompt_logprobs',
  'allowed_token_ids.*', 'bad_words.*', 'add_special_tokens', 'return_tokens_as_token_ids', 'request_id', 'cache_salt',
  'response_format.type', 'response_format.json_schema.name', 'response_format.json_schema.description',
  'response_format.json_schema.strict', 'response_format.json_schema.schema.**',
  // Guided decoding (the older names and `structured_outputs`): patterns capped in size by the profile.
  'guided_json', 'guided_json.**', 'guided_regex', 'guided_choice.*', 'guided_grammar', 'guided_whitespace_pattern',
  'structured_outputs.json', 'structured_outputs.json.**', 'structured_outputs.regex', 'structured_outputs.choice.*',
  'structured_outputs.grammar', 'structured_outputs.json_object', 'structured_outputs.whitespace_pattern',
  'structured_outputs.disable_any_whitespace', 'structured_outputs.disable_additional_properties',
];

const VLLM_CHAT: RequestSchemaOperation = {
  name: 'vllm_chat',
  path: '^/v1/chat/completions$',
  keys: [
    ...MESSAGE_KEYS, ...VLLM_SAMPLING_KEYS,
    'max_completion_tokens', 'logprobs', 'top_logprobs', 'reasoning_effort', 'parallel_tool_calls',
    'tools.*.type', 'tools.*.function.name', 'tools.*.function.description', 'tools.*.function.strict', 'tools.*.function.parameters.**',
    'tool_choice', 'tool_choice.type', 'tool_choice.function.name',
    'add_generation_prompt', 'continue_final_message', 'echo', 'documents.*.**',
  ],
};

const VLLM_COMPLETIONS: RequestSchemaOperation = {
  name: 'vllm_completions',
  path: '^/v1/completions$',
  keys: [...VLLM_SAMPLING_KEYS, 'prompt', 'prompt.*', 'prompt.*.*', 'suffix', 'echo', 'logprobs'],
};

const VLLM_EMBEDDINGS: RequestSchemaOperation = {
  name: 'vllm_embeddings',
  path: '^/v1/embeddings$',
  keys: ['model', 'input', 'input.*', 'input.*.*', 'encoding_format', 'dimensions', 'user', 'truncate_prompt_tokens',
    'add_special_tokens', 'request_id'],
};

/** Value constraints of vLLM's OpenAI API (shared by its operations: a field has one type everywhere). */
const VLLM_VALUES: RequestSchemaValue[] = [
  {
    kind: 'number',
    paths: ['temperature', 'top_p', 'min_p', 'presence_penalty', 'frequency_penalty', 'repetition_penalty', 'length_penalty', 'logit_bias.*'],
  },
  {
    kind: 'boolean',
    paths: ['stream', 'stream_options.include_usage', 'stream_options.continuous_usage_stats', 'use_beam_search', 'ignore_eos',
      'include_stop_str_in_output', 'skip_special_tokens', 'spaces_between_special_tokens', 'add_special_tokens',
      'return_tokens_as_token_ids', 'echo', 'add_generation_prompt', 'continue_final_message', 'parallel_tool_calls',
      'response_format.json_schema.strict', 'tools.*.function.strict', 'structured_outputs.json_object',
      'structured_outputs.disable_any_whitespace', 'structured_outputs.disable_additional_properties'],
  },
  { kind: 'integer', paths: ['top_k', 'truncate_prompt_tokens'], max: 1000000, minusOne: true },
  { kind: 'integer', paths: ['top_logprobs', 'prompt_logprobs'], max: 20 },
  { kind: 'integer', paths: ['min_tokens'], costField: 'max_tokens' },
  { kind: 'integer', paths: ['dimensions'], max: 65536 },
  { kind: 'integer', paths: ['seed', 'stop_token_ids.*', 'allowed_token_ids.*'], max: 999999999 },
  // Chat: a boolean; completions: how many log-probabilities (at most 20, as vLLM's default max_logprobs).
  { kind: 'enum', paths: ['logprobs'], values: ['true', 'false', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20'] },
  { kind: 'identifier', paths: ['model'], max: 256 },
  { kind: 'identifier', paths: ['user', 'request_id', 'cache_salt', 'messages.*.name', 'messages.*.tool_call_id', 'messages.*.tool_calls.*.id'], max: 256 },
  { kind: 'identifier', paths: ['tools.*.function.name', 'messages.*.tool_calls.*.function.name', 'tool_choice.function.name', 'response_format.json_schema.name'], max: 64 },
  { kind: 'enum', paths: ['messages.*.role'], values: ['system', 'developer', 'user', 'assistant', 'tool', 'function'] },
  { kind: 'enum', paths: ['messages.*.content.*.type'], values: ['text', 'image_url', 'input_audio', 'audio_url', 'video_url'] },
  { kind: 'enum', paths: ['messages.*.tool_calls.*.type', 'tools.*.type', 'tool_choice.type'], values: ['function'] },
  { kind: 'enum', paths: ['tool_choice'], values: ['none', 'auto', 'required'] },
  { kind: 'enum', paths: ['response_format.type'], values: ['text', 'json_object', 'json_schema'] },
  { kind: 'enum', paths: ['reasoning_effort'], values: ['low', 'medium', 'high'] },
  { kind: 'enum', paths: ['encoding_format'], values: ['float', 'base64'] },
];

const TGI_GENERATE: RequestSchemaOperation = {
  name: 'tgi_generate',
  path: '^/generate(?:_stream)?$',
  keys: ['inputs', 'stream', ...[
    'adapter_id', 'best_of', 'decoder_input_details', 'details', 'do_sample', 'frequency_penalty', 'max_new_tokens',
    'repetition_penalty', 'return_full_text', 'seed', 'stop.*', 'temperature', 'top_k', 'top_n_tokens', 'top_p',
    'truncate', 'typical_p', 'watermark', 'grammar.type', 'grammar.value', 'grammar.value.**',
  ].map((k) => `parameters.${k}`)],
};

const TGI_VALUES: RequestSchemaValue[] = [
  { kind: 'number', paths: ['parameters.frequency_penalty', 'parameters.repetition_penalty', 'parameters.temperature', 'parameters.top_p', 'parameters.typical_p'] },
  { kind: 'boolean', paths: ['stream', 'parameters.decoder_input_details', 'parameters.details', 'parameters.do_sample', 'parameters.return_full_text', 'parameters.watermark'] },
  { kind: 'integer', paths: ['parameters.max_new_tokens'], costField: 'max_new_tokens' },
  { kind: 'integer', paths: ['parameters.best_of'], costField: 'best_of' },
  { kind: 'integer', paths: ['parameters.top_k', 'parameters.truncate'], max: 1000000 },
  { kind: 'integer', paths: ['parameters.top_n_tokens'], max: 20 },
  { kind: 'integer', paths: ['parameters.seed'], max: 999999999 },
  { kind: 'identifier', paths: ['parameters.adapter_id'], max: 256 },
  { kind: 'enum', paths: ['parameters.grammar.type'], values: ['json', 'regex', 'json_schema'] },
];

const TRITON_INFER: RequestSchemaOperation = {
  name: 'kserve_v2_infer',
  path: '^/v2/models/[A-Za-z0-9._-]+(?:/versions/[0-9]+)?/infer$',
  keys: ['id', 'parameters.**', 'inputs.*.name', 'inputs.*.shape.*', 'inputs.*.datatype', 'inputs.*.parameters.**', 'inputs.*.data', 'inputs.*.data.**',
    'outputs.*.name', 'outputs.*.parameters.**'],
};

const TRITON_VALUES: RequestSchemaValue[] = [
  { kind: 'integer', paths: ['inputs.*.shape.*'], max: 999999999, minusOne: true },
  { kind: 'identifier', paths: ['id', 'inputs.*.name', 'outputs.*.name'], max: 256 },
  { kind: 'enum', paths: ['inputs.*.datatype'], values: ['BOOL', 'UINT8', 'UINT16', 'UINT32', 'UINT64', 'INT8', 'INT16', 'INT32', 'INT64', 'FP16', 'FP32', 'FP64', 'BF16', 'BYTES'] },
];

/**
 * The request schema of a known inference API, by server and API version: the WAF validates
 * requests on the API's routes against it (a positive security model) instead of running the
 * OWASP CRS over them. Fields keep arriving with server releases: each member names the
 * release its field list was taken from; a newer field is an unknown field until a member
 * names it (or `allowUnknownFields` lets unknown fields through).
 *
 * Request-supplied chat templates (`chat_template`, `chat_template_kwargs`), logits
 * processors, prompt embeddings and KV-transfer parameters are in no member: a request that
 * carries them is refused.
 */
export class InferenceApiSchema {
  /**
   * vLLM 0.11's OpenAI-compatible API (`ModelServer.vllm()`; also the OpenAI routes of
   * `ModelServer.tgi()` and `ModelServer.openAiCompatible()`): POST /v1/chat/completions,
   * /v1/completions, /v1/embeddings.
   */
  public static readonly VLLM_OPENAI_0_11 = new InferenceApiSchema('vllm-openai-0.11', [VLLM_CHAT, VLLM_COMPLETIONS, VLLM_EMBEDDINGS], VLLM_VALUES);

  /** Text Generation Inference 3's native API (`ModelServer.tgi()`): POST /generate and /generate_stream. */
  public static readonly TGI_3 = new InferenceApiSchema('tgi-3', [TGI_GENERATE], TGI_VALUES);

  /** The KServe v2 inference protocol as Triton serves it (`ModelServer.triton()`): POST /v2/models/<model>[/versions/<v>]/infer. */
  public static readonly KSERVE_V2 = new InferenceApiSchema('kserve-v2', [TRITON_INFER], TRITON_VALUES);

  /** Every known schema: the profile's default. */
  public static all(): InferenceApiSchema[] {
    return [InferenceApiSchema.VLLM_OPENAI_0_11, InferenceApiSchema.TGI_3, InferenceApiSchema.KSERVE_V2];
  }

  private constructor(
    /** The server, API and release the schema was taken from. */
    public readonly name: string,
    /** The operations (routes) it validates. @internal */
    public readonly _operations: RequestSchemaOperation[],
    /** The value constraints of its fields. @internal */
    public readonly _values: RequestSchemaValue[],
  ) {}
}
