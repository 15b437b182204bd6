import { reliesOnPlatform } from '../../../src/checks/rules/relies-on-platform';
import { ruleFindings } from '../../support/rule-findings';

const route = (annotations: { [key: string]: string } = {}, parentRefs: any[] = [{ name: 'gw', namespace: 'g', sectionName: 'https' }], kind = 'HTTPRoute') => ({
  apiVersion: 'gateway.networking.k8s.io/v1', kind, metadata: { name: 'chat', namespace: 'llm-serving', annotations }, spec: { parentRefs },
});
const evaluate = (objects: any[]) => reliesOnPlatform.evaluate(objects).map((o) => [o.object.metadata.name, o.status, o.detail]);
const CONTENT = 'relies on the platform: Gateway g/gw listener https, not in these manifests: its listeners\' HTTPS, certificate, TLS versions, HTTP to HTTPS redirect and which namespaces\' routes they admit';

describe('SAI-EDGE-4 relies on the platform', () => {
  test('names each platform setting the annotation lists as a warning for a reviewer to confirm', () => {
    expect(evaluate([
      route({ 'secure-ai.cdk8s.io/relies-on-platform': 'Gateway g/gw: HTTPS; the HTTP listener redirects to HTTPS' }),
      { kind: 'Ingress', metadata: { name: 'other', namespace: 'llm-serving' } },
    ])).toStrictEqual([
      ['chat', 'warning', 'relies on the platform: Gateway g/gw: HTTPS'],
      ['chat', 'warning', 'relies on the platform: the HTTP listener redirects to HTTPS'],
    ]);
  });

  test('does not apply to objects that rely on nothing: a route whose Gateway is in the output, an Ingress', () => {
    const gateway = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'g' } };
    expect(evaluate([route(), gateway, { kind: 'Ingress', metadata: { name: 'chat', annotations: {} } }])).toStrictEqual([]);
  });

  test('mutant: a route nobody annotated whose parent Gateway is not in the output relies on its listeners', () => {
    expect(evaluate([route()])).toStrictEqual([['chat', 'warning', CONTENT]]);
    expect(evaluate([route({}, [{ name: 'gw' }], 'GRPCRoute')])[0][2]).toMatch(/^relies on the platform: Gateway llm-serving\/gw, not in these manifests/);
  });

  test('a suppression accepts the warning until it expires; then it fails', () => {
    expect(ruleFindings('SAI-EDGE-4', [route()], { object: 'HTTPRoute/llm-serving/chat', expires: '2027-01-15' })).toStrictEqual([
      `suppressed HTTPRoute/llm-serving/chat: ${CONTENT} (suppressed until 2027-01-15: accepted for the migration)`,
    ]);
    expect(ruleFindings('SAI-EDGE-4', [route()], { object: 'HTTPRoute/llm-serving/chat', expires: '2027-01-14' })[0]).toMatch(/^fail HTTPRoute\/llm-serving\/chat: .*suppression expired on 2027-01-14/);
  });
});
