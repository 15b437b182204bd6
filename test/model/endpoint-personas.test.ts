import { endpointAuditorRules, endpointDeployerRules, endpointResources } from '../../src/model/endpoint-personas';
import { exposureTarget } from '../../src/model/exposure-targets';
import { EdgeControllerKind } from '../../src/options/edge-controller';

describe('the endpoint personas', () => {
  const envoyGateway = exposureTarget(EdgeControllerKind.ENVOY_GATEWAY).resources;

  test('the deployer writes the Envoy Gateway target\'s HTTPRoutes and policies, besides the core kinds', () => {
    const rules = endpointDeployerRules(envoyGateway);
    expect(rules).toContainEqual({ apiGroups: ['gateway.networking.k8s.io'], resources: ['httproutes'], verbs: expect.arrayContaining(['create', 'update', 'patch', 'delete']) });
    expect(rules).toContainEqual({ apiGroups: ['gateway.envoyproxy.io'], resources: ['securitypolicies', 'backendtrafficpolicies'], verbs: expect.arrayContaining(['create', 'delete']) });
    // Never Gateways (the platform's), nor what change control guards without the endpoint writing it.
    for (const r of ['gateways', 'envoyextensionpolicies', 'referencegrants']) expect(rules.flatMap((x) => x.resources)).not.toContain(r);
  });

  test('the auditor reads them, and writes nothing', () => {
    const rules = endpointAuditorRules(envoyGateway);
    expect(rules).toContainEqual({ apiGroups: ['gateway.networking.k8s.io'], resources: ['httproutes'], verbs: ['get', 'list', 'watch'] });
    expect(rules.flatMap((r) => r.verbs)).not.toContain('create');
  });

  test('the kinds of ingress-nginx are the core ones only', () => {
    expect(endpointResources(exposureTarget(EdgeControllerKind.INGRESS_NGINX).resources).flatMap((r) => r.apiGroups)).not.toContain('gateway.networking.k8s.io');
  });
});
