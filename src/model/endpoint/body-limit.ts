import { TrafficLimits } from '../../options/traffic-limits';
import { integer } from '../../options/validate';
import { ValidationError } from '../../options/validation-error';
import { LlmWafProfile } from '../../options/waf/llm-waf-profile';

/** The endpoint's body limit when neither the limits nor the WAF profile set one: 32 MiB. @internal */
export const DEFAULT_MAX_BODY_KIB = 32 * 1024;

/**
 * The endpoint's one body limit, in KiB, which every layer enforces for its hosts (the
 * controller's body size, the WAF's per-host limit and its engine limit): `limits.maxBodyMiB`,
 * else the WAF profile's `maxRequestBodyKiB`, else 32 MiB. Fails when both are set to different
 * sizes, naming both.
 * @internal
 */
export function bodyLimitKiB(limits: TrafficLimits | undefined, profile: LlmWafProfile | undefined): number {
  const mib = limits?.maxBodyMiB === undefined ? undefined : integer('limits.maxBodyMiB', limits.maxBodyMiB, 1, 1024);
  const profileKiB = profile?._settings.maxRequestBodyKiB;
  if (mib !== undefined && profileKiB !== undefined && mib * 1024 !== profileKiB) {
    const asMiB = profileKiB % 1024 === 0 ? ` or limits.maxBodyMiB: ${profileKiB / 1024}` : '';
    throw new ValidationError('waf.profile maxRequestBodyKiB', profileKiB,
      `limits.maxBodyMiB is ${mib} (${mib * 1024} KiB): the endpoint has one body limit, enforced by the controller and the WAF alike. `
      + `Set only limits.maxBodyMiB (the profile then takes it), or make them equal: maxRequestBodyKiB: ${mib * 1024}${asMiB}.`);
  }
  if (mib !== undefined) return mib * 1024;
  return profileKiB ?? DEFAULT_MAX_BODY_KIB;
}
