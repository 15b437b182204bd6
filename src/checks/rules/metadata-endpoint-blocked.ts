import { CLOUD_METADATA_CIDRS } from '../../facts/cloud-metadata-endpoints';
import { cidrContains, parseCidr } from '../../options/cidr';
import { ManifestRule, RuleOutcome } from '../manifest-rule';

/** No NetworkPolicy egress reaches a cloud metadata endpoint. @internal */
export const metadataEndpointBlocked: ManifestRule = {
  id: 'SAI-NET-2',
  description: `No egress rule reaches a cloud metadata endpoint (${CLOUD_METADATA_CIDRS.join(', ')})`,
  evaluate(objects) {
    const metadata = CLOUD_METADATA_CIDRS.map((c) => parseCidr('metadata', c));
    return objects.filter((o) => o.kind === 'NetworkPolicy' && (o.spec?.egress ?? []).some((e: any) => (e.to ?? []).some((t: any) => t.ipBlock)))
      .map((p): RuleOutcome => {
        const open: string[] = [];
        for (const e of p.spec.egress) {
          for (const t of e.to ?? []) {
            if (!t.ipBlock) continue;
            const range = parseCidr('cidr', t.ipBlock.cidr);
            const except = (t.ipBlock.except ?? []).map((x: string) => parseCidr('except', x));
            for (const m of metadata) {
              if (cidrContains(range, m) && !except.some((x: any) => cidrContains(x, m))) open.push(`${t.ipBlock.cidr} reaches ${m.text}`);
            }
          }
        }
        return open.length > 0
          ? { object: p, status: 'weakened', detail: `${open.join('; ')} (allowCloudMetadataEndpoints)` }
          : { object: p, status: 'pass', detail: 'metadata endpoints excluded' };
      });
  },
};
