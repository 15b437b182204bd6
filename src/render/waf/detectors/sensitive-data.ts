import { DetectorClass } from './pattern-detector';

/**
 * No transformation: case-insensitive signatures say so with `(?i)`. A `t:lowercase` copy of a
 * long prompt costs more than the match itself (libmodsecurity 3.0.9 lowercases per character
 * through the C++ locale).
 */
const CASE_SENSITIVE = ['t:none'];

/** Cloud provider and AI platform credentials. */
export const CLOUD_CREDENTIALS: DetectorClass = {
  key: 'cloud_credentials',
  group: 'tokens',
  title: 'cloud credential',
  signatures: [
    { name: 'aws-access-key-id', prefilter: '@pm akia asia abia acca a3t', operator: '@rx \\b((?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16})\\b', transforms: CASE_SENSITIVE },
    { name: 'aws-secret-access-key', prefilter: '@pm aws', operator: '@rx (?i)aws.{0,20}secret.{0,30}\\b[A-Za-z0-9/+]{40}\\b', transforms: CASE_SENSITIVE },
    { name: 'google-api-key', prefilter: '@pm aiza', operator: '@rx \\b(AIza)[0-9A-Za-z_-]{35}', transforms: CASE_SENSITIVE },
    { name: 'gcp-service-account-key', prefilter: '@pm private_key_id', operator: '@rx \\x22private_key_id\\x22\\s*:\\s*\\x22[0-9a-f]{40}', transforms: CASE_SENSITIVE },
    { name: 'azure-storage-key', prefilter: '@pm accountkey=', operator: '@rx (?i)AccountKey=[A-Za-z0-9+/]{86}==', transforms: CASE_SENSITIVE },
    { name: 'openai-api-key', prefilter: '@pm t3blbkfj', operator: '@rx \\b(sk-(?:proj-|svcacct-|admin-)?)[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}', transforms: CASE_SENSITIVE },
    { name: 'anthropic-api-key', prefilter: '@pm sk-ant-', operator: '@rx \\b(sk-ant-)(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{80,}', transforms: CASE_SENSITIVE },
    { name: 'huggingface-token', prefilter: '@pm hf_', operator: '@rx \\b(hf_)[A-Za-z0-9]{34,}\\b', transforms: CASE_SENSITIVE },
  ],
};

/** Source-control and package-registry tokens. */
export const VCS_CREDENTIALS: DetectorClass = {
  key: 'vcs_credentials',
  group: 'tokens',
  title: 'source-control token',
  signatures: [
    { name: 'github-token', prefilter: '@pm ghp_ gho_ ghu_ ghs_ ghr_', operator: '@rx \\b(gh[pousr]_)[A-Za-z0-9]{36,255}\\b', transforms: CASE_SENSITIVE },
    { name: 'github-fine-grained-token', prefilter: '@pm github_pat_', operator: '@rx \\b(github_pat_)[A-Za-z0-9_]{60,}', transforms: CASE_SENSITIVE },
    { name: 'gitlab-token', prefilter: '@pm glpat- gldt- glptt- glrt-', operator: '@rx \\b(gl(?:pat|dt|ptt|rt)-)[A-Za-z0-9_-]{20,}', transforms: CASE_SENSITIVE },
    { name: 'npm-token', prefilter: '@pm npm_', operator: '@rx \\b(npm_)[A-Za-z0-9]{36}\\b', transforms: CASE_SENSITIVE },
  ],
};

/** Private keys in PEM or OpenSSH form. */
export const PRIVATE_KEYS: DetectorClass = {
  key: 'private_keys',
  group: 'tokens',
  title: 'private key',
  signatures: [
    { name: 'pem-private-key', prefilter: '@pm -----begin', operator: '@rx -----BEGIN[ A-Z0-9]{0,20}PRIVATE KEY(?: BLOCK)?-----', transforms: CASE_SENSITIVE },
  ],
};

/** Chat platform tokens and webhooks. */
export const CHAT_TOKENS: DetectorClass = {
  key: 'chat_tokens',
  group: 'tokens',
  title: 'chat platform token',
  signatures: [
    { name: 'slack-token', prefilter: '@pm xoxa- xoxb- xoxp- xoxo- xoxs- xoxr- xoxe-', operator: '@rx \\b(xox[abposre]-)[0-9A-Za-z-]{10,}', transforms: CASE_SENSITIVE },
    { name: 'slack-webhook', prefilter: '@pm hooks.slack.com', operator: '@rx hooks\\.slack\\.com/(?:services|workflows)/[A-Za-z0-9/_-]{20,}', transforms: CASE_SENSITIVE },
    { name: 'discord-webhook', prefilter: '@pm /api/webhooks/', operator: '@rx discord(?:app)?\\.com/api/webhooks/[0-9]{15,}/[A-Za-z0-9_-]{30,}', transforms: CASE_SENSITIVE },
    { name: 'telegram-bot-token', prefilter: '@pm :aa', operator: '@rx \\b[0-9]{8,10}:AA[0-9A-Za-z_-]{33}\\b', transforms: CASE_SENSITIVE },
  ],
};

/** Payment-provider secret keys. */
export const PAYMENT_TOKENS: DetectorClass = {
  key: 'payment_tokens',
  group: 'tokens',
  title: 'payment provider key',
  signatures: [
    { name: 'stripe-secret-key', prefilter: '@pm sk_live_ sk_test_ rk_live_ rk_test_', operator: '@rx \\b([sr]k_(?:live|test)_)[0-9A-Za-z]{16,}', transforms: CASE_SENSITIVE },
    { name: 'square-token', prefilter: '@pm sq0atp- sq0csp-', operator: '@rx \\b(sq0(?:atp|csp)-)[0-9A-Za-z_-]{22,}', transforms: CASE_SENSITIVE },
  ],
};

/** JSON Web Tokens (three base64url segments, the first two JSON objects). */
export const JWTS: DetectorClass = {
  key: 'jwts',
  group: 'tokens',
  title: 'JSON Web Token',
  signatures: [
    { name: 'jwt', prefilter: '@pm eyj', operator: '@rx \\b(eyJ)[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}', transforms: CASE_SENSITIVE },
  ],
};

/** A card-number shape: 13 to 19 digits, plain or grouped 4-4-4-x / 4-6-5 by spaces or dashes. */
const CARD_SHAPE = '(?:[2-6][0-9]{12,18}|[2-6][0-9]{3}(?:[ -][0-9]{4}){2}[ -][0-9]{1,7}|3[0-9]{3}[ -][0-9]{6}[ -][0-9]{4,5})';

/**
 * Payment card numbers: Luhn-checked anywhere (`@verifyCC`), and card-shaped numbers
 * next to payment words (cards that fail Luhn are still card data when the sender says so).
 */
export const PAYMENT_CARDS: DetectorClass = {
  key: 'payment_cards',
  group: 'numbers',
  title: 'payment card number',
  signatures: [
    { name: 'card-number-luhn', prefilter: '@rx [0-9][0-9 -]{11,22}[0-9]', operator: `@verifyCC \\b${CARD_SHAPE}\\b`, transforms: CASE_SENSITIVE },
    {
      name: 'card-number-in-payment-context',
      prefilter: '@rx [0-9]{4}[ -]?[0-9]{4}',
      operator: `@rx (?i)\\b(?:card|visa|master ?card|amex|american express|discover|jcb|diners|maestro|credit|debit|cc|pan|payment)\\b[^0-9]{0,40}\\b${CARD_SHAPE}\\b`,
      transforms: CASE_SENSITIVE,
    },
  ],
};

/** National identifiers: US SSN (dashed, or undashed next to the word), UK NINO. */
export const NATIONAL_IDS: DetectorClass = {
  key: 'national_ids',
  group: 'numbers',
  title: 'national identifier',
  signatures: [
    {
      name: 'us-ssn',
      prefilter: '@rx [0-9]{3}-[0-9]{2}-[0-9]{4}',
      operator: '@rx \\b(?:00[1-9]|0[1-9][0-9]|[1-578][0-9]{2}|6[0-57-9][0-9]|66[0-57-9])-(?:0[1-9]|[1-9][0-9])-(?:000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})\\b',
      transforms: CASE_SENSITIVE,
    },
    {
      name: 'us-ssn-in-context',
      prefilter: '@rx [0-9]{3}[ .]?[0-9]{2}[ .]?[0-9]{4}',
      operator: '@rx (?i)\\b(?:ssn|social security(?: number| no)?)\\b[^0-9]{0,20}\\b[0-8][0-9]{2}[ .]?[0-9]{2}[ .]?[0-9]{4}\\b',
      transforms: CASE_SENSITIVE,
    },
    {
      name: 'uk-nino',
      prefilter: '@rx [0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D]',
      operator: '@rx \\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D]\\b',
      transforms: CASE_SENSITIVE,
    },
  ],
};
