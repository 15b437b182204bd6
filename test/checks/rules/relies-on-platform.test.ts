import { reliesOnPlatform } from '../../../src/checks/rules/relies-on-platform';

test('names each platform setting a route relies on as a warning for a reviewer to confirm', () => {
  const out = reliesOnPlatform.evaluate([
    {
      kind: 'HTTPRoute',
      metadata: { name: 'chat', namespace: 'llm-serving', annotations: { 'secure-ai.cdk8s.io/relies-on-platform': 'Gateway g/gw: HTTPS; the HTTP listener redirects to HTTPS' } },
    },
    { kind: 'Ingress', metadata: { name: 'other', namespace: 'llm-serving' } },
  ]);
  expect(out.map((o) => [o.object.metadata.name, o.status, o.detail])).toStrictEqual([
    ['chat', 'warning', 'relies on the platform: Gateway g/gw: HTTPS'],
    ['chat', 'warning', 'relies on the platform: the HTTP listener redirects to HTTPS'],
  ]);
});

test('does not apply to objects that rely on nothing', () => {
  expect(reliesOnPlatform.evaluate([{ kind: 'Ingress', metadata: { name: 'chat', annotations: {} } }])).toStrictEqual([]);
});
