import { WEAKENED_CONTROLS_ANNOTATION } from '../../facts/label-keys';
import { ManifestRule, podSpecOf, RuleOutcome } from '../manifest-rule';
import { RuleSeverity } from '../rule-severity';

/** The option that turns a serving namespace's quota off, as the weakened-controls annotation names it. */
const QUOTA_OPTION = 'namespaceQuota:';

/**
 * Every namespace the output creates has a ResourceQuota and a LimitRange, and its quota caps
 * every extended resource (GPUs) its workloads request: a quota limits only the resources it
 * names. A namespace without them whose objects record the option that turned them off is
 * weakened, not failed.
 * @internal
 */
export const namespaceQuota: ManifestRule = {
  id: 'SAI-QUOTA-1',
  description: 'Every namespace has a ResourceQuota and a LimitRange, and the quota caps every GPU (extended resource) its workloads request',
  severity: RuleSeverity.ERROR,
  explanation: 'Without a ResourceQuota and LimitRange, one workload can take every GPU of the cluster or open LoadBalancer and NodePort Services; a quota caps only the resources it names.',
  fix: 'Add a ResourceQuota that caps every extended resource (GPU) the namespace requests and Service types, and a LimitRange with default requests and limits.',
  evaluate(objects) {
    return objects.filter((o) => o.kind === 'Namespace').map((ns): RuleOutcome => {
      const inNamespace = objects.filter((o) => o.metadata?.namespace === ns.metadata.name);
      const quotas = inNamespace.filter((o) => o.kind === 'ResourceQuota');
      const limitRanges = inNamespace.filter((o) => o.kind === 'LimitRange');
      if (quotas.length === 0 && limitRanges.length === 0) {
        const optOut = inNamespace.flatMap((o) => String(o.metadata?.annotations?.[WEAKENED_CONTROLS_ANNOTATION] ?? '').split('; '))
          .find((option) => option.startsWith(QUOTA_OPTION));
        if (optOut !== undefined) return { object: ns, status: 'weakened', detail: `no ResourceQuota or LimitRange (${optOut}): GPUs and Service types unlimited` };
      }
      const problems: string[] = [];
      if (quotas.length === 0) problems.push('no ResourceQuota: GPUs, LoadBalancer and NodePort Services unlimited');
      if (limitRanges.length === 0) problems.push('no LimitRange: a container that declares no resources runs unbounded');
      // Object counts (`count/jobs.batch`) also have a '/': only `requests.<name>` and `<name>` cap a resource.
      const capped = new Set(quotas.flatMap((q) => Object.keys(q.spec?.hard ?? {})).filter((r) => !r.startsWith('count/')).map((r) => r.replace(/^requests\./, '')));
      const requested = new Set(inNamespace.flatMap((o) => {
        const spec = podSpecOf(o);
        return [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]
          .flatMap((c: any) => [...Object.keys(c.resources?.requests ?? {}), ...Object.keys(c.resources?.limits ?? {})]);
      }).filter((r) => r.includes('/')));
      for (const r of [...requested].sort()) if (quotas.length > 0 && !capped.has(r)) problems.push(`the quota does not cap ${r}, which its workloads request`);
      if (problems.length > 0) return { object: ns, status: 'fail', detail: problems.join('; ') };
      const gpus = [...capped].filter((r) => r.includes('/')).sort();
      return { object: ns, status: 'pass', detail: `ResourceQuota and LimitRange present; extended resources capped: ${gpus.length > 0 ? gpus.join(', ') : 'none'}` };
    });
  },
};
