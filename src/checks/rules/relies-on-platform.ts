import { RELIES_ON_PLATFORM_ANNOTATION } from '../../facts/label-keys';
import { ManifestRule, RuleOutcome } from '../manifest-rule';
import { isRoute, platformReliancesOf } from '../platform-reliance';
import { RuleSeverity } from '../rule-severity';

/** An object named at the start of a recorded setting (`Gateway ns/name: ...`, `Secret ns/name holds ...`). */
const NAMED_OBJECT = /^(Gateway|ListenerSet|XListenerSet|Secret|ConfigMap|Policy) ([a-z0-9.-]+)\/([a-z0-9.-]+)\b/;

/**
 * Names, for a reviewer to confirm, the settings of the platform's Gateway or controller that a
 * route relies on and does not write, one warning each. Whether a route relies on the platform is
 * found by content, whoever wrote the route (`platformReliancesOf`): the Gateway API parents,
 * Ingress controller, TLS certificate, CA Secrets and F5 NGINX Policies it uses and the output
 * does not hold. The relies-on-platform annotation the endpoints write only words those findings
 * more precisely (HTTPS with the listener's certificate, the HTTP to HTTPS redirect, TLS versions,
 * how client addresses are read): it is shown for a route that relies on the platform by content,
 * less the settings it names of objects the output holds; a reliance the annotation leaves out is
 * named in the content's words.
 * @internal
 */
export const reliesOnPlatform: ManifestRule = {
  id: 'SAI-EDGE-4',
  description: 'Settings of the platform\'s Gateway or controller that a route relies on, and does not write, are named for a reviewer to confirm',
  severity: RuleSeverity.NOTE,
  explanation: 'The route is only as safe as the platform settings it relies on (HTTPS on the listener, TLS versions, redirects, the CAs it trusts), which these manifests do not write.',
  fix: 'Confirm the platform\'s Gateway or controller has the setting named.',
  evaluate(objects) {
    return objects.filter(isRoute).flatMap((route): RuleOutcome[] => {
      const reliances = platformReliancesOf(route, objects);
      if (reliances.length === 0) return [];
      const recorded = String(route.metadata?.annotations?.[RELIES_ON_PLATFORM_ANNOTATION] ?? '').split('; ')
        .filter((s) => s.length > 0 && !namesObjectInOutput(s, objects));
      const unrecorded = reliances.filter((r) => !recorded.some((s) => s.includes(r.subject)));
      return [...recorded, ...unrecorded.map((r) => r.detail)]
        .map((setting) => ({ object: route, status: 'warning', detail: `relies on the platform: ${setting}` }));
    });
  },
};

/** A recorded setting of an object the output holds: the output writes it, so it is not relied on. */
function namesObjectInOutput(setting: string, objects: any[]): boolean {
  const m = NAMED_OBJECT.exec(setting);
  return m !== null && objects.some((o) => o.kind === m[1] && o.metadata?.namespace === m[2] && o.metadata?.name === m[3]);
}
