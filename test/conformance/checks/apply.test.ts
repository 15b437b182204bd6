import { resizedRulesConfigMap } from '../../../conformance/suite/checks/apply';

describe('resizedRulesConfigMap', () => {
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'llm-waf-rules', namespace: 'ingress-nginx', labels: { a: 'b' } }, data: { 'llm-waf.conf': 'SecRule é\n' } };

  test('pads the rules file to the bytes asked for, under another name, leaving the original alone', () => {
    const big = resizedRulesConfigMap(cm, 1024);
    expect(Buffer.byteLength(big.data['llm-waf.conf'])).toBe(1024);
    expect(big.data['llm-waf.conf'].startsWith('SecRule ')).toBe(true);
    expect(big.metadata).toStrictEqual({ name: 'llm-waf-rules-size-1024', namespace: 'ingress-nginx', labels: { a: 'b' } });
    expect(cm.data['llm-waf.conf']).toBe('SecRule é\n');
  });

  test('cut or padded at whole characters, to as many bytes in UTF-8 as asked (what the API server counts)', () => {
    // "SecRule " is 8 bytes, "é" 2, the newline 1.
    const cases: Array<[number, string]> = [[5, 'SecRu'], [9, 'SecRule #'], [10, 'SecRule é'], [11, 'SecRule é\n'], [13, 'SecRule é\n##']];
    for (const [n, want] of cases) {
      const value: string = resizedRulesConfigMap(cm, n).data['llm-waf.conf'];
      expect({ n, value, bytes: Buffer.byteLength(value) }).toStrictEqual({ n, value: want, bytes: n });
    }
  });
});
