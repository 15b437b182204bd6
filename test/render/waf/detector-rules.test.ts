import { WafProfileModel } from '../../../src/model/waf-profile-model';
import { DetectorAction } from '../../../src/options/waf/detector-action';
import { candidateOperator, detectorRules, unionOperator } from '../../../src/render/waf/detector-rules';
import { REQUEST_DETECTORS } from '../../../src/render/waf/detectors/detector-catalogue';
import { PatternSignature } from '../../../src/render/waf/detectors/pattern-detector';
import { PROMPT_INJECTION_SIGNATURES } from '../../../src/render/waf/detectors/prompt-injection';

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
    const rule = ruleOf('system-prompt-extraction');
    const operators = [...rule.matchAll(/^ *SecRule (\S+) "(@\w+)/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(operators).toStrictEqual(['ARGS @pm', 'MATCHED_VARS @pm', 'MATCHED_VARS @rx']);
  });

  test('a signature with a screen runs it after the gate and before its regex, on the fields the gate let through', () => {
    const rule = ruleOf('instruction-override');
    const operators = [...rule.matchAll(/^ *SecRule (\S+) "(@\w+)/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(operators).toStrictEqual(['ARGS @pm', 'MATCHED_VARS @pm', 'MATCHED_VARS @rx', 'MATCHED_VARS @rx']);
    const override = PROMPT_INJECTION_SIGNATURES.find((s) => s.name === 'instruction-override')!;
    const regexes = [...rule.matchAll(/^ *SecRule MATCHED_VARS "(@rx [^\n]*)" \\$/gm)].map((m) => m[1].replace(/\\"/g, '"'));
    expect(regexes).toHaveLength(2);
    expect(regexes[0]).toBe(override.screen);
    expect(regexes[1]).toBe(override.operator);
  });

  test('on automata (a union pass first) the screen is left out: the union replaces the prefilters', () => {
    const automata = detectorRules(model, true, true).join('\n');
    const override = PROMPT_INJECTION_SIGNATURES.find((s) => s.name === 'instruction-override')!;
    expect(automata).not.toContain(override.screen!);
  });

  test('a signature without a second gate runs its regex right after the prefilter', () => {
    const rule = ruleOf('role-marker');
    const operators = [...rule.matchAll(/^ *SecRule (\S+) "(@\w+)/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(operators).toStrictEqual(['ARGS @pm', 'MATCHED_VARS @rx']);
  });
});

describe('unionOperator', () => {
  const sig = (operator: string, transforms = ['t:none']): PatternSignature => ({ name: 'x', operator, transforms, prefilter: '@pm x' });

  test('joins the signatures, keeping each one\'s case sensitivity in its own group', () => {
    expect(unionOperator([sig('@rx \\bAKIA[A-Z0-9]{16}'), sig('@rx (?i)aws.{0,20}secret')]))
      .toBe('@rx (?:(?:\\bAKIA[A-Z0-9]{16})|(?i:aws.{0,20}secret))');
    expect(unionOperator([sig('@rx (?i)ignore')])).toBe('@rx (?i:ignore)');
  });

  test('has no union for an operator other than @rx or for transformed fields', () => {
    expect(unionOperator([sig('@rx a'), sig('@verifyCC \\d{16}')])).toBeUndefined();
    expect(unionOperator([sig('@rx a'), sig('@rx b', ['t:lowercase'])])).toBeUndefined();
    expect(unionOperator([])).toBeUndefined();
  });
});

describe('detectorRules on an engine whose regexes are automata', () => {
  const model = {
    detectors: [{ key: 'cloud_credentials', action: DetectorAction.BLOCK }, { key: 'national_ids', action: DetectorAction.BLOCK },
      { key: 'prompt_injection', action: DetectorAction.BLOCK }],
  } as unknown as WafProfileModel;
  const rules = detectorRules(model, false, true);
  const operators = (rule: string) => [...rule.matchAll(/^ *SecRule (\S+) "(@\w+)/gm)].map((m) => `${m[1]} ${m[2]}`);

  test('one union pass over every field flags the prompt-injection candidates, and each signature runs only on a candidate', () => {
    const union = rules.filter((r) => r.includes('setvar:tx.llm_candidate_phrases=1'));
    expect(union).toHaveLength(1);
    expect(operators(union[0])).toStrictEqual(['ARGS @rx']);
    for (const s of PROMPT_INJECTION_SIGNATURES) expect(union[0]).toContain(s.operator.slice('@rx (?i)'.length).replace(/"/g, '\\"'));
    const signatures = rules.filter((r) => r.includes('llm_prompt_injection_signature='));
    expect(signatures).toHaveLength(PROMPT_INJECTION_SIGNATURES.length);
    for (const r of signatures) expect(operators(r)).toStrictEqual(['TX:llm_candidate_phrases @eq', 'ARGS @rx']);
  });

  test('a token group\'s prefilter hits are narrowed by the union of its signatures before the candidate flag is set', () => {
    const candidate = rules.find((r) => r.includes('setvar:tx.llm_candidate_tokens=1'))!;
    expect(operators(candidate)).toStrictEqual(['ARGS @pm', 'MATCHED_VARS @rx']);
    expect(candidate.indexOf('setvar:tx.llm_candidate_tokens=1')).toBeGreaterThan(candidate.indexOf('MATCHED_VARS'));
    const numbers = rules.find((r) => r.includes('setvar:tx.llm_candidate_numbers=1'))!;
    expect(operators(numbers)).toStrictEqual(['ARGS @validateByteRange', 'MATCHED_VARS @rx']);
    expect(numbers).toContain('(?i:\\b(?:ssn|social security');
  });

  test('one pass of every group\'s signatures joined comes first, and a request it does not match skips the groups\' passes', () => {
    const all = rules.findIndex((r) => r.includes('setvar:tx.llm_candidate=1'));
    expect(operators(rules[all])).toStrictEqual(['ARGS @rx']);
    for (const key of ['cloud_credentials', 'national_ids', 'prompt_injection'] as const) {
      for (const s of REQUEST_DETECTORS[key].signatures) {
        const rx = s.operator.slice('@rx '.length);
        expect(rules[all]).toContain((rx.startsWith('(?i)') ? `(?i:${rx.slice(4)})` : `(?:${rx})`).replace(/"/g, '\\"'));
      }
    }
    expect(operators(rules[all + 1])).toStrictEqual(['&TX:llm_candidate @eq']);
    expect(rules[all + 1]).toContain('skipAfter:LLM_WAF_END_DETECTOR_CANDIDATES');
    const marker = rules.indexOf('SecMarker "LLM_WAF_END_DETECTOR_CANDIDATES"');
    const groups = ['tokens', 'numbers', 'phrases'].map((g) => rules.findIndex((r) => r.includes(`setvar:tx.llm_candidate_${g}=1`)));
    for (const g of groups) expect(g).toBeGreaterThan(all + 1);
    expect(marker).toBeGreaterThan(Math.max(...groups));
    expect(marker).toBeLessThan(rules.findIndex((r) => r.includes('setvar:tx.llm_prompt_injection=1')));
  });

  test('a backtracking engine keeps a prefilter per signature and no union pass', () => {
    const pcre = detectorRules(model, true, false);
    expect(pcre.some((r) => r.includes('llm_candidate_phrases'))).toBe(false);
    expect(pcre.some((r) => r.includes('setvar:tx.llm_candidate=1') || r.includes('SecMarker'))).toBe(false);
    expect(operators(pcre.find((r) => r.includes('setvar:tx.llm_candidate_tokens=1'))!)).toStrictEqual(['ARGS @pm']);
  });
});
