import { RESPONSE_LEAK_DETECTORS } from './detectors/detector-catalogue';
import { deny, passAndLog } from './profile-actions';
import { RuleIds } from './rule-ids';
import { comment, secRule } from './seclang';
import { WafProfileModel } from '../../model/waf-profile-model';
import { DetectorAction } from '../../options/waf/detector-action';

/**
 * Response inspection (non-streaming JSON responses): secrets leaking out (ids 73910-73949);
 * nothing when response inspection is off.
 * @internal
 */
export function responseRules(model: WafProfileModel): string[] {
  if (!model.responseInspection) return [];
  const ids = new RuleIds(73910, 73949);
  const out = [comment('Response inspection (non-streaming JSON responses): secrets leaking out.')];
  for (const cls of RESPONSE_LEAK_DETECTORS) {
    for (const sig of cls.signatures) {
      out.push(secRule({
        variables: 'RESPONSE_BODY',
        operator: sig.prefilter,
        actions: [`id:${ids.take()}`, 'phase:4', ...sig.transforms, 'pass', 'nolog'],
        chain: [{
          variables: 'MATCHED_VARS',
          operator: sig.operator,
          actions: [...sig.transforms, 'setvar:tx.llm_response_leak=1', `setvar:tx.llm_response_leak_signature=${sig.name}`],
        }],
      }));
    }
  }
  const enforce = model.responseInspection.action === DetectorAction.BLOCK ? deny(502) : passAndLog();
  out.push(secRule({
    variables: 'TX:llm_response_leak',
    operator: '@eq 1',
    actions: [`id:${ids.take()}`, 'phase:4', 't:none', ...enforce, "msg:'LLM WAF: secret in response'", "logdata:'signature %{tx.llm_response_leak_signature} (value masked)'"],
  }));
  return out;
}
