import { Construct } from 'constructs';
import { InferencePool, InferencePoolSpecEndpointPickerRefFailureMode } from '../../imports/inference.networking.k8s.io';
import { InferencePoolModel } from '../../model/endpoint/inference-pool';

/**
 * Renders the endpoint's InferencePool (`inference.networking.k8s.io/v1`): the model pods (by the
 * labels of the workload's Service selector) on their serving port, and the endpoint picker's
 * Service the Gateway asks which pod serves each request, failing closed when it does not answer.
 * @internal
 */
export function renderInferencePool(scope: Construct, namespace: string, pool: InferencePoolModel,
  labels: { [k: string]: string } = {}): InferencePool {
  return new InferencePool(scope, 'inference-pool', {
    metadata: { name: pool.name, namespace, labels },
    spec: {
      selector: { matchLabels: { ...pool.podLabels } },
      targetPorts: [{ number: pool.targetPort }],
      endpointPickerRef: {
        kind: 'Service',
        name: pool.endpointPicker.serviceName,
        port: { number: pool.endpointPicker.port },
        failureMode: InferencePoolSpecEndpointPickerRefFailureMode.FAIL_CLOSE,
      },
    },
  });
}
