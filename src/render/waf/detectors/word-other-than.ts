/** ASCII word characters, lower case: what `\w` matches under `(?i)` on PCRE without UTF mode and on RE2. */
const WORD_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789_';

interface TrieNode { end: boolean; next: Map<string, TrieNode> }

/** A character class of the word characters other than `taken`, written as ranges. */
function otherWordChars(taken: Set<string>): string {
  const runs: string[] = [];
  let run = '';
  for (const c of WORD_CHARS) {
    const adjacent = run.length > 0 && c.charCodeAt(0) === run.charCodeAt(run.length - 1) + 1;
    if (taken.has(c) || (run.length > 0 && !adjacent)) {
      if (run.length > 0) runs.push(run.length > 2 ? `${run[0]}-${run[run.length - 1]}` : run);
      run = '';
    }
    if (!taken.has(c)) run += c;
  }
  if (run.length > 0) runs.push(run.length > 2 ? `${run[0]}-${run[run.length - 1]}` : run);
  return `[${runs.join('')}]`;
}

/**
 * What may follow `node`'s prefix so that the whole is a word (`\w+`) that is none of the trie's
 * words and, given `last`, does not end in that character. `prefixEnd` is the prefix's last character.
 */
function rest(node: TrieNode, root: boolean, prefixEnd: string, last: string | undefined): string {
  const forms = [...node.next.entries()].map(([c, child]) => `${c}${rest(child, false, c, last)}`);
  // Leave the trie: any other word character, then any word characters (ending in another than `last`).
  const others = new Set(WORD_CHARS);
  for (const c of node.next.keys()) others.delete(c);
  if (last === undefined) {
    if (node.next.size === 0) forms.push('\\w+');
    else if (others.size > 0) forms.push(`${otherWordChars(new Set(node.next.keys()))}\\w*`);
  } else {
    const notLast = otherWordChars(new Set([last]));
    if (node.next.size === 0) {
      forms.push(`\\w*${notLast}`);
    } else {
      if ([...others].some((c) => c !== last)) forms.push(`${otherWordChars(new Set([...node.next.keys(), last]))}(?:\\w*${notLast})?`);
      if (others.has(last)) forms.push(`${last}\\w*${notLast}`);
    }
  }
  const body = forms.length === 1 ? forms[0] : `(?:${forms.join('|')})`;
  // End here: the prefix is a word of its own unless it is one of the trie's (the root is no word) or ends in `last`.
  return root || node.end || prefixEnd === last ? body : `${body}?`;
}

/**
 * A regular expression (common to PCRE and RE2, for a case-insensitive pattern) that matches a
 * whole ASCII word (`\w+`, bounded by the caller) other than the given ones: "a word that is not
 * `not`" where no lookaround may say so. Each excluded word is lower-case ASCII letters, digits or
 * `_`; a match that stops inside a longer word is the caller's to prevent (`\b` before, a
 * non-word character after). With `notEndingIn`, a word that ends in that character is left out
 * as well ("a word that is not `not` and does not end in `s`").
 * @internal
 */
export function wordOtherThan(excluded: string[], notEndingIn?: string): string {
  if (excluded.length === 0 || excluded.some((w) => !/^[a-z0-9_]+$/.test(w))) {
    throw new Error(`wordOtherThan: words must be lower-case ASCII word characters, got ${JSON.stringify(excluded)}`);
  }
  if (notEndingIn !== undefined && !/^[a-z0-9_]$/.test(notEndingIn)) {
    throw new Error(`wordOtherThan: notEndingIn must be one lower-case ASCII word character, got ${JSON.stringify(notEndingIn)}`);
  }
  const root: TrieNode = { end: false, next: new Map() };
  for (const w of excluded) {
    let node = root;
    for (const c of w) {
      if (!node.next.has(c)) node.next.set(c, { end: false, next: new Map() });
      node = node.next.get(c)!;
    }
    node.end = true;
  }
  return rest(root, true, '', notEndingIn);
}
