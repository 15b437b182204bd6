import { CLOUD_METADATA_CIDRS } from '../../facts/cloud-metadata-endpoints';
import { cidrContains, parseCidr } from '../../options/cidr';
import { ManifestRule, recordedOption, RuleOutcome } from '../manifest-rule';
import { RuleSeverity } from '../rule-severity';

/**
 * No NetworkPolicy egress reaches a cloud metadata endpoint. A policy that does fails, unless an
 * object of its namespace records the option that chose it (`allowCloudMetadataEndpoints`): then
 * it is a weakened control.
 * @internal
 */
export const metadataEndpointBlocked: ManifestRule = {
  id: 'SAI-NET-2',
  description: `No egress rule reaches a cloud metadata endpoint (${CLOUD_METADATA_CIDRS.join(', ')})`,
  severity: RuleSeverity.ERROR,
  explanation: 'A pod that reaches a cloud metadata endpoint can take the node\'s cloud credentials.',
  fix: 'Add the metadata addresses to the ipBlock\'s except list (the constructs do unless allowCloudMetadataEndpoints is set), or narrow the CIDR.',
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
        if (open.length === 0) return { object: p, status: 'pass', detail: 'metadata endpoints excluded' };
        // The content decides; a recorded option only turns the failure into a choice made by name.
        const option = recordedOption(objects, p.metadata?.namespace, /allowCloudMetadataEndpoints/);
        return option !== undefined
          ? { object: p, status: 'weakened', detail: `${open.join('; ')} (allowCloudMetadataEndpoints)` }
          : { object: p, status: 'fail', detail: `${open.join('; ')}: no option records that this was chosen` };
      });
  },
};
