import { RuleSuppression } from './rule-suppression';
import { ValidationError } from '../options/validation-error';

/** Where a suppression stands on a given day. @internal */
export type SuppressionState = 'active' | 'expired';

/**
 * Checks suppressions before any finding is judged: a known rule, a reason, a real date.
 * @internal
 */
export function validateSuppressions(suppressions: readonly RuleSuppression[], ruleIds: readonly string[], field = 'suppressions'): void {
  suppressions.forEach((s, i) => {
    if (!ruleIds.includes(s.ruleId)) {
      throw new ValidationError(`${field}[${i}].ruleId`, s.ruleId, `Name one of the rule pack's rules: ${ruleIds.join(', ')}.`);
    }
    if (typeof s.reason !== 'string' || s.reason.trim().length === 0) {
      throw new ValidationError(`${field}[${i}].reason`, s.reason, 'Say why the finding is accepted: reviewers read it in the report.');
    }
    if (!isDay(s.expires)) {
      throw new ValidationError(`${field}[${i}].expires`, s.expires, 'Give the last day the suppression holds as YYYY-MM-DD (e.g. 2027-03-31): every suppression expires.');
    }
    if (s.object !== undefined && (typeof s.object !== 'string' || s.object.split('/').length < 2)) {
      throw new ValidationError(`${field}[${i}].object`, s.object, 'Name the object as findings do: Kind/namespace/name, or Kind/name for a cluster-scoped object; or leave it out for every object.');
    }
  });
}

/** The suppression that covers a finding, if any. @internal */
export function suppressionFor(suppressions: readonly RuleSuppression[], ruleId: string, object: string): RuleSuppression | undefined {
  return suppressions.find((s) => s.ruleId === ruleId && (s.object === undefined || s.object === object));
}

/** Active through its `expires` day; expired from the day after. @internal */
export function suppressionState(s: RuleSuppression, asOf: string): SuppressionState {
  return asOf <= s.expires ? 'active' : 'expired';
}

/** `YYYY-MM-DD` of a real calendar day. @internal */
export function isDay(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
