/**
 * The error every invalid option raises at synthesis, before any manifest is written.
 *
 * The message always names the option (`field`), the value received and how to fix it.
 * Not part of the jsii API (jsii cannot export Error subclasses): callers match on `name`
 * being `ValidationError` or on the message.
 * @internal
 */
export class ValidationError extends Error {
  private static show(value: unknown): string {
    if (value === undefined) return 'undefined';
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }

  /** The option that is invalid, as a path from the construct's props (e.g. `egress[1].cidr`). */
  public readonly field: string;

  constructor(field: string, value: unknown, fix: string) {
    super(`Invalid ${field}: ${ValidationError.show(value)}. ${fix}`);
    this.name = 'ValidationError';
    this.field = field;
  }
}
