import { isRoute, platformReliancesOf } from '../../src/checks/platform-reliance';

const gatewayRoute = (parentRefs: any[]) => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r', namespace: 'app' }, spec: { parentRefs } });
const subjects = (route: any, objects: any[] = []) => platformReliancesOf(route, [route, ...objects]).map((r) => r.subject);

test('routes are Gateway API routes, AIGatewayRoutes, Ingresses and F5 NGINX VirtualServers; other objects are not', () => {
  expect(isRoute(gatewayRoute([]))).toBe(true);
  expect(isRoute({ kind: 'Ingress' })).toBe(true);
  expect(isRoute({ apiVersion: 'k8s.nginx.org/v1', kind: 'VirtualServer' })).toBe(true);
  expect(isRoute({ apiVersion: 'example.com/v1', kind: 'VirtualServer' })).toBe(false);
  expect(isRoute({ kind: 'Service' })).toBe(false);
  expect(platformReliancesOf({ kind: 'Service', metadata: { name: 's' } }, [])).toStrictEqual([]);
});

test('a Gateway API route relies on each parent Gateway missing from the output, once, and on no parent of another kind', () => {
  const twice = gatewayRoute([{ name: 'gw', namespace: 'g', sectionName: 'https' }, { name: 'gw', namespace: 'g', sectionName: 'https' }, { kind: 'Service', name: 's' }]);
  expect(subjects(twice)).toStrictEqual(['Gateway g/gw']);
  expect(subjects(twice, [{ kind: 'Gateway', metadata: { name: 'gw', namespace: 'g' } }])).toStrictEqual([]);
});

test('an Ingress relies on its TLS Secret unless the output holds it or a Certificate in its namespace issues it', () => {
  const ingress = { kind: 'Ingress', metadata: { name: 'i', namespace: 'app' }, spec: { tls: [{ secretName: 'tls' }] } };
  const controller = { kind: 'ConfigMap', metadata: { name: 'c', namespace: 'edge' }, data: { hsts: 'true' } };
  expect(subjects(ingress, [controller])).toStrictEqual(['Secret app/tls']);
  expect(subjects(ingress, [controller, { kind: 'Secret', metadata: { name: 'tls', namespace: 'app' } }])).toStrictEqual([]);
  expect(subjects(ingress, [controller, { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'c', namespace: 'other' }, spec: { secretName: 'tls' } }])).toStrictEqual(['Secret app/tls']);
});
