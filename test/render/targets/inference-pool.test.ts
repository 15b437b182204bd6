import { EdgeController, InferenceBackend, InferencePoolOptions, LimitScope, SecureInferenceEndpointProps } from '../../../src';
import { DIGEST_IMAGE, MINIMAL_ENDPOINT, MINIMAL_ENVOY_GATEWAY_ENDPOINT, synthEndpoint } from '../../support/endpoint-fixtures';
import { find } from '../../support/fixtures';
import { validateAgainstKubernetesSchema } from '../../support/kubernetes-schema';

const POOL: InferencePoolOptions = { endpointPicker: { serviceName: 'llm-epp', port: 9002, podLabels: { 'app.kubernetes.io/name': 'llm-epp' } } };
const WITH_POOL: Partial<SecureInferenceEndpointProps> = { backend: InferenceBackend.workload({ image: DIGEST_IMAGE, inferencePool: POOL }) };
const synth = (overrides: Partial<SecureInferenceEndpointProps> = WITH_POOL) => synthEndpoint(overrides, MINIMAL_ENVOY_GATEWAY_ENDPOINT);

describe('an InferencePool backend on Envoy Gateway', () => {
  test('writes an InferencePool choosing the model pods on the serving port, naming the picker, failing closed', () => {
    const { objects } = synth();
    const pool = find(objects, 'InferencePool', 'llm');
    expect(pool.apiVersion).toBe('inference.networking.k8s.io/v1');
    expect(pool.metadata.namespace).toBe('serving');
    expect(pool.spec).toStrictEqual({
      selector: { matchLabels: { 'app.kubernetes.io/name': 'llm', 'app.kubernetes.io/component': 'model-server' } },
      targetPorts: [{ number: 8000 }],
      endpointPickerRef: { kind: 'Service', name: 'llm-epp', port: { number: 9002 }, failureMode: 'FailClose' },
    });
    // The pool chooses exactly the pods the model Service chooses.
    expect(find(objects, 'Service', 'llm').spec.selector).toStrictEqual(pool.spec.selector.matchLabels);
    validateAgainstKubernetesSchema(objects);
  });

  test('the HTTPRoute sends requests to the pool, not to the Service', () => {
    const { objects } = synth();
    expect(find(objects, 'HTTPRoute', 'llm').spec.rules[0].backendRefs).toStrictEqual([{ group: 'inference.networking.k8s.io', kind: 'InferencePool', name: 'llm' }]);
    expect(objects.findIndex((o) => o.kind === 'InferencePool')).toBeLessThan(objects.findIndex((o) => o.kind === 'HTTPRoute'));
    expect(synth({}).objects.filter((o) => o.kind === 'InferencePool')).toStrictEqual([]);
  });

  test('NetworkPolicies: Envoy reaches the picker and the model pods; the picker reaches the model pods\' metrics port', () => {
    const { objects } = synth();
    const names = objects.filter((o) => o.kind === 'NetworkPolicy').map((o) => o.metadata.name);
    expect(names).toEqual(expect.arrayContaining(['llm-from-controller', 'llm-endpoint-picker-from-controller', 'llm-endpoint-picker-to-metrics', 'llm-metrics-from-endpoint-picker']));
    const toPicker = find(objects, 'NetworkPolicy', 'llm-endpoint-picker-from-controller').spec;
    expect(toPicker.podSelector).toStrictEqual({ matchLabels: { 'app.kubernetes.io/name': 'llm-epp' } });
    expect(toPicker.ingress[0].ports).toStrictEqual([{ protocol: 'TCP', port: 9002 }]);
    expect(toPicker.ingress[0].from[0].namespaceSelector).toStrictEqual({ matchLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' } });
  });

  test('the deployer writes InferencePools; without the option change control guards them and the deployer may not', () => {
    const resourcesOf = (objects: any[]) => objects.filter((o) => o.kind === 'Role' && /deployer/.test(o.metadata.name))
      .flatMap((r) => r.rules.flatMap((x: any) => x.resources));
    const guarded = (objects: any[]) => JSON.stringify(objects.filter((o) => o.kind === 'ValidatingAdmissionPolicy'));
    expect(resourcesOf(synth().platform)).toContain('inferencepools');
    expect(resourcesOf(synth({}).platform)).not.toContain('inferencepools');
    expect(guarded(synth().platform)).toContain('inferencepools');
    expect(guarded(synth({}).platform)).toContain('inferencepools');
  });

  test('the route names the picker\'s access to the Kubernetes API as the platform\'s (SAI-EDGE-4)', () => {
    const route = find(synth().objects, 'HTTPRoute', 'llm');
    expect(route.metadata.annotations['secure-ai.cdk8s.io/relies-on-platform'])
      .toContain('the endpoint picker serving/llm-epp reaches the Kubernetes API server (it watches the pods and InferencePool llm): its egress to the API server and its RBAC are the platform\'s to grant');
  });

  test('fails on an Ingress target and with a token budget, naming the field and the fix', () => {
    expect(() => synthEndpoint(WITH_POOL, MINIMAL_ENDPOINT))
      .toThrow(/^Invalid backend\.inferencePool: "InferencePool"\. ingress-nginx cannot honour this option\. An Ingress routes to Services only/);
    expect(() => synthEndpoint({ ...WITH_POOL, controller: EdgeController.f5Nginx() }, MINIMAL_ENDPOINT))
      .toThrow(/^Invalid backend\.inferencePool: "InferencePool"\. f5-nginx cannot honour this option/);
    expect(() => synth({ ...WITH_POOL, limits: { scope: LimitScope.SHARED, requestsPerSecond: 5, tokenBudget: { tokensPerMinute: 2000 } } }))
      .toThrow(/^Invalid limits\.tokenBudget: "set"\. A token budget routes through an Envoy AI Gateway AIGatewayRoute[^]*remove limits\.tokenBudget, or remove backend\.inferencePool/);
  });

  test('change control guards the endpoint picker\'s Service and pods as the model\'s: the picker sees every prompt and chooses the pod', () => {
    const variable = (p: any, name: string) => p.spec.variables.find((v: any) => v.name === name)?.expression;
    const withPool = find(synth().platform, 'ValidatingAdmissionPolicy');
    expect(variable(withPool, 'modelServices')).toBe("['llm', 'llm-epp']");
    expect(variable(withPool, 'modelPodLabels')).toContain("'app.kubernetes.io/name': 'llm-epp'");
    const without = find(synthEndpoint({}, MINIMAL_ENVOY_GATEWAY_ENDPOINT).platform, 'ValidatingAdmissionPolicy');
    expect(variable(without, 'modelServices')).toBe("['llm']");
  });
});
