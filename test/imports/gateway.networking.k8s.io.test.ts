import { Testing } from 'cdk8s';
import {
  Gateway,
  GatewaySpecListenersTlsMode,
  HttpRoute,
  HttpRouteSpecRulesMatchesPathType,
  ReferenceGrant,
} from '../../src/imports/gateway.networking.k8s.io';

// Guards the generated Gateway API bindings. Note the jsii class names: HTTPRoute is
// `HttpRoute`, GRPCRoute is `GrpcRoute`; the synthesised kind keeps the CRD spelling.
describe('gateway.networking.k8s.io bindings', () => {
  test('Gateway, HTTPRoute and ReferenceGrant synthesise as gateway.networking.k8s.io/v1', () => {
    const chart = Testing.chart();
    new Gateway(chart, 'Gateway', {
      metadata: { name: 'llm', namespace: 'inference' },
      spec: {
        gatewayClassName: 'envoy',
        listeners: [{
          name: 'https',
          port: 443,
          protocol: 'HTTPS',
          hostname: 'llm.example.com',
          tls: { mode: GatewaySpecListenersTlsMode.TERMINATE, certificateRefs: [{ name: 'llm-tls' }] },
        }],
      },
    });
    new HttpRoute(chart, 'Route', {
      metadata: { name: 'llm', namespace: 'inference' },
      spec: {
        parentRefs: [{ name: 'llm', sectionName: 'https' }],
        hostnames: ['llm.example.com'],
        rules: [{
          matches: [{ path: { type: HttpRouteSpecRulesMatchesPathType.PATH_PREFIX, value: '/v1/chat/completions' } }],
          backendRefs: [{ name: 'vllm', port: 8000 }],
        }],
      },
    });
    new ReferenceGrant(chart, 'Grant', {
      metadata: { name: 'allow-routes', namespace: 'models' },
      spec: {
        from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'inference' }],
        to: [{ group: '', kind: 'Service', name: 'vllm' }],
      },
    });

    const [gateway, route, grant] = Testing.synth(chart);
    expect(gateway).toStrictEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'llm', namespace: 'inference' },
      spec: {
        gatewayClassName: 'envoy',
        listeners: [{
          name: 'https',
          port: 443,
          protocol: 'HTTPS',
          hostname: 'llm.example.com',
          tls: { mode: 'Terminate', certificateRefs: [{ name: 'llm-tls' }] },
        }],
      },
    });
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(route.kind).toBe('HTTPRoute');
    expect(route.spec.rules).toStrictEqual([{
      matches: [{ path: { type: 'PathPrefix', value: '/v1/chat/completions' } }],
      backendRefs: [{ name: 'vllm', port: 8000 }],
    }]);
    expect(grant.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(grant.kind).toBe('ReferenceGrant');
    expect(grant.spec.to).toStrictEqual([{ group: '', kind: 'Service', name: 'vllm' }]);
  });
});
