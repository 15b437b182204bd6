import { readFileSync } from 'fs';
import { parse } from 'yaml';
import { CliError } from './cli-error';
import { RuleSuppression } from '../checks/rule-suppression';

/**
 * Reads a suppressions file (YAML or JSON): a list of `{ ruleId, object?, reason, expires }`.
 * The report validates each entry (known rule, a reason, a real expiry date).
 * @internal
 */
export function readSuppressions(path: string): RuleSuppression[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf-8');
  } catch {
    throw new CliError(`${path}: no such suppressions file.`);
  }
  let value: unknown;
  try {
    value = parse(text);
  } catch (e: any) {
    throw new CliError(`${path}:${e.linePos?.[0]?.line ?? 1}: unparsable YAML: ${String(e.message).split('\n')[0]}`);
  }
  const list = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as any).suppressions : value;
  if (!Array.isArray(list)) {
    throw new CliError(`${path}: expected a list of suppressions (ruleId, object, reason, expires), or a map with a "suppressions" list.`);
  }
  return list as RuleSuppression[];
}
