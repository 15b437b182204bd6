import { everyMatchContains, formsWithoutWord } from './regex-cover';

describe('regex-cover', () => {
  test('proves a word in every match through groups, alternations, classes and repetitions', () => {
    expect(everyMatchContains('(?i)\\bignore[\\W_]+(?:\\w+[\\W_]+){0,3}?(?:previous|prior)\\b', ['ignore'])).toBe(true);
    expect(everyMatchContains('(?i)(?:previous|prior)[\\W_]+instructions?', ['previous', 'prior'])).toBe(true);
    // a word across parts: "cancel+ed" holds "cancel"; "(?:И|и)gnore" holds "gnore"
    expect(everyMatchContains('cancel+ed', ['cancel'])).toBe(true);
    expect(everyMatchContains('(?:И|и)gnore', ['gnore'])).toBe(true);
    // a small class stays exact, compared without case: "a3t[a-z0-9]" holds "A3T"
    expect(everyMatchContains('\\b(?:AKIA|A3T[A-Z0-9])[A-Z0-9]{16}', ['akia', 'a3t'])).toBe(true);
  });

  test('finds no proof where a form lacks the words, with a text it matches and that holds none', () => {
    const override = '(?i)\\b(?:ignore[\\W_]+previous[\\W_]+instructions|new[\\W_]+(?:system[\\W_]+)?(?:instructions?|rules)(?:[\\W_]+)?:)';
    expect(everyMatchContains(override, ['ignore'])).toBe(false);
    const gaps = formsWithoutWord(override, ['ignore']);
    expect(gaps).toHaveLength(1);
    expect(gaps[0].witness).toMatch(/^new[\W_]+(?:system[\W_]+)?(?:instructions?|rules)[\W_]*:$/i);
    expect(formsWithoutWord(override, ['ignore', 'instruction', 'rules'])).toStrictEqual([]);
    // an optional part proves nothing; an unbounded class proves nothing
    expect(everyMatchContains('a(?:secret)?b', ['secret'])).toBe(false);
    expect(everyMatchContains('[a-z]{8}', ['secret'])).toBe(false);
  });

  test('compares as @pm does: ASCII letters in either case, a letter beyond ASCII only as written', () => {
    // "IGNORE" holds "ignore"; but the regex's "и" also matches "И" (RE2 and Go's regexp fold it) and "гнорир" is not "ГНОРИР" to @pm
    expect(everyMatchContains('(?i)IGNORE', ['ignore'])).toBe(true);
    expect(everyMatchContains('(?i)игнорируй', ['гнорир'])).toBe(false);
    expect(formsWithoutWord('(?i)игнорируй', ['гнорир'])[0].witness).toMatch(/[А-Я]/);
    expect(everyMatchContains('(?i)(?:й|Й)', ['й', 'Й'])).toBe(true);
    expect(everyMatchContains('(?i)r[éè]gle', ['régle', 'règle', 'rÉgle', 'rÈgle'])).toBe(true);
  });

  test('refuses syntax it does not read instead of guessing', () => {
    expect(() => everyMatchContains('(?=ignore)ignore', ['ignore'])).toThrow(/unsupported group/);
    expect(() => everyMatchContains('\\p{L}secret', ['secret'])).toThrow(/unsupported escape/);
  });

  test('a bounded repetition too large to list is unknown, not a partial list', () => {
    // once: 512 strings; twice: 512 x 512, too many to list. Words for "once" only prove nothing ("zabcabcz" holds none).
    const letters = 'abcdefgh'.split('');
    const once = letters.flatMap((a) => letters.flatMap((b) => letters.map((c) => `z${a}${b}${c}z`)));
    expect(everyMatchContains('z(?:[abcdefgh]{3}){1,2}z', once)).toBe(false);
    expect(everyMatchContains('z(?:[abcdefgh]{3}){1}z', once)).toBe(true);
    expect(everyMatchContains('(?:ab|cd){1,3}', ['ab', 'cd'])).toBe(true);
  });
});
