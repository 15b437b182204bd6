import { EndpointWafOptions } from '../../options/secure-inference-endpoint-props';
import { ValidationError } from '../../options/validation-error';
import { LlmWafProfile } from '../../options/waf/llm-waf-profile';
import { WafMode } from '../../options/waf/waf-mode';
import { ControllerModel, TargetFeature, TargetRequest } from '../exposure-targets';
import { WafProfileModel, wafProfileModel } from '../waf-profile-model';
import { WeakenedControl } from '../weakening';

/** The WAF posture. @internal */
export interface WafModel {
  readonly enabled: boolean;
  /** The LLM profile, on targets whose WAF runs it. */
  readonly profile?: WafProfileModel;
}

/**
 * The WAF options, validated against the target; the profile's body limit is the endpoint's
 * (`maxBodyKiB`, already reconciled with the profile's own by `bodyLimitKiB`). @internal
 */
export function wafModel(w: EndpointWafOptions | undefined, controller: ControllerModel, ask: (r: TargetRequest) => void,
  can: (f: TargetFeature) => boolean, weakenings: WeakenedControl[], maxBodyKiB: number): WafModel {
  const enabled = w?.enabled ?? true;
  if (!enabled && w?.profile) {
    throw new ValidationError('waf.profile', 'LlmWafProfile', 'The WAF is disabled (waf.enabled: false); remove the profile or enable the WAF.');
  }
  if (w?.profile) ask({ feature: TargetFeature.MODSECURITY_PROFILE, field: 'waf.profile', value: 'LlmWafProfile' });
  const profile = enabled && can(TargetFeature.MODSECURITY_PROFILE) ? wafProfileModel(w?.profile ?? new LlmWafProfile(), maxBodyKiB) : undefined;
  if (!enabled) weakenings.push({ option: 'waf.enabled: false', effect: 'No WAF: prompts, secrets and management routes are not inspected; methods are not restricted.' });
  if (profile?.allowUnknownFields) {
    weakenings.push({ option: 'waf.profile allowUnknownFieldsInsecure: true', effect: 'Fields the request schema does not know pass on inference API routes, checked by neither the schema nor the CRS.' });
  }
  if (profile && profile.mode === WafMode.DETECT) weakenings.push({ option: 'waf.profile mode: DETECT', effect: 'The WAF logs attacks but does not block them.' });
  if (enabled) {
    ask(controller.appProtectPolicy !== undefined
      ? { feature: TargetFeature.WAF, field: 'controller appProtectPolicy', value: controller.appProtectPolicy }
      : { feature: TargetFeature.WAF, field: 'waf.enabled', value: true });
  }
  return { enabled, profile };
}
