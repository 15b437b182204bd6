import { CostFieldCap } from './cost-field-cap';
import { CrsFamily } from './crs-family';
import { DetectorAction } from './detector-action';
import { InferenceApiSchema } from './inference-api-schema';
import { SensitiveDataActions } from './sensitive-data-actions';

/**
 * The validated options of an `LlmWafProfile` that are not public fields, every default applied.
 * Read by the policy model only.
 * @internal
 */
export interface LlmWafProfileSettings {
  /** Media types accepted for request bodies, lower case. */
  readonly allowedContentTypes: string[];
  /**
   * Largest request body, in KiB, when the props set it; undefined otherwise (the policy model
   * then takes the endpoint's body limit, or the standalone default).
   */
  readonly maxRequestBodyKiB?: number;
  /** Deepest JSON path allowed. */
  readonly maxJsonDepth: number;
  /** Largest number of arguments in one request. */
  readonly maxArguments: number;
  /** Caps on cost fields, in the order given. */
  readonly costFieldCaps: CostFieldCap[];
  /** Models a request may name; undefined for any model. */
  readonly allowedModels?: string[];
  /** JSON field names that carry URLs. */
  readonly urlFields: string[];
  /** Whether private, loopback and cluster-internal URL hosts are refused. */
  readonly blockPrivateUrls: boolean;
  /** Whether responses are inspected for leaking secrets. */
  readonly responseInspection: boolean;
  /** Action when a response leaks a secret. */
  readonly responseInspectionAction: DetectorAction;
  /** Action per class of sensitive data. */
  readonly sensitiveData: Required<SensitiveDataActions>;
  /** Action for prompt-injection signatures. */
  readonly promptInjection: DetectorAction;
  /** Request schemas validated on their routes. */
  readonly apiSchemas: InferenceApiSchema[];
  /** Whether unknown fields pass on schema routes. */
  readonly allowUnknownFieldsInsecure: boolean;
  /** Whether every kept CRS family also runs on schema routes. */
  readonly crsOnSchemaRoutes: boolean;
  /** CRS families that still run on schema routes. */
  readonly schemaRouteCrsFamilies: CrsFamily[];
  /** Longest guided-decoding pattern, in characters. */
  readonly maxGuidedPatternLength: number;
}
