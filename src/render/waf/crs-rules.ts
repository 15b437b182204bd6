import { WAF_PROFILE_TAG } from './profile-actions';
import { promptFieldGroups } from './prompt-fields';
import { argsNamed, comment, escapeRegex, secAction } from './seclang';
import { WafProfileModel } from '../../model/waf-profile-model';
import { CrsRuleSet } from '../../options/waf/crs-rule-set';

/**
 * The OWASP CRS setup and the profile's CRS tuning (paranoia level), which go before the
 * profile's own rules; nothing when CRS is off.
 * @internal
 */
export function crsSetup(model: WafProfileModel, ruleSet: CrsRuleSet): string[] {
  if (!model.crs) return [];
  return [
    comment('OWASP CRS setup, then the profile\'s CRS tuning (before the CRS rules).'),
    `Include ${ruleSet.setupFile}`,
    secAction([
      'id:73000', 'phase:1', 'pass', 'nolog', 't:none',
      `setvar:tx.paranoia_level=${model.paranoiaLevel}`,
      `setvar:tx.blocking_paranoia_level=${model.paranoiaLevel}`,
      `setvar:tx.detection_paranoia_level=${model.paranoiaLevel}`,
      `setvar:tx.executing_paranoia_level=${model.paranoiaLevel}`,
      `tag:${WAF_PROFILE_TAG}`,
    ]),
  ];
}

/**
 * The CRS rule files (initialisation, the kept families, blocking evaluation), then the
 * exclusion of prompt fields from every CRS rule; nothing when CRS is off.
 * @internal
 */
export function crsRules(model: WafProfileModel, ruleSet: CrsRuleSet): string[] {
  if (!model.crs) return [];
  const files = [901, ...[...new Set(model.crsFamilies.map((f) => f.number))].sort(), 949];
  return [
    comment(`OWASP CRS rules: initialisation, the kept families (${model.crsFamilies.map((f) => `${f.number} ${f.name}`).join(', ')}), blocking evaluation.`),
    files.map((n) => `Include ${ruleSet.rulesDir}/REQUEST-${n}-*.conf`).join('\n'),
    ...crsExclusions(model),
  ];
}

function crsExclusions(model: WafProfileModel): string[] {
  return [
    comment([
      'Prompt text is natural language and code: CRS families (SQLi, XSS, RCE, LFI, PHP, Java,',
      'protocol) would fire on ordinary questions, so prompt fields are excluded from every CRS',
      'rule. CRS keeps the URI, headers, cookies and all other fields.',
    ].join('\n')),
    // ModSecurity's parser does not accept "|" inside a variable regex, so there is one
    // exclusion per field, a field and its sub-fields sharing one (each exclusion is checked
    // for every CRS rule).
    ...promptFieldGroups(model.promptFields).map((r) => `SecRuleUpdateTargetByTag "OWASP_CRS" "!${argsNamed(`json\\.${r}`)}"`),
    comment([
      'URL fields of message content parts (image_url and the like, where inline media live) are part',
      'of the prompt and judged whole by the profile\'s URL rules: an http(s) URL without markup',
      'characters, or inline base64 media. CRS would read the base64 of an inline image as XSS or shell',
      'words, so these fields are excluded from CRS too; URL fields elsewhere keep CRS.',
    ].join('\n')),
    ...model.urlFields.map((f) => `SecRuleUpdateTargetByTag "OWASP_CRS" "!${argsNamed(`json\\.messages\\.[^.]+\\.content\\.[^.]+\\.${escapeRegex(f)}(?:\\.url)?`)}"`),
  ];
}
