import { DetectorAction } from '../options/waf/detector-action';
import { LlmWafProfile } from '../options/waf/llm-waf-profile';
import { RequestSchemaOperation, RequestSchemaValue } from '../options/waf/request-schema-operation';
import { WafMode } from '../options/waf/waf-mode';


/** The classes of content the profile detects in requests, one action each. @internal */
export type WafDetectorKey =
  | 'cloud_credentials' | 'vcs_credentials' | 'private_keys' | 'chat_tokens' | 'payment_tokens'
  | 'jwts' | 'payment_cards' | 'national_ids' | 'prompt_injection';

/** One enabled detector. @internal */
export interface WafDetectorModel {
  readonly key: WafDetectorKey;
  /** BLOCK or LOG (detectors set to OFF are left out). */
  readonly action: DetectorAction;
}

/**
 * The LLM WAF profile as plain data: what is refused, capped and detected, independent of the
 * engine and of the endpoint it protects (the routes and hosts come with the render context).
 * @internal
 */
export interface WafProfileModel {
  /** Block, or detect and log only (`mode.secRuleEngine` is the SecRuleEngine value). */
  readonly mode: WafMode;
  /** Whether the OWASP CRS is included. */
  readonly crs: boolean;
  /** CRS paranoia level (1-4). */
  readonly paranoiaLevel: number;
  /** CRS families kept, by file number, in the order given. */
  readonly crsFamilies: Array<{ readonly number: number; readonly name: string }>;
  /** Media types accepted for request bodies, lower case. */
  readonly allowedContentTypes: string[];
  /** Largest request body, in KiB: the profile's own, else the endpoint's, else the standalone default. */
  readonly maxRequestBodyKiB: number;
  readonly maxJsonDepth: number;
  readonly maxArguments: number;
  readonly costFieldCaps: Array<{ readonly field: string; readonly max: number }>;
  /** Models a request may name; undefined for any model. */
  readonly allowedModels?: string[];
  /** JSON paths of prompt text (`*` for any index or key). */
  readonly promptFields: string[];
  /** JSON field names that carry URLs fetched by the model server. */
  readonly urlFields: string[];
  /** Whether private, loopback and cluster-internal URL hosts are refused (metadata always is). */
  readonly blockPrivateUrls: boolean;
  /** The enabled request detectors, in rendering order (detectors set to OFF are left out). */
  readonly detectors: WafDetectorModel[];
  /** Request schemas validated on their routes (positive model) instead of the CRS. */
  readonly apiSchemas: ApiSchemaModel[];
  /** Whether unknown fields pass on schema routes. */
  readonly allowUnknownFields: boolean;
  /** CRS families (file numbers) that run on schema routes: every kept family with `crsOnSchemaRoutes`, else the named subset. */
  readonly schemaRouteCrsFamilies: number[];
  /** Longest guided-decoding pattern, in characters. */
  readonly maxGuidedPatternLength: number;
  /** Response inspection for leaking secrets; undefined when off. */
  readonly responseInspection?: { readonly action: DetectorAction };
}

/** The body limit of a profile rendered alone (no endpoint) that does not set one: 10 MiB. @internal */
export const STANDALONE_MAX_REQUEST_BODY_KIB = 10240;

/**
 * Normalises a validated profile into the model.
 * @param endpointMaxBodyKiB the body limit of the endpoint the profile protects, used when the
 * profile sets none (the caller has checked that the two agree when both are set); undefined
 * for a profile rendered alone
 * @internal
 */
export function wafProfileModel(profile: LlmWafProfile, endpointMaxBodyKiB?: number): WafProfileModel {
  const s = profile._settings;
  const sd = s.sensitiveData;
  const detectors: Array<[WafDetectorKey, DetectorAction]> = [
    ['cloud_credentials', sd.cloudCredentials],
    ['vcs_credentials', sd.vcsCredentials],
    ['private_keys', sd.privateKeys],
    ['chat_tokens', sd.chatTokens],
    ['payment_tokens', sd.paymentTokens],
    ['jwts', sd.jwts],
    ['payment_cards', sd.paymentCards],
    ['national_ids', sd.nationalIds],
    ['prompt_injection', s.promptInjection],
  ];
  return {
    mode: profile.mode,
    crs: profile.crs,
    paranoiaLevel: profile.paranoiaLevel,
    crsFamilies: profile.crsFamilies.map((f) => ({ number: f.number, name: f.name })),
    allowedContentTypes: [...s.allowedContentTypes],
    maxRequestBodyKiB: s.maxRequestBodyKiB ?? endpointMaxBodyKiB ?? STANDALONE_MAX_REQUEST_BODY_KIB,
    maxJsonDepth: s.maxJsonDepth,
    maxArguments: s.maxArguments,
    costFieldCaps: s.costFieldCaps.map((c) => ({ field: c.field, max: c.max })),
    allowedModels: s.allowedModels ? [...s.allowedModels] : undefined,
    promptFields: [...profile.promptFields],
    urlFields: [...s.urlFields],
    blockPrivateUrls: s.blockPrivateUrls,
    detectors: detectors
      .filter(([, action]) => action !== DetectorAction.OFF)
      .map(([key, action]) => ({ key, action: actionName(action) })),
    apiSchemas: s.apiSchemas.map((a) => ({ name: a.name, operations: a._operations, values: a._values })),
    allowUnknownFields: s.allowUnknownFieldsInsecure,
    schemaRouteCrsFamilies: (s.crsOnSchemaRoutes ? profile.crsFamilies : s.schemaRouteCrsFamilies).map((f) => f.number),
    maxGuidedPatternLength: s.maxGuidedPatternLength,
    responseInspection: s.responseInspection ? { action: actionName(s.responseInspectionAction) } : undefined,
  };
}

/** A known inference API's request schema, as plain data. @internal */
export interface ApiSchemaModel {
  /** The schema's name (server, API, release). */
  readonly name: string;
  readonly operations: RequestSchemaOperation[];
  readonly values: RequestSchemaValue[];
}

/** BLOCK stays BLOCK; anything else that is not OFF logs (as the profile always rendered it). */
function actionName(action: DetectorAction): DetectorAction {
  return action === DetectorAction.BLOCK ? DetectorAction.BLOCK : DetectorAction.LOG;
}
