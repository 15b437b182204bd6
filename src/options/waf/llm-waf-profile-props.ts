import { CostFieldCap } from './cost-field-cap';
import { CrsFamily } from './crs-family';
import { DetectorAction } from './detector-action';
import { InferenceApiSchema } from './inference-api-schema';
import { SensitiveDataActions } from './sensitive-data-actions';
import { WafMode } from './waf-mode';

/**
 * Options of the LLM WAF profile. Every option has a secure default.
 */
export interface LlmWafProfileProps {
  /**
   * Block, or only detect and log.
   * @default WafMode.BLOCK
   */
  readonly mode?: WafMode;

  /**
   * Media types accepted for request bodies (parameters other than `charset=utf-8` are refused).
   * @default ['application/json']
   */
  readonly allowedContentTypes?: string[];

  /**
   * Largest request body, in KiB (multimodal prompts carry base64 images). On a
   * `SecureInferenceEndpoint` the endpoint has one body limit on every layer: leave this unset
   * and set the endpoint's `limits.maxBodyMiB` (setting both to different sizes fails).
   * @default - the endpoint's `limits.maxBodyMiB` (32 MiB by default) on a `SecureInferenceEndpoint`; 10240 (10 MiB) when rendered alone (`LlmWafRules`, `LlmWafRulesConfigMap`)
   */
  readonly maxRequestBodyKiB?: number;

  /**
   * Deepest JSON path allowed (number of segments, array indexes included).
   * @default 32
   */
  readonly maxJsonDepth?: number;

  /**
   * Largest number of arguments (JSON leaves and query parameters) in one request.
   * @default 4096
   */
  readonly maxArguments?: number;

  /**
   * Caps on cost fields; a request above a cap, or with a non-integer value, is refused.
   * @default max_tokens 8192, max_completion_tokens 8192, max_new_tokens 8192, n 4, best_of 4
   */
  readonly costFieldCaps?: CostFieldCap[];

  /**
   * Models a request may name in its `model` field.
   * @default - any model
   */
  readonly allowedModels?: string[];

  /**
   * Actions per class of sensitive data in requests.
   * @default - every class blocks
   */
  readonly sensitiveData?: SensitiveDataActions;

  /**
   * Action for prompt-injection signatures (instruction override, system prompt exfiltration, role hijack).
   * @default DetectorAction.BLOCK
   */
  readonly promptInjection?: DetectorAction;

  /**
   * JSON paths that carry prompt text (`*` stands for one array index or key). They are excluded from
   * CRS rules, which fire on ordinary natural language and code, and inspected by the LLM detectors.
   * @default messages.*.content, messages.*.content.*.text, messages.*.tool_calls.*.function.arguments, prompt, prompt.*, input, input.*, suffix, tools.*.function.description, instructions
   */
  readonly promptFields?: string[];

  /**
   * Names of JSON fields that carry URLs fetched by the model server (checked for SSRF).
   * @default url, image_url, audio_url, video_url, file_url
   */
  readonly urlFields?: string[];

  /**
   * Also refuse URLs to private, loopback and cluster-internal addresses (metadata and link-local are always refused).
   * @default true
   */
  readonly blockPrivateUrls?: boolean;

  /**
   * Include the OWASP Core Rule Set for the generic attack families (on the URI, headers and non-prompt fields).
   * @default true
   */
  readonly crs?: boolean;

  /**
   * CRS families included (prompt fields are excluded from all of them).
   * @default CrsFamily.defaults(): protocol attack, LFI, RFI, RCE, XSS, SQLi, Java
   */
  readonly crsFamilies?: CrsFamily[];

  /**
   * CRS paranoia level, 1 to 4.
   * @default 1
   */
  readonly paranoiaLevel?: number;

  /**
   * Inspect non-streaming JSON responses for leaking secrets (private keys, credentials).
   * @default false
   */
  readonly responseInspection?: boolean;

  /**
   * Action when a response leaks a secret.
   * @default DetectorAction.BLOCK
   */
  readonly responseInspectionAction?: DetectorAction;

  /**
   * Request schemas of known inference APIs. On a route of one of them (e.g. POST
   * /v1/chat/completions for vLLM's OpenAI API) the WAF validates the request's shape: known
   * keys only, numbers and booleans where the API takes them, enumerations (message roles,
   * content-part types), identifiers and guided-decoding patterns bounded in length, numeric
   * caps, no query string; the OWASP CRS does not run there (see `crsOnSchemaRoutes`). Routes of
   * no listed schema keep the CRS. An empty list runs the CRS on every route.
   * @default InferenceApiSchema.all(): vLLM's OpenAI API, TGI's native API, KServe v2 inference
   */
  readonly apiSchemas?: InferenceApiSchema[];

  /**
   * Let fields that the request schema does not know through on schema routes (their values
   * are then checked by neither the schema nor the CRS; detectors still run on them).
   * Request-supplied chat templates, logits processors, prompt embeddings and engine
   * parameters stay refused. Recorded as a weakened control.
   * @default false
   */
  readonly allowUnknownFieldsInsecure?: boolean;

  /**
   * Also run every kept CRS family on schema routes (slower: the CRS costs about a millisecond
   * per request there, for what the schema already refuses).
   * @default false
   */
  readonly crsOnSchemaRoutes?: boolean;

  /**
   * CRS families that still run on schema routes (for the URI and headers), a subset of
   * `crsFamilies`; ignored when `crsOnSchemaRoutes` is on.
   * @default - none
   */
  readonly schemaRouteCrsFamilies?: CrsFamily[];

  /**
   * Longest guided-decoding pattern a request may carry, in characters (`guided_regex`,
   * `guided_grammar`, `guided_json` as a string, `structured_outputs.regex` / `grammar` /
   * `json`, TGI's `parameters.grammar.value`): a pattern is compiled by the server, and a large
   * one costs it time and memory before the first token.
   * @default 4096
   */
  readonly maxGuidedPatternLength?: number;
}
