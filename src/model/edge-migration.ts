import { ControllerModel, ExposureTarget, exposureTarget } from './exposure-targets';
import { EdgeController } from '../options/edge-controller';
import { ValidationError } from '../options/validation-error';

/** The controller an endpoint leaves during a move, resolved against its target's defaults. @internal */
export interface EdgeMigrationModel {
  /** The row of the controller the endpoint leaves. */
  readonly target: ExposureTarget;
  /** That controller, resolved. */
  readonly controller: ControllerModel;
}

const MIGRATING_FIX = 'Use EdgeController.migrating({ from: EdgeController.ingressNginx(...), to: EdgeController.envoyGateway(...) }).';

/**
 * The controller the endpoint leaves, when `controller` is `EdgeController.migrating`; undefined
 * otherwise. `from` and `to` must be two controllers of different kinds, neither a move itself.
 * @internal
 */
export function edgeMigrationModel(c: EdgeController): EdgeMigrationModel | undefined {
  const m = c.migration;
  if (m === undefined) return undefined;
  for (const side of ['from', 'to'] as const) {
    const x = m[side];
    if (!(x instanceof EdgeController)) throw new ValidationError(`controller ${side}`, x, MIGRATING_FIX);
    if (x.migration !== undefined) {
      throw new ValidationError(`controller ${side}`, 'EdgeController.migrating(...)', 'A move has one controller on each side: give the controllers themselves, not another move.');
    }
  }
  if (m.from.kind === m.to.kind) {
    throw new ValidationError('controller from', m.from.kind.value, `The endpoint already uses ${m.to.kind.value}: change its options in place, without EdgeController.migrating.`);
  }
  const target = exposureTarget(m.from.kind);
  return { target, controller: target.controller(m.from) };
}
