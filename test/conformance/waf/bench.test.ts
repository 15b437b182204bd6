import { BODY_KINDS, Cell, chatBody, lookalikePrompts, medianCell, typicalPrompts } from '../../../conformance/waf/bench';

describe('the WAF benchmark', () => {
  const cell = (rps: number): Cell => ({ rps, p50ms: 1000 / rps, p99ms: 2000 / rps });

  test('reports the run of median throughput when a cell is measured several times', () => {
    expect(medianCell([cell(300), cell(100), cell(500), cell(200), cell(400)])).toStrictEqual(cell(300));
    expect(medianCell([cell(40), cell(10)])).toStrictEqual(cell(10));
    expect(medianCell([cell(7)])).toStrictEqual(cell(7));
    expect(() => medianCell([])).toThrow('medianCell: no runs');
  });

  test('sends chat bodies of exactly the size it names, of every kind', () => {
    for (const kind of BODY_KINDS) {
      for (const n of [125, 16 * 1024, 128 * 1024]) expect(Buffer.byteLength(chatBody(n, kind.prompts()))).toBe(n);
    }
  });

  test('cuts at a character boundary and pads with spaces (multi-byte text, JSON escapes)', () => {
    const prompts = ['d\u00e9j\u00e0 "vu"', 'z\u200bw'];
    const joined = Array(20).fill(prompts.join('\n\n')).join('\n\n');
    for (let n = 105; n < 160; n++) {
      const body = chatBody(n, prompts);
      expect(Buffer.byteLength(body)).toBe(n);
      const content: string = JSON.parse(body).messages[0].content;
      const text = content.replace(/ +$/, '');
      expect(joined.startsWith(text)).toBe(true);
      expect(Buffer.from(content, 'utf8').toString('utf8')).toBe(content);
    }
  });

  test('typical prose is the benign corpora, varied: no prompt repeats within 16 KB', () => {
    const content: string = JSON.parse(chatBody(16 * 1024, typicalPrompts())).messages[0].content;
    const parts = content.split('\n\n').slice(0, -1);
    expect(parts.length).toBeGreaterThan(40);
    expect(new Set(parts).size).toBe(parts.length);
    expect(content).toContain('Natalia sold clips to 48 of her friends');
  });

  test('the look-alike body is the look-alike corpus in order', () => {
    const content: string = JSON.parse(chatBody(16 * 1024, lookalikePrompts())).messages[0].content;
    expect(content.startsWith(`${lookalikePrompts()[0]}\n\n${lookalikePrompts()[1]}\n\n`)).toBe(true);
  });
});
