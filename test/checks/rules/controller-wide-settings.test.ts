import { controllerWideSettings } from '../../../src/checks/rules/controller-wide-settings';
import { ruleFindings } from '../../support/rule-findings';

test('names the controller-wide settings of a composed controller ConfigMap, and the endpoints that set them', () => {
  const out = controllerWideSettings.evaluate([
    {
      kind: 'ConfigMap',
      metadata: {
        name: 'ingress-nginx-controller',
        namespace: 'ingress-nginx',
        annotations: { 'secure-ai.cdk8s.io/controller-wide-settings': 'hsts-include-subdomains, ssl-protocols', 'secure-ai.cdk8s.io/composed-from': 'a/chat, b/vision' },
      },
      data: { 'hsts-include-subdomains': 'true', 'ssl-protocols': 'TLSv1.3', 'proxy-body-size': '1m' },
    },
    { kind: 'ConfigMap', metadata: { name: 'other', namespace: 'ingress-nginx' } },
  ]);
  expect(out.map((o) => [o.object.metadata.name, o.status, o.detail])).toStrictEqual([
    ['ingress-nginx-controller', 'pass', 'controller-wide for every host, set for a/chat, b/vision: hsts-include-subdomains, ssl-protocols; hosts of this output it reaches: none (other teams\' hosts only)'],
  ]);
});

const bare = (data: { [key: string]: string }, annotations: { [key: string]: string } = {}) => ({
  kind: 'ConfigMap', metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx', annotations }, data,
});

test('mutant: a controller ConfigMap nobody annotated is found by its keys and named; the settings come from its data, not the annotation', () => {
  expect(controllerWideSettings.evaluate([bare({ 'ssl-protocols': 'TLSv1.2', 'use-forwarded-headers': 'true' })]).map((o) => `${o.status} ${o.detail}`))
    .toStrictEqual(['pass controller-wide for every host: ssl-protocols, use-forwarded-headers; hosts of this output it reaches: none (other teams\' hosts only)']);
  // An annotation that lists fewer keys than the data sets does not hide them.
  expect(controllerWideSettings.evaluate([bare({ 'ssl-protocols': 'TLSv1.2', 'allow-snippet-annotations': 'true' }, { 'secure-ai.cdk8s.io/controller-wide-settings': 'ssl-protocols' })])[0].detail)
    .toBe('controller-wide for every host: ssl-protocols, allow-snippet-annotations; hosts of this output it reaches: none (other teams\' hosts only)');
});

test('a ConfigMap with no controller-wide key is not judged, annotated or not', () => {
  expect(controllerWideSettings.evaluate([bare({ 'llm-waf.conf': 'SecRuleEngine On' }, { 'secure-ai.cdk8s.io/controller-wide-settings': '' })])).toStrictEqual([]);
});

test('a note passes: a suppression, active or expired, does not change it', () => {
  for (const expires of ['2027-01-31', '2027-01-01']) {
    expect(ruleFindings('SAI-EDGE-2', [bare({ hsts: 'true' })], { object: 'ConfigMap/ingress-nginx/ingress-nginx-controller', expires }))
      .toStrictEqual(['pass ConfigMap/ingress-nginx/ingress-nginx-controller: controller-wide for every host: hsts; hosts of this output it reaches: none (other teams\' hosts only)']);
  }
});

const ingress = (ns: string, host: string, annotations: { [key: string]: string } = {}) => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'chat', namespace: ns, annotations }, spec: { rules: [{ host }] },
});

test('the hosts it reaches are found by content: the routes its controller reads, in namespaces that let its pods in; a wrong annotation only names', () => {
  const cm = bare({ 'hsts-include-subdomains': 'true', 'enable-modsecurity': 'true' }, { 'secure-ai.cdk8s.io/composed-from': 'nobody/else' });
  const denyAll = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'closed' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } };
  const out = controllerWideSettings.evaluate([
    cm,
    ingress('a', 'chat.a.example', { 'nginx.ingress.kubernetes.io/limit-rps': '5' }),
    ingress('b', 'vision.b.example'),
    // F5 NGINX reads this one, not ingress-nginx
    ingress('c', 'f5.c.example', { 'nginx.org/client-max-body-size': '1m' }),
    // its controller's pods may not reach it
    ingress('closed', 'closed.example'),
    denyAll,
  ]);
  expect(out.map((o) => o.detail)).toStrictEqual([
    'controller-wide for every host, set for nobody/else: hsts-include-subdomains, enable-modsecurity; hosts of this output it reaches: chat.a.example, vision.b.example',
  ]);
});
