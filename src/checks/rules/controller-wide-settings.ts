import { COMPOSED_FROM_ANNOTATION } from '../../facts/label-keys';
import { controllerWideKeys, isControllerConfigMap } from '../controller-config-map';
import { ManifestRule } from '../manifest-rule';
import { RuleSeverity } from '../rule-severity';

/**
 * Names the controller settings that change behaviour for every tenant of a shared controller
 * (HSTS for subdomains, TLS versions, forwarded headers, ModSecurity at http level...), from any
 * ConfigMap that sets them (found by its keys, whoever wrote it), so that reviewers see what
 * reaches other teams' hosts. The composed-from annotation only adds which endpoints set them.
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
        detail: `controller-wide for every host, set for ${cm.metadata?.annotations?.[COMPOSED_FROM_ANNOTATION] || 'the endpoints'}: ${controllerWideKeys(cm).join(', ')}`,
      }));
  },
};
