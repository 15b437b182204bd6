import { Testing } from 'cdk8s';
import * as bindings from '../../src/imports/gateway.networking.k8s.io';
import {
  BackendTlsPolicy,
  Gateway,
  GatewaySpecListenersTlsMode,
  HttpRoute,
  HttpRouteSpecRulesMatchesPathType,
  ListenerSet,
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

  test('BackendTLSPolicy and ListenerSet synthesise as gateway.networking.k8s.io/v1', () => {
    const chart = Testing.chart();
    new BackendTlsPolicy(chart, 'Policy', {
      metadata: { name: 'vllm', namespace: 'models' },
      spec: {
        targetRefs: [{ group: '', kind: 'Service', name: 'vllm' }],
        validation: {
          caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'models-ca' }],
          hostname: 'vllm.models.svc.cluster.local',
        },
      },
    });
    new ListenerSet(chart, 'Listeners', {
      metadata: { name: 'team-a', namespace: 'team-a' },
      spec: {
        parentRef: { name: 'shared', namespace: 'edge' },
        listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', hostname: 'a.example.com' }],
      },
    });
    const [policy, listeners] = Testing.synth(chart);
    expect(policy).toStrictEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'BackendTLSPolicy',
      metadata: { name: 'vllm', namespace: 'models' },
      spec: {
        targetRefs: [{ group: '', kind: 'Service', name: 'vllm' }],
        validation: {
          caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'models-ca' }],
          hostname: 'vllm.models.svc.cluster.local',
        },
      },
    });
    expect(listeners.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(listeners.kind).toBe('ListenerSet');
    expect(listeners.spec.parentRef).toStrictEqual({ name: 'shared', namespace: 'edge' });
  });

  test('the bindings are the standard channel, v1 only', () => {
    const names = Object.keys(bindings);
    // experimental-channel fields (HTTPRoute/GRPCRoute spec.useDefaultGateways) are not in the standard CRDs
    expect(names.filter(n => /UseDefaultGateways/.test(n))).toStrictEqual([]);
    // one set of classes: no suffixed v1beta1 / v1alpha3 copies of the released bundle's other versions
    expect(names.filter(n => /V1(Beta|Alpha)\d/.test(n))).toStrictEqual([]);
  });
});
