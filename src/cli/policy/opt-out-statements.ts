import { PolicyStatement } from './policy-statement';
import { WEAKENED_CONTROLS_ANNOTATION } from '../../facts/label-keys';

/**
 * Every explicit opt-out the objects record by option name (`secure-ai.cdk8s.io/weakened-controls`):
 * only the names; what they let through is judged from content by the check and the other topics.
 * @internal
 */
export function optOutStatements(objects: any[]): PolicyStatement[] {
  const byKey = new Map<string, PolicyStatement>();
  for (const o of objects) {
    const recorded = o.metadata?.annotations?.[WEAKENED_CONTROLS_ANNOTATION];
    if (typeof recorded !== 'string') continue;
    const ns = o.metadata?.namespace ?? (o.kind === 'Namespace' ? o.metadata?.name : '') ?? '';
    for (const option of recorded.split('; ').filter((x) => x.length > 0)) {
      const key = `opt-out|${ns}|${option}`;
      if (!byKey.has(key)) byKey.set(key, { topic: 'opt-out', namespace: ns, key, subject: option, values: [], text: `${option} (recorded on ${o.kind} ${o.metadata?.name})` });
    }
  }
  return [...byKey.values()];
}
