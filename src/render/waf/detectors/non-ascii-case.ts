/*
 * Case outside ASCII. The engines read `(?i)` differently beyond ASCII: Go's regexp and RE2 (Coraza,
 * coraza-proxy-wasm) fold every Unicode letter, while libmodsecurity's PCRE runs without UTF mode
 * and folds ASCII letters only, so "RÉPÈTE" matched `répète` on Coraza and not on ModSecurity.
 * The signatures therefore spell both cases of each letter beyond ASCII themselves, which every
 * engine reads the same way. (`@pm` cannot: Coraza lowers its words, then compares ASCII letters
 * only without case, so a word beyond ASCII never finds its capitals there; `@pm` words stay ASCII.)
 */

/** A letter beyond ASCII with an upper and a lower case of one code point each, as [lower, upper]. */
function casePair(ch: string): [string, string] | undefined {
  if (ch.codePointAt(0)! < 0x80) return undefined;
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  if (lower === upper || [...lower].length !== 1 || [...upper].length !== 1) return undefined;
  return [lower, upper];
}

/**
 * The regex with every letter beyond ASCII written as `(?:lower|UPPER)`, outside character
 * classes. A class holding such a letter is refused: PCRE without UTF mode reads its bytes one by
 * one, so no spelling there matches the same on every engine.
 * @internal
 */
export function foldNonAsciiCase(regex: string): string {
  let out = '';
  let inClass = false;
  const chars = [...regex];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === '\\') {
      out += ch + (chars[i + 1] ?? '');
      i++;
      continue;
    }
    const pair = casePair(ch);
    if (inClass) {
      if (pair) {
        throw new Error(`the regex ${JSON.stringify(regex)} holds "${ch}" in a character class: PCRE without UTF mode reads it byte by byte; `
          + `write an alternation (?:${pair[0]}|${pair[1]}) outside the class instead`);
      }
      if (ch === ']') inClass = false;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      // a ']' right after '[' or '[^' is a literal
      if (chars[i + 1] === '^') out += chars[++i];
      if (chars[i + 1] === ']') out += chars[++i];
      continue;
    }
    out += pair ? `(?:${pair[0]}|${pair[1]})` : ch;
  }
  return out;
}
