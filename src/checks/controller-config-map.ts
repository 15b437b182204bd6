import { CONTROLLER_WIDE_EFFECTS } from '../facts/controller-wide-effects';

/**
 * A controller's ConfigMap, known by its content: a ConfigMap that sets any ingress-nginx or
 * F5 NGINX key that applies to every host of the controller (client addresses, HSTS, TLS,
 * logging, snippets, ModSecurity), whoever wrote it and whatever its annotations say.
 * @internal
 */
export function isControllerConfigMap(o: any): boolean {
  return o.kind === 'ConfigMap' && Object.keys(o.data ?? {}).some((k) => k in CONTROLLER_WIDE_EFFECTS);
}

/** The controller-wide keys a controller ConfigMap sets, in its order. @internal */
export function controllerWideKeys(o: any): string[] {
  return Object.keys(o.data ?? {}).filter((k) => k in CONTROLLER_WIDE_EFFECTS);
}
