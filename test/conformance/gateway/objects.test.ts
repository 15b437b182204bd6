import * as YAML from 'yaml';
import {
  CHAT_PATH, ENVOY_GATEWAY_CONTROLLER, gatewayInputObjects, POLICY_NAME, ROUTE_NAME, toMultiDocumentYaml,
} from '../../../conformance/gateway/objects';

const jwt = { issuer: 'issuer', audience: 'chat', jwks: '{"keys":[]}' };

function find(objects: any[], kind: string): any {
  return objects.find((o) => o.kind === kind);
}

describe('gatewayInputObjects', () => {
  test('Envoy Gateway class, one exact POST route to the model Service, JWT policy on that route', () => {
    const objects = gatewayInputObjects({ jwt }) as any[];
    expect(find(objects, 'GatewayClass').spec.controllerName).toBe(ENVOY_GATEWAY_CONTROLLER);
    const route = find(objects, 'HTTPRoute');
    expect(route.spec.rules).toHaveLength(1);
    expect(route.spec.rules[0].matches).toStrictEqual([{ path: { type: 'Exact', value: CHAT_PATH }, method: 'POST' }]);
    expect(route.spec.rules[0].filters).toStrictEqual([{ type: 'RequestHeaderModifier', requestHeaderModifier: { remove: ['Authorization'] } }]);
    const policy = find(objects, 'SecurityPolicy');
    expect(policy.metadata.name).toBe(POLICY_NAME);
    expect(policy.spec.targetRefs).toStrictEqual([{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: ROUTE_NAME }]);
    expect(policy.spec.jwt.providers[0]).toMatchObject({ issuer: 'issuer', audiences: ['chat'], localJWKS: { type: 'Inline', inline: jwt.jwks } });
    expect(find(objects, 'ConfigMap')).toBeUndefined();
  });

  test('configmap: the JWKS moves to a ConfigMap the policy references by name', () => {
    const objects = gatewayInputObjects({ jwt, jwksSource: 'configmap' }) as any[];
    const cm = find(objects, 'ConfigMap');
    expect(cm.data).toStrictEqual({ jwks: jwt.jwks });
    expect(find(objects, 'SecurityPolicy').spec.jwt.providers[0].localJWKS)
      .toStrictEqual({ type: 'ValueRef', valueRef: { group: '', kind: 'ConfigMap', name: cm.metadata.name } });
  });

  test('policyTarget changes only the policy target', () => {
    const objects = gatewayInputObjects({ jwt, policyTarget: 'other' }) as any[];
    expect(find(objects, 'SecurityPolicy').spec.targetRefs[0].name).toBe('other');
    expect(find(objects, 'HTTPRoute').metadata.name).toBe(ROUTE_NAME);
  });
});

describe('toMultiDocumentYaml', () => {
  test('one YAML document per object, in order', () => {
    const objects = gatewayInputObjects({ jwt });
    const docs = YAML.parseAllDocuments(toMultiDocumentYaml(objects)).map((d) => d.toJS());
    expect(docs).toStrictEqual(objects);
  });
});
