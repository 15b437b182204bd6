/**
 * Small helpers that write SecLang (ModSecurity v3 / Coraza) text.
 * Everything they produce uses the subset both engines accept: PCRE and RE2
 * compatible regular expressions (no look-around, no back-references).
 */

/**
 * A regex written `^...$` (as JavaScript also reads it) anchored at the start and the end of the
 * whole value instead (`\\A...\\z`): both engines compile `@rx` multi-line, where `^` and `$` also
 * match at a line break inside the value. @internal
 */
export function wholeValueRegex(regex: string): string {
  if (!regex.startsWith('^') || !regex.endsWith('$') || regex.endsWith('\\$')) {
    throw new Error(`wholeValueRegex: ${JSON.stringify(regex)} is not anchored as ^...$`);
  }
  return `\\A${regex.slice(1, -1)}\\z`;
}

/**
 * The arguments whose whole name matches `nameRegex` (unanchored), as a variable selector:
 * `ARGS:/\\A<nameRegex>\\z/`. libmodsecurity compiles a selector's regex multi-line, so with
 * `^...$` a JSON key holding a line break (`"x\\njson.prompt"`, `"input\\nx"`) would match on one
 * of its lines: an exclusion (`!ARGS:/.../`) would then let any field's value past CRS. `\\A` and
 * `\\z` hold on every engine whatever the flags. No "|" inside: ModSecurity's parser refuses it.
 * @param suffixOnly match the end of the name only (`ARGS:/<nameRegex>\\z/`, e.g. `\\.image_url`)
 * @internal
 */
export function argsNamed(nameRegex: string, suffixOnly = false): string {
  if (nameRegex.includes('|')) throw new Error(`argsNamed: ${JSON.stringify(nameRegex)} has a "|", which ModSecurity's parser refuses in a variable regex`);
  return `ARGS:/${suffixOnly ? '' : '\\A'}${nameRegex}\\z/`;
}

/** Escapes a literal for use inside a regular expression. */
export function escapeRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/-]/g, (c) => `\\${c}`).replace(/"/g, '\\x22');
}

/** Text that may stand in a quoted action value (msg, logdata, tag). */
export function actionText(text: string): string {
  return text.replace(/['"\\]/g, '').replace(/[\r\n]+/g, ' ');
}

/** Options of one SecRule. */
export interface SecRuleSpec {
  readonly variables: string;
  readonly operator: string;
  readonly actions: string[];
  /** Further rules chained to this one. */
  readonly chain?: SecRuleSpec[];
}

function quoteOperator(operator: string): string {
  if (/[\r\n]/.test(operator)) {
    throw new Error(`SecLang operator must be one line: ${JSON.stringify(operator)}`);
  }
  return operator.replace(/"/g, '\\"');
}

/** Renders one SecRule (with its chain) as text, one action per line. */
export function secRule(spec: SecRuleSpec): string {
  const parts: string[] = [];
  const all = [spec, ...(spec.chain ?? [])];
  all.forEach((rule, i) => {
    const actions = [...rule.actions];
    if (i < all.length - 1) actions.push('chain');
    const indent = i === 0 ? '' : '  ';
    const head = `${indent}SecRule ${rule.variables} "${quoteOperator(rule.operator)}"`;
    if (actions.length === 0) {
      parts.push(head);
    } else {
      parts.push(`${head} \\\n${indent}  "${actions.join(`,\\\n${indent}  `)}"`);
    }
  });
  return parts.join('\n');
}

/** Renders a SecAction. */
export function secAction(actions: string[]): string {
  return `SecAction \\\n  "${actions.join(',\\\n  ')}"`;
}

/** A `#` comment block. */
export function comment(text: string): string {
  return text.split('\n').map((l) => (l ? `# ${l}` : '#')).join('\n');
}
