import { DetectorClass, PatternSignature } from './pattern-detector';

/*
 * Signatures are written for the class of attack, not for a sentence: a verb of the class,
 * a few free words, then the object of the class. Matching is case-insensitive (`(?i)`, no
 * transformation copy); JSON escapes are already decoded by the engine's JSON parser. Words may
 * be separated by any run of non-word characters (white space, punctuation, markup, zero-width
 * characters).
 * Each signature has a `@pm` prefilter listing words one of which every match contains.
 */
const GAP = '[\\W_]+';
/** Up to n free words between two parts of a signature. */
const words = (n: number) => `(?:\\w+${GAP}){0,${n}}?`;
const T = ['t:none'];

const OVERRIDE_VERBS = ['ignore', 'disregard', 'forget', 'override', 'bypass', 'discard', 'neglect', 'abandon', 'drop', 'skip'];
const PRIOR_QUALIFIERS = '(?:previous|prior|above|earlier|preceding|foregoing|all|any|your|the|these|those|initial|original|existing|system|developer|safety)';
const INSTRUCTION_NOUNS = '(?:instructions?|rules?|guidelines?|directives?|directions?|prompts?|guardrails?|restrictions?|constraints?|programming|polic(?:y|ies)|context)';

const EXFIL_VERBS = '(?:print|reveal|show|repeat|output|display|tell|give|leak|dump|share|disclose|expose|recite|return|echo|write|copy|paste|spell|list|what(?:\\W?s|\\Wis|\\Ware|\\Wwere))';
const HIDDEN_QUALIFIERS = ['system', 'initial', 'hidden', 'developer', 'original', 'secret', 'internal', 'preceding', 'confidential', 'starting'];
const PROMPT_NOUNS = '(?:prompts?|messages?|instructions?|directives?|preamble|rules?)';

const HIJACK_ROLE_WORDS = ['dan', 'stan', 'dude', 'aim', 'unrestricted', 'unfiltered', 'uncensored', 'unaligned', 'jailbr', 'evil', 'rogue', 'without', 'longer', 'free'];
const HIJACK_ROLES = '(?:dan|stan|dude|aim|unrestricted|unfiltered|uncensored|unaligned|jailbroken|jailbreak|evil|rogue|without[\\W_]+(?:any[\\W_]+)?(?:rules|restrictions|limits|filters|guidelines)|no[\\W_]+longer[\\W_]+(?:bound|restricted)|free[\\W_]+(?:from|of)[\\W_]+(?:all[\\W_]+)?(?:rules|restrictions))';
const ROLE_VERBS = ['act', 'behave', 'respond', 'pretend', 'roleplay', 'answer'];
const LIFTED = ['disabled', 'removed', 'turned', 'switched', 'lifted', 'deactivated'];

const sig = (name: string, prefilterWords: string[], regex: string, transforms = T): PatternSignature => ({
  name, prefilter: `@pm ${prefilterWords.join(' ')}`, operator: `@rx ${regex}`, transforms,
});

const PHRASES: PatternSignature[] = [
  sig('instruction-override', OVERRIDE_VERBS,
    `(?:${OVERRIDE_VERBS.join('|')})${GAP}${words(3)}${PRIOR_QUALIFIERS}${GAP}${words(2)}${INSTRUCTION_NOUNS}\\b`),
  sig('override-marker', ['override'], `(?:system|admin|developer|root|safety)${GAP}override\\b`),
  sig('new-instructions-marker', ['instruction', 'rules', 'directive'],
    `new${GAP}(?:system${GAP})?(?:instructions?|rules|directives)${GAP}?:`),
  sig('end-of-prompt-marker', ['prompt', 'instruction'], `end${GAP}of${GAP}(?:the${GAP})?(?:system${GAP})?(?:prompt|instructions)\\b`),
  sig('system-prompt-exfiltration', HIDDEN_QUALIFIERS,
    `${EXFIL_VERBS}${GAP}${words(8)}(?:your|the|my|its|this|any)${GAP}${words(1)}(?:${HIDDEN_QUALIFIERS.join('|')})${GAP}${PROMPT_NOUNS}\\b`),
  sig('context-replay', ['above', 'before', 'preceding', 'prior'],
    `(?:repeat|print|output|recite|echo|reproduce|copy)${GAP}${words(2)}(?:everything|all|text|words|content|lines?)${GAP}${words(1)}(?:above|before|preceding|prior)${GAP}(?:this|that|the|my)\\b`),
  sig('role-hijack-you-are-now', HIJACK_ROLE_WORDS,
    `you${GAP}are${GAP}(?:now|henceforth|from${GAP}now${GAP}on)${GAP}${words(3)}${HIJACK_ROLES}\\b`),
  sig('role-hijack-act-as', HIJACK_ROLE_WORDS,
    `(?:${ROLE_VERBS.join('|')})${GAP}${words(3)}(?:as|like)${GAP}${words(3)}${HIJACK_ROLES}\\b`),
  sig('do-anything-now', ['anything'], `do${GAP}anything${GAP}now\\b`),
  sig('jailbreak-mode', ['developer', 'dan', 'god', 'jailbr', 'unrestricted', 'sudo'], `(?:developer|dan|god|jailbreak|jailbroken|unrestricted|sudo)${GAP}mode\\b`),
  sig('safety-disabled', LIFTED,
    `(?:filters?|restrictions|guardrails|safety${GAP}(?:rules|filters|guidelines)|content${GAP}polic(?:y|ies))${GAP}${words(2)}(?:disabled|removed|turned${GAP}off|switched${GAP}off|lifted|deactivated)\\b`),
];

/**
 * The phrase signatures above, each starting at a word boundary, combined into one regular
 * expression: one pass over each field instead of one per signature (ModSecurity's cost per rule
 * and field dominates on long prompts).
 */
export const PROMPT_INJECTION_PHRASE_SIGNATURES = PHRASES;

const CHAT_TEMPLATE_TOKENS = '<\\|(?:im_start|im_end|system|endoftext|start_header_id|eot_id)\\|>|\\[/?inst\\]|<</?sys>>';

/**
 * Prompt injection: instruction override, system prompt exfiltration, role hijack, and chat
 * template tokens smuggled into content. One combined, case-insensitive regular expression:
 * one pass over each field (ModSecurity's cost per rule and field dominates on long prompts).
 */
export const PROMPT_INJECTION: DetectorClass = {
  key: 'prompt_injection',
  title: 'prompt injection',
  group: 'phrases',
  signatures: [
    {
      name: 'prompt-injection-phrase-or-template-token',
      prefilter: `@pm ${[...new Set(PHRASES.flatMap((p) => p.prefilter.slice(4).split(' ')))].join(' ')} <| [inst [/inst <<sys <</sys`,
      operator: `@rx (?i)(?:\\b(?:${PHRASES.map((p) => p.operator.slice(4)).join('|')})|${CHAT_TEMPLATE_TOKENS})`,
      transforms: T,
    },
  ],
};
