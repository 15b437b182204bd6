import { WafProfileModel } from '../../../src/model/waf-profile-model';
import { DetectorAction } from '../../../src/options/waf/detector-action';
import { candidateOperator, detectorRules } from '../../../src/render/waf/detector-rules';

describe('candidateOperator', () => {
  test('@pm prefilters merge into one word list', () => {
    expect(candidateOperator(['@pm akia asia', '@pm hf_ akia'])).toBe('@pm akia asia hf_');
  });

  test('a regex prefilter turns the union into one case-insensitive alternation', () => {
    expect(candidateOperator(['@rx [0-9]{4}', '@pm ssn'])).toBe('@rx (?i)(?:[0-9]{4}|(?:ssn))');
    expect(candidateOperator(['@rx [0-9]{4}'])).toBe('@rx (?:[0-9]{4})');
  });
});

describe('detectorRules', () => {
  // Only the detectors list is read by detectorRules.
  const model = { detectors: [{ key: 'prompt_injection', action: DetectorAction.BLOCK }] } as unknown as WafProfileModel;
  const rules = detectorRules(model, true);
  const ruleOf = (signature: string) => rules.find((r) => r.includes(`signature=${signature}"`))!;

  test('a signature with a second gate runs it on the prefilter\'s fields before its regex', () => {
    const rule = ruleOf('instruction-override');
    const operators = [...rule.matchAll(/^ *SecRule (\S+) "(@\w+)/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(operators).toStrictEqual(['ARGS @pm', 'MATCHED_VARS @pm', 'MATCHED_VARS @rx']);
  });

  test('a signature without a second gate runs its regex right after the prefilter', () => {
    const rule = ruleOf('role-marker');
    const operators = [...rule.matchAll(/^ *SecRule (\S+) "(@\w+)/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(operators).toStrictEqual(['ARGS @pm', 'MATCHED_VARS @rx']);
  });
});
