import { foldNonAsciiCase } from '../../../../src/render/waf/detectors/non-ascii-case';

describe('foldNonAsciiCase', () => {
  test('spells both cases of each letter beyond ASCII, in a group so that a quantifier takes the whole letter', () => {
    expect(foldNonAsciiCase('r(?:é|e)p(?:è|e)te')).toBe('r(?:(?:é|É)|e)p(?:(?:è|È)|e)te');
    expect(foldNonAsciiCase('забудь')).toBe('(?:з|З)(?:а|А)(?:б|Б)(?:у|У)(?:д|Д)(?:ь|Ь)');
    expect(foldNonAsciiCase('É?')).toBe('(?:é|É)?');
  });

  test('leaves ASCII, escapes, letters without case and ASCII classes as they are', () => {
    expect(foldNonAsciiCase('\\bignore[\\W_]+(?:\\w+[\\W_]+){0,3}?rules\\b')).toBe('\\bignore[\\W_]+(?:\\w+[\\W_]+){0,3}?rules\\b');
    expect(foldNonAsciiCase('\u200b|\u4e2d文|[]a-z]é')).toBe('\u200b|\u4e2d文|[]a-z](?:é|É)');
    expect(foldNonAsciiCase('\\[é')).toBe('\\[(?:é|É)');
  });

  test('the folded regex matches every case on a JavaScript engine that folds nothing', () => {
    const re = new RegExp(`^${foldNonAsciiCase('игнорируй')}$`);
    for (const t of ['игнорируй', 'ИГНОРИРУЙ', 'иГнОрИрУй']) expect(re.test(t)).toBe(true);
  });

  test('refuses a letter beyond ASCII in a character class, naming the regex and the alternation to write', () => {
    expect(() => foldNonAsciiCase('r[eè]gles')).toThrow(/the regex "r\[eè\]gles" holds "è" in a character class.*\(\?:è\|È\)/);
    expect(() => foldNonAsciiCase('[^\\]è]')).toThrow(/"è" in a character class/);
  });
});
