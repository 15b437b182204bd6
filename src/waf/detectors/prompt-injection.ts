import { DetectorClass } from './pattern-detector';

/*
 * Signatures are written for the class of attack, not for a sentence:
 * a verb of the class, a few free words, then the object of the class.
 * Input is lower-cased with runs of white space compressed; JSON escapes are
 * already decoded by the engine's JSON parser. Words may be separated by any run
 * of non-word characters (punctuation, markup, zero-width characters).
 */
const GAP = '[\\W_]+';
/** Up to n free words between two parts of a signature. */
const words = (n: number) => `(?:\\w+${GAP}){0,${n}}?`;

const OVERRIDE_VERBS = '(?:ignore|disregard|forget|override|bypass|discard|neglect|abandon|drop|skip)';
const PRIOR_QUALIFIERS = '(?:previous|prior|above|earlier|preceding|foregoing|all|any|your|the|these|those|initial|original|existing|system|developer|safety)';
const INSTRUCTION_NOUNS = '(?:instructions?|rules|guidelines|directives|directions|prompts?|guardrails|restrictions|constraints|programming|policies|context)';

const EXFIL_VERBS = '(?:print|reveal|show|repeat|output|display|tell|give|leak|dump|share|disclose|expose|recite|return|echo|write|copy|paste|spell|list|what(?:\\W?s|\\Wis|\\Ware|\\Wwere))';
const HIDDEN_QUALIFIERS = '(?:system|initial|hidden|developer|original|secret|internal|pre|preceding|confidential|starting)';
const PROMPT_NOUNS = '(?:prompts?|messages?|instructions?|directives|preamble|rules)';

const HIJACK_ROLES = '(?:dan|stan|dude|aim|unrestricted|unfiltered|uncensored|unaligned|jailbroken|jailbreak|evil|rogue|without[\\W_]+(?:any[\\W_]+)?(?:rules|restrictions|limits|filters|guidelines)|no[\\W_]+longer[\\W_]+(?:bound|restricted)|free[\\W_]+(?:from|of)[\\W_]+(?:all[\\W_]+)?(?:rules|restrictions))';

/** Prompt injection: instruction override, system prompt exfiltration, role hijack. */
export const PROMPT_INJECTION: DetectorClass = {
  key: 'prompt_injection',
  title: 'prompt injection',
  signatures: [
    {
      name: 'instruction-override',
      operator: `@rx \\b${OVERRIDE_VERBS}${GAP}${words(3)}${PRIOR_QUALIFIERS}${GAP}${words(2)}${INSTRUCTION_NOUNS}\\b`,
      transforms: ['t:none', 't:lowercase', 't:compressWhitespace'],
    },
    {
      name: 'new-instructions-marker',
      operator: `@rx (?:\\b(?:system|admin|developer|root)${GAP}override\\b|\\bnew${GAP}(?:system${GAP})?(?:instructions?|rules|directives)${GAP}?:|\\bend${GAP}of${GAP}(?:system${GAP})?(?:prompt|instructions))`,
      transforms: ['t:none', 't:lowercase', 't:compressWhitespace'],
    },
    {
      name: 'system-prompt-exfiltration',
      operator: `@rx \\b${EXFIL_VERBS}${GAP}${words(8)}(?:your|the|my|its|this|any)${GAP}${words(1)}${HIDDEN_QUALIFIERS}${GAP}?${PROMPT_NOUNS}\\b`,
      transforms: ['t:none', 't:lowercase', 't:compressWhitespace'],
    },
    {
      name: 'context-replay',
      operator: `@rx \\b(?:repeat|print|output|recite|echo|reproduce|copy)${GAP}${words(2)}(?:everything|all|text|words|content|lines?)${GAP}${words(1)}(?:above|before|preceding|prior)${GAP}(?:this|that|the|my)\\b`,
      transforms: ['t:none', 't:lowercase', 't:compressWhitespace'],
    },
    {
      name: 'role-hijack',
      operator: `@rx (?:\\byou${GAP}are${GAP}(?:now|henceforth|from${GAP}now${GAP}on)${GAP}${words(3)}${HIJACK_ROLES}\\b|\\b(?:act|behave|respond|pretend|roleplay|answer)${GAP}${words(3)}(?:as|like)${GAP}${words(3)}${HIJACK_ROLES}\\b|\\bdo${GAP}anything${GAP}now\\b|\\b(?:developer|dan|god|jailbreak|jailbroken|unrestricted|sudo)${GAP}mode\\b|\\b(?:filters?|restrictions|guardrails|safety${GAP}(?:rules|filters|guidelines)|content${GAP}polic(?:y|ies))${GAP}${words(2)}(?:disabled|removed|turned${GAP}off|switched${GAP}off|lifted|deactivated)\\b)`,
      transforms: ['t:none', 't:lowercase', 't:compressWhitespace'],
    },
    {
      name: 'chat-template-injection',
      operator: '@rx (?:<\\|(?:im_start|im_end|system|endoftext|start_header_id|eot_id)\\|>|\\[/?inst\\]|<</?sys>>)',
      transforms: ['t:none', 't:lowercase'],
    },
  ],
};
