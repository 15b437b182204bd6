import { F5_NGINX_CLIENT_ADDRESS_KEYS as F5, INGRESS_NGINX_CLIENT_ADDRESS_KEYS as NGINX } from '../facts/client-address-keys';
import { CONTROLLER_WIDE_EFFECTS } from '../facts/controller-wide-effects';
import { ValidationError } from '../options/validation-error';

/** One endpoint's share of a controller's ConfigMap. @internal */
export interface ControllerSettingsContribution {
  /** The endpoint, as `namespace/name`. */
  readonly endpoint: string;
  /** The settings it relies on. */
  readonly data: { [key: string]: string };
}

/**
 * How a key is merged when several endpoints share a controller: `agree` keys must have one
 * value (they are controller-wide, so two endpoints cannot each have their own); `any` keys are
 * on when one endpoint needs them on.
 */
const MERGE: { [key: string]: 'any-true' | 'highest-risk' } = {
  'enable-modsecurity': 'any-true',
  'allow-snippet-annotations': 'any-true',
  'annotations-risk-level': 'highest-risk',
};
const RISK = ['Low', 'Medium', 'High', 'Critical'];

export { CONTROLLER_WIDE_EFFECTS };

/**
 * The option that sets a controller-wide key, for the message when endpoints disagree on it.
 * Keys not listed are set by the endpoints' TLS, HSTS and WAF options.
 */
const SET_BY: { [key: string]: string } = Object.fromEntries([...Object.values(NGINX), ...Object.values(F5)].map((key) => [key,
  'controller clientAddress (it decides how the controller reads the address of every client: give every endpoint on this controller the same ClientAddress, e.g. one EdgeController shared by them)']));

/**
 * Composes the settings of every endpoint on one controller into one ConfigMap's data. Fails,
 * naming the key and the endpoints, when two endpoints need different values of a
 * controller-wide setting.
 * @internal
 */
export function composeControllerSettings(controller: string, contributions: ControllerSettingsContribution[]): { [key: string]: string } {
  const data: { [key: string]: string } = {};
  const owner: { [key: string]: string } = {};
  for (const c of contributions) {
    for (const [key, value] of Object.entries(c.data)) {
      if (!(key in data)) {
        data[key] = value;
        owner[key] = c.endpoint;
        continue;
      }
      if (data[key] === value) continue;
      const merge = MERGE[key];
      if (merge === 'any-true') {
        data[key] = data[key] === 'true' || value === 'true' ? 'true' : 'false';
      } else if (merge === 'highest-risk') {
        data[key] = RISK[Math.max(RISK.indexOf(data[key]), RISK.indexOf(value))];
      } else {
        throw new ValidationError(`controller settings "${key}" of ${controller}`, `${owner[key]}: ${JSON.stringify(data[key])}, ${c.endpoint}: ${JSON.stringify(value)}`,
          `This setting is controller-wide (${CONTROLLER_WIDE_EFFECTS[key] ?? 'one value for every host'}): endpoints on one controller must agree; align their ${SET_BY[key] ?? 'options (e.g. tls.minimumVersion, tls.hstsMaxAgeSeconds)'} or put them on different controllers.`);
      }
    }
  }
  return data;
}
