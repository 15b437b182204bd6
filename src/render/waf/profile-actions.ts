/** Tag put on every rule of the profile. */
export const WAF_PROFILE_TAG = 'cdk8s-secure-ai/llm-waf';

/**
 * The disruptive actions of a refusing rule: deny with `status`, logged, tagged. @internal
 */
export function deny(status: number): string[] {
  return ['deny', `status:${status}`, 'log', `tag:${WAF_PROFILE_TAG}`];
}

/** The actions of a rule that only logs (a LOG detector, DETECT-like enforcement). @internal */
export function passAndLog(): string[] {
  return ['pass', 'log', `tag:${WAF_PROFILE_TAG}`];
}
