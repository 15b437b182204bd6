import { renderEnvoyGateway } from './envoy-gateway';
import { renderF5Nginx } from './f5-nginx';
import { renderIngressNginx } from './ingress-nginx';
import { TargetRenderer } from './rendered-target';
import { EdgeControllerKind } from '../../options/edge-controller';
import { ValidationError } from '../../options/validation-error';

/**
 * The renderer of each exposure target, beside its row in the capability table
 * (`model/exposure-targets.ts`). @internal
 */
const TARGET_RENDERERS = new Map<EdgeControllerKind, TargetRenderer>([
  [EdgeControllerKind.INGRESS_NGINX, renderIngressNginx],
  [EdgeControllerKind.F5_NGINX, renderF5Nginx],
  [EdgeControllerKind.ENVOY_GATEWAY, renderEnvoyGateway],
  [EdgeControllerKind.CALICO_INGRESS_GATEWAY, renderEnvoyGateway],
]);

/** The renderer of a target. @internal */
export function targetRenderer(kind: EdgeControllerKind): TargetRenderer {
  const r = TARGET_RENDERERS.get(kind);
  if (!r) throw new ValidationError('controller', kind?.value, 'No renderer for this controller; this is a bug in the library.');
  return r;
}
