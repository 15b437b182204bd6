import { InferenceBackend, InferencePoolOptions, ModelServer } from '../../../src';
import { backendModel, canaryModel } from '../../../src/model/endpoint/backend';
import { endpointPickerReliance, inferencePoolModel } from '../../../src/model/endpoint/inference-pool';
import { TargetRequest } from '../../../src/model/exposure-targets';
import { DIGEST_IMAGE } from '../../support/endpoint-fixtures';

const PICKER = { serviceName: 'llm-epp', port: 9002, podLabels: { 'app.kubernetes.io/name': 'llm-epp' } };

function pool(o: InferencePoolOptions | undefined, extra: { canary?: boolean; backendTls?: boolean; tokenBudget?: boolean; triton?: boolean } = {}) {
  const backend = extra.triton
    ? backendModel('backend', InferenceBackend.workload({ image: DIGEST_IMAGE, args: ['tritonserver'] }), 'llm', ModelServer.triton(['resnet50']), 600, [])
    : backendModel('backend', InferenceBackend.workload({ image: DIGEST_IMAGE, port: 8000 }), 'llm', ModelServer.vllm(), 600, []);
  const canary = extra.canary
    ? canaryModel({ backend: InferenceBackend.workload({ image: DIGEST_IMAGE, port: 8000 }), weightPercent: 10 }, 'llm', backend, ModelServer.vllm(), 600, [])
    : undefined;
  const asked: TargetRequest[] = [];
  const model = inferencePoolModel(o, { name: 'llm', backend, canary, backendTls: extra.backendTls ?? false, tokenBudget: extra.tokenBudget ?? false, ask: (r) => asked.push(r) });
  return { model, asked };
}

describe('an InferencePool backend', () => {
  test('without the option there is no pool and nothing is asked of the target', () => {
    expect(pool(undefined)).toStrictEqual({ model: undefined, asked: [] });
  });

  test('selects the workload\'s pods on the serving port, names the picker, fails closed, and asks the target', () => {
    const { model, asked } = pool({ endpointPicker: PICKER });
    expect(model).toStrictEqual({
      name: 'llm',
      podLabels: { 'app.kubernetes.io/name': 'llm', 'app.kubernetes.io/component': 'model-server' },
      targetPort: 8000,
      metricsPort: 8000,
      endpointPicker: { serviceName: 'llm-epp', port: 9002, targetPort: 9002, podLabels: { 'app.kubernetes.io/name': 'llm-epp' } },
      failureMode: 'FailClose',
    });
    expect(asked.map((r) => `${r.feature.description} ${r.field}`)).toStrictEqual(['an InferencePool backend (Gateway API Inference Extension) backend.inferencePool']);
  });

  test('the picker reads the metrics port the workload declares; the picker\'s pod port may differ from its Service port', () => {
    const { model } = pool({ endpointPicker: { ...PICKER, targetPort: 9003 } }, { triton: true });
    expect(model!.metricsPort).toBe(8002);
    expect(model!.endpointPicker.targetPort).toBe(9003);
  });

  test('fails without a picker, or with a picker that is not one of its own', () => {
    expect(() => pool({} as InferencePoolOptions)).toThrow(/^Invalid backend\.inferencePool\.endpointPicker: undefined\. Give the endpoint picker the pool names/);
    expect(() => pool({ endpointPicker: { ...PICKER, serviceName: 'Not_A_Name' } })).toThrow(/^Invalid backend\.inferencePool\.endpointPicker\.serviceName: "Not_A_Name"/);
    expect(() => pool({ endpointPicker: { ...PICKER, serviceName: 'llm' } })).toThrow(/^Invalid backend\.inferencePool\.endpointPicker\.serviceName: "llm"\. That is the model Service/);
    expect(() => pool({ endpointPicker: { ...PICKER, port: 0 } })).toThrow(/^Invalid backend\.inferencePool\.endpointPicker\.port: 0/);
    expect(() => pool({ endpointPicker: { ...PICKER, targetPort: 70000 } })).toThrow(/^Invalid backend\.inferencePool\.endpointPicker\.targetPort: 70000/);
    expect(() => pool({ endpointPicker: { ...PICKER, podLabels: {} } })).toThrow(/^Invalid backend\.inferencePool\.endpointPicker\.podLabels: \{\}\. Give the labels of the picker's pods/);
    expect(() => pool({ endpointPicker: { ...PICKER, podLabels: { 'app.kubernetes.io/name': 'llm' } } }))
      .toThrow(/^Invalid backend\.inferencePool\.endpointPicker\.podLabels: \{ app\.kubernetes\.io\/name: "llm" \}\. These labels also choose the model pods/);
  });

  test('fails with a canary, backendTls or a token budget, naming the option and the fix', () => {
    expect(() => pool({ endpointPicker: PICKER }, { canary: true })).toThrow(/^Invalid canary: "llm-canary"\. An InferencePool chooses among its own pods[^]*remove the canary, or remove backend\.inferencePool/);
    expect(() => pool({ endpointPicker: PICKER }, { backendTls: true })).toThrow(/^Invalid backendTls: "on"\.[^]*remove backendTls, or remove backend\.inferencePool/);
    expect(() => pool({ endpointPicker: PICKER }, { tokenBudget: true })).toThrow(/^Invalid limits\.tokenBudget: "set"\.[^]*remove limits\.tokenBudget, or remove backend\.inferencePool/);
  });

  test('the report names the picker\'s access to the Kubernetes API as the platform\'s to allow', () => {
    const line = endpointPickerReliance('serving', pool({ endpointPicker: PICKER }).model!);
    expect(line).toBe('the endpoint picker serving/llm-epp reaches the Kubernetes API server (it watches the pods and InferencePool llm): its egress to the API server and its RBAC are the platform\'s to grant');
    expect(line).not.toContain('; ');
  });
});
