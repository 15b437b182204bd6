import { RELIES_ON_PLATFORM_ANNOTATION } from '../../facts/label-keys';
import { ManifestRule } from '../manifest-rule';
import { RuleSeverity } from '../rule-severity';

/**
 * Names, for a reviewer to confirm, the settings of the platform's Gateway or controller that an
 * endpoint's route relies on and does not write (HTTPS with the listener's certificate, the
 * HTTP to HTTPS redirect, TLS versions, how client addresses are read), one warning each.
 * @internal
 */
export const reliesOnPlatform: ManifestRule = {
  id: 'SAI-EDGE-4',
  description: 'Settings of the platform\'s Gateway or controller that a route relies on, and does not write, are named for a reviewer to confirm',
  severity: RuleSeverity.NOTE,
  explanation: 'The route is only as safe as the platform settings it relies on (HTTPS on the listener, TLS versions, redirects), which these manifests do not write.',
  fix: 'Confirm the platform\'s Gateway or controller has the setting named.',
  evaluate(objects) {
    return objects.filter((o) => typeof o.metadata?.annotations?.[RELIES_ON_PLATFORM_ANNOTATION] === 'string')
      .flatMap((route) => (route.metadata.annotations[RELIES_ON_PLATFORM_ANNOTATION] as string).split('; ').filter((s) => s.length > 0)
        .map((setting) => ({ object: route, status: 'warning' as const, detail: `relies on the platform: ${setting}` })));
  },
};
