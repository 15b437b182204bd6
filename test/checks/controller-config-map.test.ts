import { controllerWideKeys, isControllerConfigMap } from '../../src/checks/controller-config-map';

const cm = (data: { [key: string]: string } | undefined, annotations: { [key: string]: string } = {}) => ({ kind: 'ConfigMap', metadata: { name: 'c', annotations }, data });

test('a ConfigMap is a controller\'s when it sets a controller-wide key, whatever its annotations', () => {
  expect(isControllerConfigMap(cm({ 'ssl-protocols': 'TLSv1.3' }))).toBe(true);
  expect(isControllerConfigMap(cm({ 'set-real-ip-from': '10.0.0.0/8' }))).toBe(true);
  expect(isControllerConfigMap(cm({ 'llm-waf.conf': 'x' }, { 'secure-ai.cdk8s.io/controller-wide-settings': 'hsts' }))).toBe(false);
  expect(isControllerConfigMap(cm(undefined))).toBe(false);
  expect(isControllerConfigMap({ kind: 'Secret', metadata: { name: 'c' }, data: { hsts: 'true' } })).toBe(false);
});

test('names the controller-wide keys in the order the data gives them, leaving per-Ingress keys out', () => {
  expect(controllerWideKeys(cm({ 'hsts': 'true', 'proxy-body-size': '1m', 'allow-snippet-annotations': 'false' }))).toStrictEqual(['hsts', 'allow-snippet-annotations']);
});
