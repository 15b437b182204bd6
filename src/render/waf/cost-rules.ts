import { deny } from './profile-actions';
import { anyRouteTakesMultipart } from './route-content-types';
import { RuleIds } from './rule-ids';
import { comment, escapeRegex, secRule } from './seclang';
import { WafProfileModel } from '../../model/waf-profile-model';
import { WafRenderContext } from '../../options/waf/waf-render-context';

/**
 * Cost fields: non-negative integers under their caps; the model allow-list, also on the `model`
 * field of multipart forms when a route takes them (ids 73200-73299).
 * @internal
 */
export function costRules(model: WafProfileModel, context: WafRenderContext): string[] {
  const ids = new RuleIds(73200, 73299);
  const out = [comment('Cost fields: integers under their caps; model allow-list.')];
  for (const cap of model.costFieldCaps) {
    out.push(secRule({
      variables: `ARGS:json.${cap.field}`,
      operator: '!@rx \\A(?:[0-9]{1,9}|null)?\\z',
      actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...deny(400), `msg:'LLM WAF: ${cap.field} must be a non-negative integer'`],
    }));
    out.push(secRule({
      variables: `ARGS:json.${cap.field}`,
      operator: `@gt ${cap.max}`,
      actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...deny(400), `msg:'LLM WAF: ${cap.field} above the cap of ${cap.max}'`, "logdata:'%{MATCHED_VAR}'"],
    }));
  }
  if (model.allowedModels) {
    out.push(secRule({
      variables: anyRouteTakesMultipart(context) ? 'ARGS:json.model|ARGS_POST:model' : 'ARGS:json.model',
      operator: `!@rx \\A(?:${model.allowedModels.map(escapeRegex).join('|')})\\z`,
      actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...deny(400), "msg:'LLM WAF: model not served'", "logdata:'%{MATCHED_VAR}'"],
    }));
  }
  return out;
}
