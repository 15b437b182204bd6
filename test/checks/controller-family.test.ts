import { ControllerFamily } from '../../src/checks/controller-family';

const cm = (data: { [key: string]: string }) => ({ kind: 'ConfigMap', metadata: { name: 'c', namespace: 'edge' }, data });
const ing = (annotations: { [key: string]: string }) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i', annotations } });

test('a controller ConfigMap is one family\'s by the keys only that family reads, both families\' by shared keys', () => {
  expect(ControllerFamily.ofConfigMap(cm({ 'use-forwarded-headers': 'false', 'hsts': 'true' }))).toStrictEqual([ControllerFamily.INGRESS_NGINX]);
  expect(ControllerFamily.ofConfigMap(cm({ 'set-real-ip-from': '10.0.0.0/8' }))).toStrictEqual([ControllerFamily.F5_NGINX]);
  expect(ControllerFamily.ofConfigMap(cm({ 'ssl-protocols': 'TLSv1.3' }))).toStrictEqual([ControllerFamily.INGRESS_NGINX, ControllerFamily.F5_NGINX]);
  expect(ControllerFamily.ofConfigMap(cm({ 'proxy-protocol': 'True', 'use-proxy-protocol': 'true' }))).toStrictEqual([ControllerFamily.INGRESS_NGINX, ControllerFamily.F5_NGINX]);
});

test('a route is one family\'s by its annotations or API group; other kinds are none\'s', () => {
  expect(ControllerFamily.ofRoute(ing({ 'nginx.ingress.kubernetes.io/limit-rps': '5' }))).toStrictEqual([ControllerFamily.INGRESS_NGINX]);
  expect(ControllerFamily.ofRoute(ing({ 'nginx.org/policies': 'p' }))).toStrictEqual([ControllerFamily.F5_NGINX]);
  expect(ControllerFamily.ofRoute(ing({}))).toStrictEqual([ControllerFamily.INGRESS_NGINX, ControllerFamily.F5_NGINX]);
  expect(ControllerFamily.ofRoute({ apiVersion: 'k8s.nginx.org/v1', kind: 'Policy', metadata: { name: 'p' } })).toStrictEqual([ControllerFamily.F5_NGINX]);
  expect(ControllerFamily.ofRoute({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r' } })).toStrictEqual([]);
});
