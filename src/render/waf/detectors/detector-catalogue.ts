import { DetectorClass } from './pattern-detector';
import { PROMPT_INJECTION } from './prompt-injection';
import {
  CHAT_TOKENS, CLOUD_CREDENTIALS, JWTS, NATIONAL_IDS, PAYMENT_CARDS, PAYMENT_TOKENS, PRIVATE_KEYS, VCS_CREDENTIALS,
} from './sensitive-data';
import { WafDetectorKey } from '../../../model/waf-profile-model';

/** The signatures of each class the profile detects in requests. @internal */
export const REQUEST_DETECTORS: { readonly [key in WafDetectorKey]: DetectorClass } = {
  cloud_credentials: CLOUD_CREDENTIALS,
  vcs_credentials: VCS_CREDENTIALS,
  private_keys: PRIVATE_KEYS,
  chat_tokens: CHAT_TOKENS,
  payment_tokens: PAYMENT_TOKENS,
  jwts: JWTS,
  payment_cards: PAYMENT_CARDS,
  national_ids: NATIONAL_IDS,
  prompt_injection: PROMPT_INJECTION,
};

/** The secrets response inspection looks for (what a model should never echo back). @internal */
export const RESPONSE_LEAK_DETECTORS: DetectorClass[] = [CLOUD_CREDENTIALS, VCS_CREDENTIALS, PRIVATE_KEYS, CHAT_TOKENS, PAYMENT_TOKENS];
