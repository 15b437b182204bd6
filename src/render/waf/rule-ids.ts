/**
 * Allocates rule ids in a block per section (the profile uses 73000-73999).
 * @internal
 */
export class RuleIds {
  private next: number;
  constructor(private readonly first: number, private readonly last: number) {
    this.next = first;
  }
  public take(): number {
    if (this.next > this.last) {
      throw new Error(`LlmWafProfile: rule id block ${this.first}-${this.last} is exhausted (too many routes or fields).`);
    }
    return this.next++;
  }
}
