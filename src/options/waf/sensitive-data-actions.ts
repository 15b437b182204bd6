import { DetectorAction } from './detector-action';

/**
 * What to do for each class of sensitive data found in a request.
 */
export interface SensitiveDataActions {
  /**
   * Cloud and AI-platform credentials (AWS, Google, Azure, OpenAI, Anthropic, Hugging Face).
   * @default DetectorAction.BLOCK
   */
  readonly cloudCredentials?: DetectorAction;
  /**
   * Source-control and registry tokens (GitHub, GitLab, npm).
   * @default DetectorAction.BLOCK
   */
  readonly vcsCredentials?: DetectorAction;
  /**
   * PEM and OpenSSH private keys.
   * @default DetectorAction.BLOCK
   */
  readonly privateKeys?: DetectorAction;
  /**
   * Chat platform tokens and webhooks (Slack, Discord, Telegram).
   * @default DetectorAction.BLOCK
   */
  readonly chatTokens?: DetectorAction;
  /**
   * Payment provider secret keys (Stripe, Square).
   * @default DetectorAction.BLOCK
   */
  readonly paymentTokens?: DetectorAction;
  /**
   * JSON Web Tokens.
   * @default DetectorAction.BLOCK
   */
  readonly jwts?: DetectorAction;
  /**
   * Payment card numbers (Luhn-checked, or card-shaped next to payment words).
   * @default DetectorAction.BLOCK
   */
  readonly paymentCards?: DetectorAction;
  /**
   * National identifiers (US SSN, UK National Insurance number).
   * @default DetectorAction.BLOCK
   */
  readonly nationalIds?: DetectorAction;
}
