import { formsWithoutWord } from './regex-cover';
import { REQUEST_DETECTORS, RESPONSE_LEAK_DETECTORS } from '../../../../src/render/waf/detectors/detector-catalogue';

describe('detector catalogue', () => {
  test('each request detector is filed under its own key (the key names its tx variables)', () => {
    for (const [key, cls] of Object.entries(REQUEST_DETECTORS)) {
      expect(cls.key).toBe(key);
    }
  });

  test('response inspection looks for secrets, not personal data or phrases', () => {
    expect(RESPONSE_LEAK_DETECTORS.map((c) => c.key)).toStrictEqual(['cloud_credentials', 'vcs_credentials', 'private_keys', 'chat_tokens', 'payment_tokens']);
  });

  // Coraza lowers `@pm` words and then compares ASCII letters only without case: a word with a letter
  // beyond ASCII never finds that letter in capitals there, while libmodsecurity would find it as written.
  test('every @pm word is ASCII, so that both engines find it in every case', () => {
    const nonAscii: string[] = [];
    for (const cls of Object.values(REQUEST_DETECTORS)) {
      for (const sig of cls.signatures) {
        for (const op of [sig.prefilter, sig.gate]) {
          if (op?.startsWith('@pm ')) nonAscii.push(...op.slice(4).split(' ').filter((w) => /[^\x00-\x7f]/.test(w)).map((w) => `${sig.name}: ${w}`));
        }
      }
    }
    expect(nonAscii).toStrictEqual([]);
  });

  // libmodsecurity's rules run a signature only where its `@pm` prefilter (and gate) found a word,
  // while coraza-proxy-wasm's run the union of the signatures over every field: a match without
  // one of those words is a verdict the two deliveries do not share ("new instructions:" was one).
  test('every @pm prefilter and gate holds a word of every match of its signature (proved on the regex)', () => {
    const gaps: string[] = [];
    for (const cls of Object.values(REQUEST_DETECTORS)) {
      for (const sig of cls.signatures) {
        const regex = sig.operator.replace(/^@(?:rx|verifyCC) /, '');
        for (const [what, op] of [['prefilter', sig.prefilter], ['gate', sig.gate]] as const) {
          if (!op?.startsWith('@pm ')) continue;
          for (const f of formsWithoutWord(regex, op.slice(4).split(' '))) gaps.push(`${sig.name} ${what}: ${f.witness ?? f.form}`);
        }
      }
    }
    expect(gaps).toStrictEqual([]);
  });
});
