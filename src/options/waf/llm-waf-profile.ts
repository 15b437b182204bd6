import { CostFieldCap } from './cost-field-cap';
import { CrsFamily } from './crs-family';
import { DetectorAction } from './detector-action';
import { InferenceApiSchema } from './inference-api-schema';
import { LlmWafProfileProps } from './llm-waf-profile-props';
import { LlmWafProfileSettings } from './llm-waf-profile-settings';
import { WafMode } from './waf-mode';
import { ValidationError } from '../validation-error';

const DEFAULT_PROMPT_FIELDS = [
  'messages.*.content',
  'messages.*.content.*.text',
  'messages.*.tool_calls.*.function.arguments',
  'prompt',
  'prompt.*',
  'input',
  'input.*',
  'suffix',
  'tools.*.function.description',
  'instructions',
];

const DEFAULT_URL_FIELDS = ['url', 'image_url', 'audio_url', 'video_url', 'file_url'];

const DEFAULT_COST_CAPS: CostFieldCap[] = [
  { field: 'max_tokens', max: 8192 },
  { field: 'max_completion_tokens', max: 8192 },
  { field: 'max_new_tokens', max: 8192 },
  { field: 'n', max: 4 },
  { field: 'best_of', max: 4 },
];

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const FIELD_PATH = /^(?:[A-Za-z_][A-Za-z0-9_-]*|\*)(?:\.(?:[A-Za-z_][A-Za-z0-9_-]*|\*))*$/;
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/**
 * A WAF profile for LLM inference APIs, rendered as SecLang for ModSecurity v3 and Coraza
 * (render it with `LlmWafRules` or `LlmWafRulesConfigMap`).
 *
 * It refuses what the endpoint does not serve (routes, methods, content types, malformed or
 * oversized JSON), validates requests on the routes of known inference APIs against their
 * request schema (`apiSchemas`: keys, types, enumerations, lengths, caps; no request-supplied
 * chat templates), caps cost fields, finds secrets, personal data and prompt injection in
 * prompts, stops SSRF through URL fields, and keeps the OWASP CRS on the other routes for the
 * URI, headers and non-prompt fields while sparing prompt text from families that fire on
 * natural language.
 *
 * The options are validated when the profile is created; the profile does not change afterwards.
 */
export class LlmWafProfile {
  /** Block or detect only. */
  public readonly mode: WafMode;
  /** CRS paranoia level (1-4). */
  public readonly paranoiaLevel: number;
  /** Whether CRS is included. */
  public readonly crs: boolean;
  /** JSON paths treated as prompt text. */
  public readonly promptFields: string[];
  /** CRS families included. */
  public readonly crsFamilies: CrsFamily[];

  /**
   * The other options, validated, every default applied.
   * @internal
   */
  public readonly _settings: LlmWafProfileSettings;

  constructor(props: LlmWafProfileProps = {}) {
    this.mode = props.mode ?? WafMode.BLOCK;
    this.paranoiaLevel = props.paranoiaLevel ?? 1;
    if (!Number.isInteger(this.paranoiaLevel) || this.paranoiaLevel < 1 || this.paranoiaLevel > 4) {
      throw new Error(`LlmWafProfile: paranoiaLevel must be an integer from 1 to 4, got ${props.paranoiaLevel}. Use 1 (default) unless you tune CRS exclusions for higher levels.`);
    }
    this.crs = props.crs ?? true;
    this.crsFamilies = [...props.crsFamilies ?? CrsFamily.defaults()];
    if (this.crs && this.crsFamilies.length === 0) {
      throw new Error('LlmWafProfile: crsFamilies is empty while crs is on. List families (e.g. CrsFamily.defaults()) or set crs: false.');
    }

    const allowedContentTypes = (props.allowedContentTypes ?? ['application/json']).map((t) => t.trim().toLowerCase());
    if (allowedContentTypes.length === 0) {
      throw new Error('LlmWafProfile: allowedContentTypes is empty. List at least one media type, e.g. ["application/json"].');
    }
    for (const t of allowedContentTypes) {
      if (!MEDIA_TYPE.test(t)) {
        throw new Error(`LlmWafProfile: allowedContentTypes contains "${t}", which is not a media type. Use type/subtype without parameters, e.g. "application/json".`);
      }
    }

    // Unset, it is the endpoint's body limit (limits.maxBodyMiB), or 10 MiB standalone: the model decides.
    const maxRequestBodyKiB = props.maxRequestBodyKiB === undefined ? undefined
      : positiveInteger('maxRequestBodyKiB', props.maxRequestBodyKiB, 10240, 1, 1024 * 1024);
    const maxJsonDepth = positiveInteger('maxJsonDepth', props.maxJsonDepth, 32, 2, 1024);
    const maxArguments = positiveInteger('maxArguments', props.maxArguments, 4096, 1, 1000000);

    const costFieldCaps = (props.costFieldCaps ?? DEFAULT_COST_CAPS).map((cap) => ({ field: cap.field, max: cap.max }));
    const seen = new Set<string>();
    for (const cap of costFieldCaps) {
      if (!FIELD_NAME.test(cap.field)) {
        throw new Error(`LlmWafProfile: costFieldCaps field "${cap.field}" is not a top-level JSON field name. Use letters, digits, "_" or "-", e.g. "max_tokens".`);
      }
      if (seen.has(cap.field)) {
        throw new Error(`LlmWafProfile: costFieldCaps lists "${cap.field}" twice. Keep one cap per field.`);
      }
      seen.add(cap.field);
      if (!Number.isInteger(cap.max) || cap.max < 0 || cap.max > 999999999) {
        throw new Error(`LlmWafProfile: costFieldCaps max for "${cap.field}" must be an integer from 0 to 999999999, got ${cap.max}.`);
      }
    }

    let allowedModels: string[] | undefined;
    if (props.allowedModels !== undefined) {
      if (props.allowedModels.length === 0) {
        throw new Error('LlmWafProfile: allowedModels is empty, which would refuse every request. Omit it to allow any model, or list the served models.');
      }
      for (const m of props.allowedModels) {
        if (!m || /[\s"]/.test(m)) {
          throw new Error(`LlmWafProfile: allowedModels contains "${m}". Model names must be non-empty and contain no spaces or quotes.`);
        }
      }
      allowedModels = [...props.allowedModels];
    }

    this.promptFields = [...props.promptFields ?? DEFAULT_PROMPT_FIELDS];
    for (const f of this.promptFields) {
      if (!FIELD_PATH.test(f)) {
        throw new Error(`LlmWafProfile: promptFields contains "${f}", which is not a JSON path. Use dot-separated names with "*" for any index, e.g. "messages.*.content".`);
      }
    }
    const urlFields = [...props.urlFields ?? DEFAULT_URL_FIELDS];
    for (const f of urlFields) {
      if (!FIELD_NAME.test(f)) {
        throw new Error(`LlmWafProfile: urlFields contains "${f}", which is not a JSON field name. Use the last key of the field, e.g. "image_url" or "url".`);
      }
    }

    const apiSchemas = [...props.apiSchemas ?? InferenceApiSchema.all()];
    apiSchemas.forEach((a, i) => {
      if (!(a instanceof InferenceApiSchema)) {
        throw new ValidationError(`apiSchemas[${i}]`, a, 'Use a member of InferenceApiSchema, e.g. InferenceApiSchema.VLLM_OPENAI_0_11.');
      }
      if (apiSchemas.indexOf(a) !== i) {
        throw new ValidationError(`apiSchemas[${i}]`, a, 'The schema is listed twice; list each once.');
      }
    });
    const crsOnSchemaRoutes = props.crsOnSchemaRoutes ?? false;
    const schemaRouteCrsFamilies = [...props.schemaRouteCrsFamilies ?? []];
    schemaRouteCrsFamilies.forEach((f, i) => {
      if (!this.crs) {
        throw new ValidationError(`schemaRouteCrsFamilies[${i}]`, f, 'The CRS is off (crs: false); turn it on or leave schemaRouteCrsFamilies out.');
      }
      if (!this.crsFamilies.includes(f)) {
        throw new ValidationError(`schemaRouteCrsFamilies[${i}]`, f, `Only families the profile includes can run on schema routes; add it to crsFamilies (now ${this.crsFamilies.map((c) => c.number).join(', ')}) or remove it here.`);
      }
    });
    if (crsOnSchemaRoutes && !this.crs) {
      throw new ValidationError('crsOnSchemaRoutes', true, 'The CRS is off (crs: false); turn it on or leave crsOnSchemaRoutes out.');
    }
    const maxGuidedPatternLength = props.maxGuidedPatternLength ?? 4096;
    if (!Number.isInteger(maxGuidedPatternLength) || maxGuidedPatternLength < 1 || maxGuidedPatternLength > 1048576) {
      throw new ValidationError('maxGuidedPatternLength', props.maxGuidedPatternLength, 'Use a whole number of characters from 1 to 1048576; omit it for the default (4096).');
    }

    const sd = props.sensitiveData ?? {};
    this._settings = Object.freeze({
      allowedContentTypes,
      maxRequestBodyKiB,
      maxJsonDepth,
      maxArguments,
      costFieldCaps,
      allowedModels,
      urlFields,
      blockPrivateUrls: props.blockPrivateUrls ?? true,
      responseInspection: props.responseInspection ?? false,
      responseInspectionAction: props.responseInspectionAction ?? DetectorAction.BLOCK,
      sensitiveData: {
        cloudCredentials: sd.cloudCredentials ?? DetectorAction.BLOCK,
        vcsCredentials: sd.vcsCredentials ?? DetectorAction.BLOCK,
        privateKeys: sd.privateKeys ?? DetectorAction.BLOCK,
        chatTokens: sd.chatTokens ?? DetectorAction.BLOCK,
        paymentTokens: sd.paymentTokens ?? DetectorAction.BLOCK,
        jwts: sd.jwts ?? DetectorAction.BLOCK,
        paymentCards: sd.paymentCards ?? DetectorAction.BLOCK,
        nationalIds: sd.nationalIds ?? DetectorAction.BLOCK,
      },
      promptInjection: props.promptInjection ?? DetectorAction.BLOCK,
      apiSchemas,
      allowUnknownFieldsInsecure: props.allowUnknownFieldsInsecure ?? false,
      crsOnSchemaRoutes,
      schemaRouteCrsFamilies,
      maxGuidedPatternLength,
    });
  }
}

function positiveInteger(field: string, value: number | undefined, dflt: number, min: number, max: number): number {
  const v = value ?? dflt;
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new Error(`LlmWafProfile: ${field} must be an integer from ${min} to ${max}, got ${value}. Omit it for the default (${dflt}).`);
  }
  return v;
}
