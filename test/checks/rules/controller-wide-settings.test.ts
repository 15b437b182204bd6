import { controllerWideSettings } from '../../../src/checks/rules/controller-wide-settings';

test('names the controller-wide settings of a composed controller ConfigMap, and the endpoints that set them', () => {
  const out = controllerWideSettings.evaluate([
    {
      kind: 'ConfigMap',
      metadata: {
        name: 'ingress-nginx-controller',
        namespace: 'ingress-nginx',
        annotations: { 'secure-ai.cdk8s.io/controller-wide-settings': 'hsts-include-subdomains, ssl-protocols', 'secure-ai.cdk8s.io/composed-from': 'a/chat, b/vision' },
      },
    },
    { kind: 'ConfigMap', metadata: { name: 'other', namespace: 'ingress-nginx' } },
  ]);
  expect(out.map((o) => [o.object.metadata.name, o.status, o.detail])).toStrictEqual([
    ['ingress-nginx-controller', 'pass', 'controller-wide for every host, set for a/chat, b/vision: hsts-include-subdomains, ssl-protocols'],
  ]);
});
