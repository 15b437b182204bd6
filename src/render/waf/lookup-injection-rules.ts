import { deny } from './profile-actions';
import { promptFieldRegex } from './prompt-fields';
import { RuleIds } from './rule-ids';
import { argsNamed, comment, secRule } from './seclang';
import { WafProfileModel } from '../../model/waf-profile-model';

/**
 * JNDI / lookup injection (Log4Shell) in the URI, headers, cookies and non-prompt fields
 * (ids 73900-73909). CRS 4 has it (944150); the CRS 3.3 packaged by Debian does not, so the
 * profile carries it.
 * @internal
 */
export function lookupInjectionRules(model: WafProfileModel): string[] {
  const ids = new RuleIds(73900, 73909);
  const notPrompt = model.promptFields.map((f) => `!${argsNamed(`json\\.${promptFieldRegex(f)}`)}`).join('|');
  return [
    comment('Lookup injection (Log4Shell) outside prompt text.'),
    secRule({
      variables: `REQUEST_URI|REQUEST_HEADERS|REQUEST_COOKIES|ARGS_NAMES|ARGS|${notPrompt}`,
      operator: '@rx \\$\\{(?:[^}]{0,20}\\$\\{|[^}]{0,20}(?:jndi|ldaps?|rmi|dns|iiop|corba|nds|nis|lower|upper|env|sys|date|java|main|base64|bundle|ctx|spring|k8s|docker|web|log4j|marker)\\s*:)',
      actions: [`id:${ids.take()}`, 'phase:2', 't:none', 't:urlDecodeUni', 't:lowercase', ...deny(403), "msg:'LLM WAF: lookup (JNDI) injection'", "logdata:'%{MATCHED_VAR_NAME}'"],
    }),
  ];
}
