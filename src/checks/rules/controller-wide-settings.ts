import { COMPOSED_FROM_ANNOTATION } from '../../facts/label-keys';
import { controllerWideKeys, isControllerConfigMap } from '../controller-config-map';
import { ControllerFamily } from '../controller-family';
import { ManifestRule } from '../manifest-rule';
import { admitsFromNamespace } from '../namespace-admission';
import { RuleSeverity } from '../rule-severity';

/**
 * Names the controller settings that change behaviour for every tenant of a shared controller
 * (HSTS for subdomains, TLS versions, forwarded headers, ModSecurity at http level...), from any
 * ConfigMap that sets them (found by its keys, whoever wrote it), so that reviewers see what
 * reaches other teams' hosts. The hosts of the output they reach are found by content: the hosts of
 * the routes its controller family reads (Ingresses, F5 NGINX VirtualServers) in namespaces whose
 * NetworkPolicies let the controller's pods in. The composed-from annotation only adds which
 * endpoints set them.
 * @internal
 */
export const controllerWideSettings: ManifestRule = {
  id: 'SAI-EDGE-2',
  description: 'Controller-wide settings (they apply to every host of the controller, other tenants\' included) are named',
  severity: RuleSeverity.NOTE,
  explanation: 'Settings in a shared controller\'s ConfigMap apply to every host it serves, other teams\' included: reviewers must see them.',
  fix: 'Nothing to fix: review the settings named before merging them into the controller\'s ConfigMap.',
  evaluate(objects) {
    return objects.filter(isControllerConfigMap)
      .map((cm) => ({
        object: cm,
        status: 'pass' as const,
        detail: `controller-wide for every host${setFor(cm)}: ${controllerWideKeys(cm).join(', ')}; `
          + `hosts of this output it reaches: ${hostsServed(objects, cm).join(', ') || 'none (other teams\' hosts only)'}`,
      }));
  },
};

/** Who set the settings, as the composed-from annotation names them (it names; it decides nothing). */
function setFor(cm: any): string {
  const named = cm.metadata?.annotations?.[COMPOSED_FROM_ANNOTATION];
  return named ? `, set for ${named}` : '';
}

/** The hosts of the routes the ConfigMap's controller reads, in namespaces that let its pods in: by content. */
function hostsServed(objects: any[], cm: any): string[] {
  const families = ControllerFamily.ofConfigMap(cm);
  const hosts = new Set<string>();
  for (const o of objects) {
    if (!ControllerFamily.ofRoute(o).some((f) => families.includes(f))) continue;
    if (!admitsFromNamespace(objects, o.metadata?.namespace, cm.metadata?.namespace)) continue;
    const named: unknown[] = o.kind === 'Ingress' ? (o.spec?.rules ?? []).map((r: any) => r?.host) : [o.spec?.host];
    named.filter((h): h is string => typeof h === 'string' && h.length > 0).forEach((h) => hosts.add(h));
  }
  return [...hosts].sort();
}
