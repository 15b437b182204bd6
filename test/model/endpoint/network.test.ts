import { EdgeController, InferenceBackend, ModelServer } from '../../../src';
import { backendModel } from '../../../src/model/endpoint/backend';
import { inferencePoolModel } from '../../../src/model/endpoint/inference-pool';
import { endpointNetworkPolicies } from '../../../src/model/endpoint/network';
import { exposureTarget } from '../../../src/model/exposure-targets';
import { EdgeControllerKind } from '../../../src/options/edge-controller';
import { DIGEST_IMAGE } from '../../support/endpoint-fixtures';

const controller = exposureTarget(EdgeControllerKind.ENVOY_GATEWAY)
  .controller(EdgeController.envoyGateway({ gateway: { name: 'platform-gateway', namespace: 'envoy-gateway-system' } }));
const backend = backendModel('backend', InferenceBackend.workload({ image: DIGEST_IMAGE, args: ['tritonserver'] }), 'llm', ModelServer.triton(['resnet50']), 600, []);
const PICKER_LABELS = { 'app.kubernetes.io/name': 'llm-epp' };

describe('the endpoint\'s NetworkPolicies', () => {
  test('without an InferencePool, no picker policy', () => {
    const names = endpointNetworkPolicies({ name: 'llm', controller, backend }, []).map((p) => p.name);
    expect(names).toStrictEqual(['llm-from-controller']);
  });

  test('with a gRPC API, the controller pods alone reach the model pods on the HTTP and the gRPC port', () => {
    const grpcBackend = backendModel('backend', InferenceBackend.workload({ image: DIGEST_IMAGE, args: ['tritonserver'] }), 'llm',
      ModelServer.triton(['resnet50'], undefined, { grpc: true }), 600, []);
    const [policy] = endpointNetworkPolicies({ name: 'llm', controller, backend: grpcBackend }, []);
    expect(policy.ingress).toStrictEqual([{
      peers: [{ namespaceLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' }, podLabels: controller.podLabels }],
      ports: [{ protocol: 'TCP', port: 8000 }, { protocol: 'TCP', port: 8001 }],
    }]);
    expect(policy.description).toBe('Only the envoy-gateway controller pods (namespace envoy-gateway-system) reach the model server on port 8000 and its gRPC port 8001.');
    // HTTP only: the gRPC port stays closed.
    expect(endpointNetworkPolicies({ name: 'llm', controller, backend }, [])[0].ingress![0].ports).toStrictEqual([{ protocol: 'TCP', port: 8000 }]);
  });

  test('with an InferencePool: the controller pods reach the picker and still the model pods; the picker reaches the model pods\' metrics port only', () => {
    const inferencePool = inferencePoolModel({ endpointPicker: { serviceName: 'llm-epp', port: 9002, targetPort: 9003, podLabels: PICKER_LABELS } },
      { name: 'llm', backend, backendTls: false, tokenBudget: false, ask: () => undefined });
    const policies = endpointNetworkPolicies({ name: 'llm', controller, backend, inferencePool }, []);
    const controllerPeer = { namespaceLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' }, podLabels: controller.podLabels };
    expect(policies.map((p) => p.name)).toStrictEqual(['llm-from-controller', 'llm-endpoint-picker-from-controller', 'llm-endpoint-picker-to-metrics', 'llm-metrics-from-endpoint-picker']);
    expect(policies[0].ingress).toStrictEqual([{ peers: [controllerPeer], ports: [{ protocol: 'TCP', port: 8000 }] }]);
    expect(policies[1]).toMatchObject({ podLabels: PICKER_LABELS, policyTypes: ['Ingress'], ingress: [{ peers: [controllerPeer], ports: [{ protocol: 'TCP', port: 9003 }] }] });
    expect(policies[2]).toMatchObject({ podLabels: PICKER_LABELS, policyTypes: ['Egress'], egress: [{ peers: [{ podLabels: backend.podLabels }], ports: [{ protocol: 'TCP', port: 8002 }] }] });
    expect(policies[3]).toMatchObject({ podLabels: backend.podLabels, policyTypes: ['Ingress'], ingress: [{ peers: [{ podLabels: PICKER_LABELS }], ports: [{ protocol: 'TCP', port: 8002 }] }] });
  });
});
