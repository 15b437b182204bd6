import { noSnippetAnnotations } from '../../../src/checks/rules/no-snippet-annotations';
import { recording, ruleFindings } from '../../support/rule-findings';

const ing = (annotations: any) => ({ kind: 'Ingress', metadata: { name: 'i', namespace: 'n', annotations } });
const SNIPPET = { 'nginx.ingress.kubernetes.io/modsecurity-snippet': 'SecRuleEngine On' };
const statuses = (objects: any[]) => noSnippetAnnotations.evaluate(objects).map((o) => `${o.status} ${o.detail}`);

describe('SAI-EDGE-1 no snippet annotations', () => {
  test('an Ingress without a snippet annotation passes', () => {
    expect(statuses([ing({ 'nginx.ingress.kubernetes.io/proxy-body-size': '1m' })])).toStrictEqual(['pass no snippet annotation']);
  });

  test('a snippet chosen by wafSnippetAnnotationCriticalRisk, recorded in the namespace, is weakened, naming the option', () => {
    expect(statuses([ing(SNIPPET), recording('n', 'waf.wafSnippetAnnotationCriticalRisk: true')]))
      .toStrictEqual(['weakened carries nginx.ingress.kubernetes.io/modsecurity-snippet (waf.wafSnippetAnnotationCriticalRisk: true)']);
  });

  test('mutant: a snippet with no option recorded in its namespace fails', () => {
    expect(statuses([ing({ 'nginx.ingress.kubernetes.io/configuration-snippet': 'x' }), recording('other', 'waf.wafSnippetAnnotationCriticalRisk: true')]))
      .toStrictEqual(['fail carries nginx.ingress.kubernetes.io/configuration-snippet: no option records that this was chosen']);
  });

  test('a suppression accepts the failure until it expires; then it fails again', () => {
    expect(ruleFindings('SAI-EDGE-1', [ing(SNIPPET)], { object: 'Ingress/n/i', expires: '2027-01-15' })[0]).toMatch(/^suppressed Ingress\/n\/i: carries/);
    expect(ruleFindings('SAI-EDGE-1', [ing(SNIPPET)], { object: 'Ingress/n/i', expires: '2027-01-14' })[0]).toMatch(/^fail Ingress\/n\/i: .*suppression expired on 2027-01-14/);
  });
});
