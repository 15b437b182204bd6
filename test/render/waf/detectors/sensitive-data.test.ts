import * as fs from 'fs';
import * as path from 'path';
import { REQUEST_DETECTORS } from '../../../../src/render/waf/detectors/detector-catalogue';
import { DetectorClass } from '../../../../src/render/waf/detectors/pattern-detector';
import { CLOUD_CREDENTIALS, JWTS, NATIONAL_IDS, PAYMENT_CARDS, VCS_CREDENTIALS } from '../../../../src/render/waf/detectors/sensitive-data';

function matches(cls: DetectorClass, text: string): string[] {
  return cls.signatures.filter((s) => {
    const m = /^@(rx|verifyCC) (.*)$/.exec(s.operator)!;
    const src = m[2].replace(/^\(\?i\)/, '');
    const flags = m[2].startsWith('(?i)') || s.transforms.includes('t:lowercase') ? 'i' : '';
    return new RegExp(src, flags).test(text);
  }).map((s) => s.name);
}

describe('sensitive-data signatures', () => {
  test('credentials', () => {
    expect(matches(CLOUD_CREDENTIALS, 'key AKIAZZZZZZZZZZZZZZZZ here')).toContain('aws-access-key-id');
    expect(matches(VCS_CREDENTIALS, `token ghp_${'a'.repeat(36)}`)).toContain('github-token');
    expect(matches(JWTS, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghijklmnop')).toStrictEqual(['jwt']);
    expect(matches(CLOUD_CREDENTIALS, 'the AKIA prefix marks AWS key ids')).toStrictEqual([]);
  });
  test('cards and national identifiers', () => {
    expect(matches(PAYMENT_CARDS, 'my visa is 4111 1111 1111 1111')).toContain('card-number-in-payment-context');
    expect(matches(PAYMENT_CARDS, 'order 12345 shipped')).toStrictEqual([]);
    expect(matches(NATIONAL_IDS, 'SSN 123-45-6789')).toContain('us-ssn');
    expect(matches(NATIONAL_IDS, 'area 000-12-3456 is never issued')).toStrictEqual([]);
  });
  test('every signature has a prefilter', () => {
    for (const cls of [CLOUD_CREDENTIALS, VCS_CREDENTIALS, JWTS, PAYMENT_CARDS, NATIONAL_IDS]) {
      for (const s of cls.signatures) expect(s.prefilter).toMatch(/^@(pm|rx) \S/);
    }
  });
  test('the sensitive-data corpus has one request per signature, which that signature matches', () => {
    // test/waf/corpus/sensitive-data.jsonl: the engines block each line, so every signature (and the union passes on RE2) is exercised.
    const lines = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'waf', 'corpus', 'sensitive-data.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const classes = Object.values(REQUEST_DETECTORS).filter((c) => c.group !== 'phrases');
    const names = classes.flatMap((c) => c.signatures.filter((s) => s.operator.startsWith('@rx ')).map((s) => s.name));
    expect(lines.map((l) => l.id.replace(/^secret-/, '')).sort()).toStrictEqual([...names].sort());
    for (const l of lines) {
      const name = l.id.replace(/^secret-/, '');
      const cls = classes.find((c) => c.signatures.some((s) => s.name === name))!;
      expect(l.expect).toBe('block');
      expect(matches(cls, l.request.body.messages[0].content)).toContain(name);
    }
  });
});
