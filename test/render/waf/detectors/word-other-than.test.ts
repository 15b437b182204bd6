import { wordOtherThan } from '../../../../src/render/waf/detectors/word-other-than';

const whole = (excluded: string[]) => new RegExp(`^(?:${wordOtherThan(excluded)})$`, 'i');

/** Every word of up to `length` characters over the letters of `words`, `x`, `_` and `1`. */
function wordsOver(words: string[], length: number): string[] {
  const alphabet = [...new Set(words.join('') + 'x_1')];
  const all: string[] = [];
  const grow = (prefix: string) => {
    if (prefix.length > 0) all.push(prefix);
    if (prefix.length < length) for (const c of alphabet) grow(prefix + c);
  };
  grow('');
  return all;
}

describe('wordOtherThan', () => {
  const excluded = ['not', 'never', 't', 'dont', 'do', 'does'];
  const re = whole(excluded);

  test('matches no excluded word, in any case', () => {
    for (const w of excluded) {
      for (const form of [w, w.toUpperCase(), w[0].toUpperCase() + w.slice(1)]) expect([form, re.test(form)]).toEqual([form, false]);
    }
  });

  test('matches every other word: prefixes, extensions and neighbours of the excluded ones', () => {
    const others = ['n', 'no', 'nots', 'note', 'ne', 'nev', 'neve', 'nevers', 'tt', 'ta', 'd', 'don', 'dont2', 'doe', 'doesn', 'dose',
      'x', 'why', 'please', 'a_b', '42', '_', 'Z9'];
    for (const w of others) expect([w, re.test(w)]).toEqual([w, true]);
  });

  test('agrees with set membership on every word of up to three letters over the excluded words\' alphabet', () => {
    const wrong = wordsOver(excluded, 3).filter((w) => re.test(w) === excluded.includes(w));
    expect(wrong).toEqual([]);
  });

  test('uses only constructs common to PCRE and RE2: groups, ASCII classes, ? and *', () => {
    const text = wordOtherThan(excluded);
    expect(text).not.toMatch(/\(\?[^:]|\\[1-9]|[^\x20-\x7e]/);
    expect(text.replace(/\\w/g, '').replace(/\[[a-z0-9_-]+\]/g, '').replace(/[a-z0-9_]/g, '')).toMatch(/^[(?:|)*+]*$/);
  });

  test('with notEndingIn, also leaves out every word ending in that character: agrees with the sets on every word of up to four letters', () => {
    const withS = [...excluded, 's', 'us'];
    const notS = new RegExp(`^(?:${wordOtherThan(withS, 's')})$`, 'i');
    const wrong = wordsOver(withS, 4).filter((w) => notS.test(w) !== (!withS.includes(w) && !w.toLowerCase().endsWith('s')));
    expect(wrong).toEqual([]);
    expect(['LLMs', 'models', 'Chatbots', 'ss', 'S'].filter((w) => notS.test(w))).toEqual([]);
    expect(['please', 'x', 'sx', 'nots1', 'Assistant'].filter((w) => !notS.test(w))).toEqual([]);
  });

  test('a word outside ASCII word characters, or none, is refused', () => {
    expect(() => wordOtherThan([])).toThrow(/got \[\]/);
    expect(() => wordOtherThan(['Not'])).toThrow(/lower-case ASCII word characters, got \["Not"\]/);
    expect(() => wordOtherThan(['n\'t'])).toThrow(/got \["n't"\]/);
    expect(() => wordOtherThan(['not'], 'S')).toThrow(/notEndingIn must be one lower-case ASCII word character, got "S"/);
    expect(() => wordOtherThan(['not'], 'es')).toThrow(/got "es"/);
  });
});
