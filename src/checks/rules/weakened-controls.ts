import { WEAKENED_CONTROLS_ANNOTATION as ANNOTATION } from '../../facts/label-keys';
import { ManifestRule } from '../manifest-rule';

/** Surfaces every option a namespace records as weakening a default. @internal */
export const weakenedControls: ManifestRule = {
  id: 'SAI-OPT-1',
  description: 'Options that weaken a secure default are named and shown',
  evaluate(objects) {
    return objects.filter((o) => o.kind === 'Namespace' && o.metadata?.annotations?.[ANNOTATION])
      .flatMap((ns) => String(ns.metadata.annotations[ANNOTATION]).split('; ')
        .map((option) => ({ object: ns, status: 'weakened' as const, detail: option })));
  },
};
