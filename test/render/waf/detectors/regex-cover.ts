/**
 * Whether every match of a regular expression contains one of a list of words (as `@pm` compares:
 * ASCII letters in either case, other letters as written): the property a signature's `@pm` prefilter and gate must have, or the
 * backtracking engines' rules (prefilter, gate, then the regex) miss what the automata engines'
 * union finds. A small parser for the subset the signatures use (PCRE and RE2 common syntax):
 * alternation, groups, inline `(?i)` / `(?-i:...)`, classes, escapes, anchors and quantifiers.
 *
 * The answer is sound, not complete: `true` is a proof, `false` means no proof was found.
 */

type Node =
  | { kind: 'lit'; strings: string[] } // one of these strings exactly (ASCII letters lower-cased)
  | { kind: 'any'; sample: string } // one character of a large class (sample: one of them)
  | { kind: 'empty' }
  | { kind: 'alt'; branches: Node[] }
  | { kind: 'cat'; parts: Node[] }
  | { kind: 'rep'; node: Node; min: number; max: number };

/** ASCII letters lower-cased, as `@pm` compares on both engines; other letters as they are. */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * What a letter of a case-insensitive regex matches, as `@pm` would see it: an ASCII letter in
 * either case (one string), a letter beyond ASCII in both of its cases (two strings: RE2 and Go's
 * regexp fold it, so a `@pm` word must be there for each).
 */
function letterForms(c: string): string[] {
  return [...new Set([c, c.toLowerCase(), c.toUpperCase()].filter((f) => [...f].length === 1).map(asciiLower))];
}

/** A character of each class escape. */
const CLASS_SAMPLE: { [escape: string]: string } = { w: 'q', W: ' ', s: ' ', S: 'q', d: '0', D: ' ' };

/** Most strings an exact set may hold before it is treated as unknown. */
const MAX_SET = 4096;
/** Classes of at most this many characters are kept exact. */
const MAX_CLASS = 8;

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Node {
    const n = this.alt();
    if (this.i !== this.src.length) throw new Error(`regex-cover: unexpected ${JSON.stringify(this.src[this.i])} at ${this.i} in ${this.src}`);
    return n;
  }

  private alt(): Node {
    const branches = [this.cat()];
    while (this.src[this.i] === '|') {
      this.i++;
      branches.push(this.cat());
    }
    return branches.length === 1 ? branches[0] : { kind: 'alt', branches };
  }

  private cat(): Node {
    const parts: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') parts.push(this.quantified());
    return parts.length === 1 ? parts[0] : { kind: 'cat', parts };
  }

  private quantified(): Node {
    let node = this.atom();
    for (;;) {
      const c = this.src[this.i];
      let min: number; let max: number;
      if (c === '*') { min = 0; max = Infinity; this.i++; } else if (c === '+') { min = 1; max = Infinity; this.i++; } else if (c === '?') { min = 0; max = 1; this.i++; } else if (c === '{' && /^\{\d+(?:,\d*)?\}/.test(this.src.slice(this.i))) {
        const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.src.slice(this.i))!;
        min = Number(m[1]);
        max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
        this.i += m[0].length;
      } else {
        return node;
      }
      if (this.src[this.i] === '?') this.i++; // lazy
      node = { kind: 'rep', node, min, max };
    }
  }

  private atom(): Node {
    const c = this.src[this.i];
    if (c === '(') {
      this.i++;
      if (this.src.startsWith('?:', this.i) || this.src.startsWith('?i:', this.i) || this.src.startsWith('?-i:', this.i)) {
        this.i = this.src.indexOf(':', this.i) + 1;
      } else if (this.src.startsWith('?i)', this.i) || this.src.startsWith('?-i)', this.i)) {
        this.i = this.src.indexOf(')', this.i) + 1;
        return { kind: 'empty' };
      } else if (this.src[this.i] === '?') {
        throw new Error(`regex-cover: unsupported group at ${this.i} in ${this.src}`);
      }
      const inner = this.alt();
      if (this.src[this.i] !== ')') throw new Error(`regex-cover: unclosed group in ${this.src}`);
      this.i++;
      return inner;
    }
    if (c === '[') return this.cls();
    if (c === '.') { this.i++; return { kind: 'any', sample: 'q' }; }
    if (c === '^' || c === '$') { this.i++; return { kind: 'empty' }; }
    if (c === '\\') {
      const e = this.src[this.i + 1];
      if ('bBAzZ'.includes(e)) { this.i += 2; return { kind: 'empty' }; }
      if ('wWsSdD'.includes(e)) { this.i += 2; return { kind: 'any', sample: CLASS_SAMPLE[e] }; }
      if (/[a-zA-Z0-9]/.test(e) && !'xntr'.includes(e)) throw new Error(`regex-cover: unsupported escape \\${e} at ${this.i} in ${this.src}`);
      const ch = this.escapedChar();
      return { kind: 'lit', strings: letterForms(ch) };
    }
    this.i++;
    return { kind: 'lit', strings: letterForms(c) };
  }

  /** A `\x22`, `\x{..}`, `\n`, `\t`, `\r` or an escaped punctuation character, at `\\`. */
  private escapedChar(): string {
    const e = this.src[this.i + 1];
    if (e === 'x') {
      const m = /^\\x(?:\{([0-9a-fA-F]+)\}|([0-9a-fA-F]{2}))/.exec(this.src.slice(this.i))!;
      this.i += m[0].length;
      return String.fromCodePoint(parseInt(m[1] ?? m[2], 16));
    }
    this.i += 2;
    return ({ n: '\n', t: '\t', r: '\r' } as { [k: string]: string })[e] ?? e;
  }

  private cls(): Node {
    this.i++;
    let negated = false;
    if (this.src[this.i] === '^') { negated = true; this.i++; }
    const chars = new Set<string>();
    let large = false;
    let sample: string | undefined;
    let first = true;
    while (this.src[this.i] !== ']' || first) {
      first = false;
      let ch: string;
      if (this.src[this.i] === '\\') {
        if ('wWsSdD'.includes(this.src[this.i + 1])) { large = true; sample ??= CLASS_SAMPLE[this.src[this.i + 1]]; this.i += 2; continue; }
        ch = this.escapedChar();
      } else {
        ch = this.src[this.i++];
      }
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']') {
        this.i++;
        const to = this.src[this.i] === '\\' ? this.escapedChar() : this.src[this.i++];
        const n = to.codePointAt(0)! - ch.codePointAt(0)! + 1;
        sample ??= ch;
        if (n > MAX_CLASS) large = true;
        else for (let k = 0; k < n; k++) letterForms(String.fromCodePoint(ch.codePointAt(0)! + k)).forEach((f) => chars.add(f));
      } else {
        sample ??= ch;
        letterForms(ch).forEach((f) => chars.add(f));
      }
    }
    this.i++;
    if (negated) return { kind: 'any', sample: chars.has(' ') ? 'q' : ' ' };
    if (large || chars.size > MAX_CLASS) return { kind: 'any', sample: sample ?? 'q' };
    return { kind: 'lit', strings: [...chars] };
  }
}

const exactCache = new WeakMap<Node, string[] | undefined>();

/** The exact strings a node matches (lower-cased), or undefined when too many or unbounded. */
function exact(n: Node): string[] | undefined {
  if (!exactCache.has(n)) exactCache.set(n, exactOf(n));
  return exactCache.get(n);
}

function exactOf(n: Node): string[] | undefined {
  switch (n.kind) {
    case 'lit': return n.strings;
    case 'empty': return [''];
    case 'any': return undefined;
    case 'alt': {
      const out = new Set<string>();
      for (const b of n.branches) {
        const e = exact(b);
        if (!e) return undefined;
        e.forEach((s) => out.add(s));
      }
      return out.size > MAX_SET ? undefined : [...out];
    }
    case 'cat': return n.parts.reduce<string[] | undefined>((acc, p) => (acc ? product(acc, exact(p)) : undefined), ['']);
    case 'rep': {
      if (n.max === Infinity || n.max > 4) return undefined;
      const e = exact(n.node);
      if (!e) return undefined;
      const out = new Set<string>();
      let cur: string[] = [''];
      for (let k = 0; k <= n.max; k++) {
        if (k >= n.min) cur.forEach((s) => out.add(s));
        if (k === n.max) break;
        const next = product(cur, e);
        if (!next) return undefined; // too many: unknown, never a partial set
        cur = next;
      }
      return out.size > MAX_SET ? undefined : [...out];
    }
  }
}

function product(a: string[], b: string[] | undefined): string[] | undefined {
  if (!b || a.length * b.length > MAX_SET) return undefined;
  return a.flatMap((x) => b.map((y) => x + y));
}

/** Every string contains one of the words. */
function allContain(strings: string[], words: string[]): boolean {
  return strings.every((s) => words.some((w) => s.includes(w)));
}

/** Whether every match of the node contains one of the words. */
function covered(n: Node, words: string[]): boolean {
  const e = exact(n);
  if (e && allContain(e, words)) return true;
  switch (n.kind) {
    case 'alt': return n.branches.every((b) => covered(b, words));
    case 'rep': return n.min >= 1 && covered(n.node, words);
    case 'cat': {
      if (n.parts.some((p) => covered(p, words))) return true;
      // A word across neighbouring parts: the strings of each run of exact parts. A part repeated
      // at least once ends a run with its first occurrence and starts the next with its last.
      let run: string[] = [''];
      for (const p of n.parts) {
        const pe = exact(p);
        const inner = !pe && p.kind === 'rep' && p.min >= 1 ? exact(p.node) : undefined;
        const part = pe ?? inner;
        if (!part) { run = ['']; continue; }
        const next = product(run, part) ?? part;
        if (next.some((x) => x !== '') && allContain(next, words)) return true;
        run = pe ? next : part;
      }
      return false;
    }
    default: return false;
  }
}

/**
 * Whether every match of `regex` (an `@rx` argument, `(?i)` and all) contains one of `words`
 * (compared as `@pm` does: see `asciiLower`). `true` is a proof; `false` means none was found.
 */
export function everyMatchContains(regex: string, words: string[]): boolean {
  return covered(new Parser(regex).parse(), words.filter((w) => w !== '').map(asciiLower));
}

/** The top-level forms of a parsed regex: its alternation's branches, through groups and a leading `\\b` or flag. */
function topForms(root: Node): Node[] {
  const forms: Node[] = [];
  const expand = (n: Node) => {
    if (n.kind === 'alt') n.branches.forEach(expand);
    else if (n.kind === 'cat' && n.parts.filter((p) => p.kind !== 'empty').length === 1) expand(n.parts.find((p) => p.kind !== 'empty')!);
    else forms.push(n);
  };
  expand(root);
  return forms;
}

/**
 * The top-level forms of `regex` that have no proof that every match holds one of `words`, each
 * with a text it matches that holds none of them when one was found (the prefilter's miss).
 */
export function formsWithoutWord(regex: string, words: string[], tries = 20000): Array<{ form: string; witness?: string }> {
  const lower = words.filter((w) => w !== '').map(asciiLower);
  const js = jsRegex(regex);
  return topForms(new Parser(regex).parse()).filter((f) => !covered(f, lower)).map((f) => {
    const misses = (s: string) => !lower.some((w) => asciiLower(` ${s} `).includes(w)) && js.test(` ${s} `);
    let witness: string | undefined;
    let k = 0;
    for (const s of samples(f)) {
      if (++k > tries) break;
      if (misses(s)) { witness = s; break; }
    }
    // Random choices too, where the first choices of the early parts never change above.
    let seed = 1;
    const random = () => { seed = (seed * 48271) % 2147483647; return seed / 2147483647; };
    for (let t = 0; !witness && t < tries; t++) {
      const s = randomSample(f, random);
      if (misses(s)) witness = s;
    }
    return { form: show(f).slice(0, 200), witness };
  });
}

/** The regex as JavaScript reads it: `(?i)` as the `i` flag, `\\A` and `\\z` as `^` and `$`. */
function jsRegex(regex: string): RegExp {
  return new RegExp(regex.replace(/^\(\?i\)/, '').replace(/\(\?-?i:/g, '(?:').replace(/\\A/g, '^').replace(/\\z/g, '$'), 'i');
}

function show(n: Node): string {
  switch (n.kind) {
    case 'lit': return n.strings.length === 1 ? n.strings[0] : `[${n.strings.join('')}]`;
    case 'any': return '.';
    case 'empty': return '';
    case 'alt': return `(${n.branches.map(show).join('|')})`;
    case 'cat': return n.parts.map(show).join('');
    case 'rep': return `${show(n.node)}{${n.min},${n.max === Infinity ? '' : n.max}}`;
  }
}

/** Strings the node matches, shortest choices first (a sample character for a class). */
function* samples(n: Node): Generator<string> {
  switch (n.kind) {
    case 'lit': yield* n.strings; return;
    case 'empty': yield ''; return;
    case 'any': yield n.sample; return;
    case 'alt': for (const b of n.branches) yield* samples(b); return;
    case 'rep': {
      const count = Math.max(n.min, 0);
      if (count === 0) { yield ''; if (n.max >= 1) yield* samples(n.node); return; }
      yield* samples({ kind: 'cat', parts: Array.from({ length: count }, () => n.node) });
      return;
    }
    case 'cat': {
      const [head, ...rest] = n.parts;
      if (!head) { yield ''; return; }
      for (const h of samples(head)) for (const t of samples({ kind: 'cat', parts: rest })) yield h + t;
    }
  }
}

/** One string the node matches, with random choices (the fewest repetitions or one more). */
function randomSample(n: Node, random: () => number): string {
  switch (n.kind) {
    case 'lit': return n.strings[Math.floor(random() * n.strings.length)];
    case 'empty': return '';
    case 'any': return n.sample;
    case 'alt': return randomSample(n.branches[Math.floor(random() * n.branches.length)], random);
    case 'cat': return n.parts.map((p) => randomSample(p, random)).join('');
    case 'rep': {
      const count = Math.min(n.max, n.min + (random() < 0.5 ? 0 : 1));
      return Array.from({ length: count }, () => randomSample(n.node, random)).join('');
    }
  }
}
