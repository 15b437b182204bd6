import { Testing } from 'cdk8s';
import { InferencePool, InferencePoolSpecEndpointPickerRefFailureMode } from '../../src/imports/inference.networking.k8s.io';

// Guards the generated Gateway API Inference Extension bindings (inference.networking.k8s.io/v1).
describe('inference.networking.k8s.io bindings', () => {
  test('InferencePool synthesises with its selector, target ports and endpoint picker', () => {
    const chart = Testing.chart();
    new InferencePool(chart, 'Pool', {
      metadata: { name: 'llm', namespace: 'inference' },
      spec: {
        selector: { matchLabels: { app: 'llm' } },
        targetPorts: [{ number: 8000 }],
        endpointPickerRef: { name: 'llm-epp', port: { number: 9002 }, failureMode: InferencePoolSpecEndpointPickerRefFailureMode.FAIL_CLOSE },
      },
    });
    expect(Testing.synth(chart)).toStrictEqual([{
      apiVersion: 'inference.networking.k8s.io/v1',
      kind: 'InferencePool',
      metadata: { name: 'llm', namespace: 'inference' },
      spec: {
        selector: { matchLabels: { app: 'llm' } },
        targetPorts: [{ number: 8000 }],
        endpointPickerRef: { name: 'llm-epp', port: { number: 9002 }, failureMode: 'FailClose' },
      },
    }]);
  });
});
