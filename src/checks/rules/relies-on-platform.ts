import { RELIES_ON_PLATFORM_ANNOTATION } from '../../facts/label-keys';
import { ManifestRule, RuleOutcome } from '../manifest-rule';
import { RuleSeverity } from '../rule-severity';

/** Gateway API routes: they are served by the listeners of the Gateways they name. */
const GATEWAY_ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'];

/**
 * Names, for a reviewer to confirm, the settings of the platform's Gateway or controller that a
 * route relies on and does not write, one warning each. A Gateway API route whose parent Gateway
 * is not in the output relies on that Gateway's listeners, found by content (`parentRefs`),
 * whoever wrote the route; the relies-on-platform annotation the endpoints write only names the
 * settings more precisely (HTTPS with the listener's certificate, the HTTP to HTTPS redirect,
 * TLS versions, how client addresses are read).
 * @internal
 */
export const reliesOnPlatform: ManifestRule = {
  id: 'SAI-EDGE-4',
  description: 'Settings of the platform\'s Gateway or controller that a route relies on, and does not write, are named for a reviewer to confirm',
  severity: RuleSeverity.NOTE,
  explanation: 'The route is only as safe as the platform settings it relies on (HTTPS on the listener, TLS versions, redirects), which these manifests do not write.',
  fix: 'Confirm the platform\'s Gateway or controller has the setting named.',
  evaluate(objects) {
    const gateways = new Set(objects.filter((o) => o.kind === 'Gateway').map((g) => `${g.metadata?.namespace}/${g.metadata?.name}`));
    return objects.flatMap((route): RuleOutcome[] => {
      const named = String(route.metadata?.annotations?.[RELIES_ON_PLATFORM_ANNOTATION] ?? '').split('; ').filter((s) => s.length > 0);
      if (named.length > 0) return named.map((setting) => ({ object: route, status: 'warning', detail: `relies on the platform: ${setting}` }));
      if (!GATEWAY_ROUTE_KINDS.includes(route.kind)) return [];
      return (route.spec?.parentRefs ?? [])
        .filter((p: any) => (p.kind ?? 'Gateway') === 'Gateway')
        .map((p: any) => `${p.namespace ?? route.metadata?.namespace}/${p.name}${p.sectionName ? ` listener ${p.sectionName}` : ''}`)
        .filter((ref: string) => !gateways.has(ref.split(' ')[0]))
        .map((ref: string): RuleOutcome => ({
          object: route,
          status: 'warning',
          detail: `relies on the platform: Gateway ${ref}, not in these manifests: its listeners' HTTPS, certificate, TLS versions, HTTP to HTTPS redirect and which namespaces' routes they admit`,
        }));
    });
  },
};
