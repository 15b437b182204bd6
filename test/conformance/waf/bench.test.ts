import { Cell, chatBody, medianCell } from '../../../conformance/waf/bench';

describe('the WAF benchmark', () => {
  const cell = (rps: number): Cell => ({ rps, p50ms: 1000 / rps, p99ms: 2000 / rps });

  test('reports the run of median throughput when a cell is measured several times', () => {
    expect(medianCell([cell(300), cell(100), cell(500), cell(200), cell(400)])).toStrictEqual(cell(300));
    expect(medianCell([cell(40), cell(10)])).toStrictEqual(cell(10));
    expect(medianCell([cell(7)])).toStrictEqual(cell(7));
    expect(() => medianCell([])).toThrow('medianCell: no runs');
  });

  test('sends chat bodies of exactly the size it names', () => {
    for (const n of [125, 16 * 1024]) expect(Buffer.byteLength(chatBody(n))).toBe(n);
  });
});
