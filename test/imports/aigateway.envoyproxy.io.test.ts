import { Testing } from 'cdk8s';
import * as bindings from '../../src/imports/aigateway.envoyproxy.io';
import {
  AiGatewayRoute,
  AiGatewayRouteSpecLlmRequestCostsType,
  AiServiceBackend,
  AiServiceBackendSpecSchemaName,
} from '../../src/imports/aigateway.envoyproxy.io';

// Guards the generated Envoy AI Gateway bindings (aigateway.envoyproxy.io/v1beta1 only).
describe('aigateway.envoyproxy.io bindings', () => {
  test('AIGatewayRoute synthesises as v1beta1 with parentRefs, hostnames, a rule and llmRequestCosts', () => {
    const chart = Testing.chart();
    new AiGatewayRoute(chart, 'Route', {
      metadata: { name: 'llm', namespace: 'inference' },
      spec: {
        parentRefs: [{ name: 'platform-gateway', namespace: 'envoy-gateway-system', sectionName: 'https' }],
        hostnames: ['llm.example.com'],
        rules: [{ backendRefs: [{ name: 'llm' }] }],
        llmRequestCosts: [{ metadataKey: 'llm_total_token', type: AiGatewayRouteSpecLlmRequestCostsType.TOTAL_TOKEN }],
      },
    });
    expect(Testing.synth(chart)).toStrictEqual([{
      apiVersion: 'aigateway.envoyproxy.io/v1beta1',
      kind: 'AIGatewayRoute',
      metadata: { name: 'llm', namespace: 'inference' },
      spec: {
        parentRefs: [{ name: 'platform-gateway', namespace: 'envoy-gateway-system', sectionName: 'https' }],
        hostnames: ['llm.example.com'],
        rules: [{ backendRefs: [{ name: 'llm' }] }],
        llmRequestCosts: [{ metadataKey: 'llm_total_token', type: 'TotalToken' }],
      },
    }]);
  });

  test('AIServiceBackend synthesises with its schema and an Envoy Gateway Backend reference', () => {
    const chart = Testing.chart();
    new AiServiceBackend(chart, 'Backend', {
      metadata: { name: 'llm', namespace: 'inference' },
      spec: {
        schema: { name: AiServiceBackendSpecSchemaName.OPEN_AI },
        backendRef: { group: 'gateway.envoyproxy.io', kind: 'Backend', name: 'llm' },
      },
    });
    expect(Testing.synth(chart)).toStrictEqual([{
      apiVersion: 'aigateway.envoyproxy.io/v1beta1',
      kind: 'AIServiceBackend',
      metadata: { name: 'llm', namespace: 'inference' },
      spec: { schema: { name: 'OpenAI' }, backendRef: { group: 'gateway.envoyproxy.io', kind: 'Backend', name: 'llm' } },
    }]);
  });

  test('binds only v1beta1: the deprecated v1alpha1 has no classes', () => {
    expect(Object.keys(bindings).filter((k) => /V1Alpha1/.test(k))).toStrictEqual([]);
    expect(AiGatewayRoute.GVK.apiVersion).toBe('aigateway.envoyproxy.io/v1beta1');
    expect(AiServiceBackend.GVK.apiVersion).toBe('aigateway.envoyproxy.io/v1beta1');
  });
});
