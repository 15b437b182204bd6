import { InferencePoolOptions } from '../../options/inference-pool-options';
import { dnsLabel, labelKey, labelValue, port } from '../../options/validate';
import { ValidationError } from '../../options/validation-error';
import { TargetFeature, TargetRequest } from '../exposure-targets';
import { Labels } from '../network-policy-model';
import { BackendModel, CanaryModel } from './backend';

/** The endpoint picker an InferencePool names, resolved. @internal */
export interface EndpointPickerModel {
  readonly serviceName: string;
  /** The Service port the Gateway calls. */
  readonly port: number;
  /** The picker pods' port: what NetworkPolicies admit. */
  readonly targetPort: number;
  readonly podLabels: Labels;
}

/** The endpoint's InferencePool, resolved. @internal */
export interface InferencePoolModel {
  /** The pool's name: the endpoint's. */
  readonly name: string;
  /** The model pods' labels: the pool's selector. */
  readonly podLabels: Labels;
  /** The model pods' serving port: the pool's target port. */
  readonly targetPort: number;
  /** The model pods' metrics port, which the picker reads. */
  readonly metricsPort: number;
  readonly endpointPicker: EndpointPickerModel;
  /** What the Gateway does when the picker does not answer: always refuse the request. */
  readonly failureMode: 'FailClose';
}

/** What an InferencePool is checked against. @internal */
export interface InferencePoolContext {
  readonly name: string;
  readonly backend: BackendModel;
  readonly canary?: CanaryModel;
  readonly backendTls: boolean;
  readonly tokenBudget: boolean;
  readonly ask: (r: TargetRequest) => void;
}

const FIELD = 'backend.inferencePool';

/**
 * The InferencePool in front of the created workload, validated: on a target that routes to pools,
 * alone (no canary, backendTls or token budget), with a picker of its own pods. @internal
 */
export function inferencePoolModel(o: InferencePoolOptions | undefined, ctx: InferencePoolContext): InferencePoolModel | undefined {
  if (o === undefined) return undefined;
  const { backend } = ctx;
  if (!o || typeof o !== 'object' || !o.endpointPicker || typeof o.endpointPicker !== 'object') {
    throw new ValidationError(`${FIELD}.endpointPicker`, o?.endpointPicker, 'Give the endpoint picker the pool names: { serviceName, port, podLabels } of the picker deployed in the endpoint\'s namespace.');
  }
  ctx.ask({ feature: TargetFeature.INFERENCE_POOL, field: FIELD, value: 'InferencePool' });
  if (ctx.canary !== undefined) {
    throw new ValidationError('canary', ctx.canary.backend.serviceName, 'An InferencePool chooses among its own pods, so a weighted or header canary cannot be expressed beside it in this release: remove the canary, or remove backend.inferencePool.');
  }
  if (ctx.backendTls) {
    throw new ValidationError('backendTls', 'on', 'The Gateway sends requests to the pool\'s pods by address, not to the model Service a BackendTLSPolicy names, so it would not verify the servers: remove backendTls, or remove backend.inferencePool.');
  }
  if (ctx.tokenBudget) {
    throw new ValidationError('limits.tokenBudget', 'set', 'A token budget routes through an Envoy AI Gateway AIGatewayRoute, whose backends this release writes as AIServiceBackends, not InferencePools: remove limits.tokenBudget, or remove backend.inferencePool.');
  }
  const p = o.endpointPicker;
  const serviceName = dnsLabel(`${FIELD}.endpointPicker.serviceName`, p.serviceName);
  if (serviceName === backend.serviceName) {
    throw new ValidationError(`${FIELD}.endpointPicker.serviceName`, serviceName, 'That is the model Service: name the endpoint picker\'s own Service.');
  }
  const pickerPort = port(`${FIELD}.endpointPicker.port`, p.port);
  const targetPort = p.targetPort === undefined ? pickerPort : port(`${FIELD}.endpointPicker.targetPort`, p.targetPort);
  const labels = p.podLabels;
  if (!labels || typeof labels !== 'object' || Object.keys(labels).length === 0) {
    throw new ValidationError(`${FIELD}.endpointPicker.podLabels`, labels, 'Give the labels of the picker\'s pods, so that NetworkPolicies let only the Gateway reach them and only them read the model pods\' metrics.');
  }
  const podLabels: Labels = {};
  for (const [k, v] of Object.entries(labels)) podLabels[labelKey(`${FIELD}.endpointPicker.podLabels`, k)] = labelValue(`${FIELD}.endpointPicker.podLabels.${k}`, v);
  if (Object.entries(podLabels).every(([k, v]) => backend.podLabels[k] === v)) {
    throw new ValidationError(`${FIELD}.endpointPicker.podLabels`, podLabels, 'These labels also choose the model pods: give labels only the picker\'s pods carry (e.g. { "app.kubernetes.io/name": "<picker>" }).');
  }
  const workload = backend.workload!;
  return {
    name: ctx.name,
    podLabels: backend.podLabels,
    targetPort: backend.targetPort,
    metricsPort: workload.metricsPort,
    endpointPicker: { serviceName, port: pickerPort, targetPort, podLabels },
    failureMode: 'FailClose',
  };
}

/** The line the security report shows for the picker's access to the Kubernetes API (SAI-EDGE-4). @internal */
export function endpointPickerReliance(namespace: string, pool: InferencePoolModel): string {
  return `the endpoint picker ${namespace}/${pool.endpointPicker.serviceName} reaches the Kubernetes API server (it watches the pods and InferencePool ${pool.name}): `
    + 'its egress to the API server and its RBAC are the platform\'s to grant';
}
