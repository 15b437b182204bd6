import { TrainingQuota, ContainerDefaults } from '../../options/training-quota';
import { extendedResourceName, integer, quantity, quantityValue } from '../../options/validate';
import { ValidationError } from '../../options/validation-error';

/** Default requests and limits of a container, from the LimitRange. @internal */
export interface ContainerDefaultsModel {
  readonly cpuRequest: string;
  readonly cpuLimit: string;
  readonly memoryRequest: string;
  readonly memoryLimit: string;
}

/** The ResourceQuota's hard limits (GPUs included) and the LimitRange's defaults, consistent with each other. @internal */
export function trainingQuota(q: TrainingQuota = {}, d: ContainerDefaults = {}):
{ quotaHard: { [resource: string]: string }; containerDefaults: ContainerDefaultsModel } {
  const cpu = quantity('quota.cpu', q.cpu ?? '32');
  const memory = quantity('quota.memory', q.memory ?? '256Gi');
  const quotaHard: { [resource: string]: string } = {
    'requests.cpu': cpu,
    'limits.cpu': cpu,
    'requests.memory': memory,
    'limits.memory': memory,
    'pods': String(integer('quota.pods', q.pods ?? 50, 1)),
    'persistentvolumeclaims': String(integer('quota.persistentVolumeClaims', q.persistentVolumeClaims ?? 20, 0)),
    'requests.storage': quantity('quota.storage', q.storage ?? '2Ti'),
    'count/jobs.batch': String(integer('quota.jobs', q.jobs ?? 100, 0)),
    'configmaps': String(integer('quota.configMaps', q.configMaps ?? 100, 1)),
    'secrets': String(integer('quota.secrets', q.secrets ?? 50, 1)),
    'services': String(integer('quota.services', q.services ?? 10, 0)),
    'services.loadbalancers': '0',
    'services.nodeports': '0',
  };
  if (q.gpus !== undefined) {
    integer('quota.gpus', q.gpus, 0, 100000);
    if (!q.gpuResourceName) {
      throw new ValidationError('quota.gpuResourceName', q.gpuResourceName,
        'A GPU quota needs the GPUs\' extended resource name, e.g. gpuResourceName: "nvidia.com/gpu".');
    }
    quotaHard[`requests.${extendedResourceName('quota.gpuResourceName', q.gpuResourceName)}`] = String(q.gpus);
  } else if (q.gpuResourceName !== undefined) {
    throw new ValidationError('quota.gpus', q.gpus, `gpuResourceName is "${q.gpuResourceName}" but gpus is not set; set quota.gpus to the number of GPUs allowed.`);
  }
  const containerDefaults = {
    cpuRequest: quantity('containerDefaults.cpuRequest', d.cpuRequest ?? '500m'),
    cpuLimit: quantity('containerDefaults.cpuLimit', d.cpuLimit ?? '2'),
    memoryRequest: quantity('containerDefaults.memoryRequest', d.memoryRequest ?? '1Gi'),
    memoryLimit: quantity('containerDefaults.memoryLimit', d.memoryLimit ?? '4Gi'),
  };
  if (quantityValue(containerDefaults.cpuRequest) > quantityValue(containerDefaults.cpuLimit)) {
    throw new ValidationError('containerDefaults.cpuRequest', containerDefaults.cpuRequest, `The request must not exceed cpuLimit (${containerDefaults.cpuLimit}).`);
  }
  if (quantityValue(containerDefaults.memoryRequest) > quantityValue(containerDefaults.memoryLimit)) {
    throw new ValidationError('containerDefaults.memoryRequest', containerDefaults.memoryRequest, `The request must not exceed memoryLimit (${containerDefaults.memoryLimit}).`);
  }
  if (quantityValue(containerDefaults.cpuLimit) > quantityValue(cpu)) {
    throw new ValidationError('containerDefaults.cpuLimit', containerDefaults.cpuLimit, `A single container's default limit exceeds the namespace quota (quota.cpu ${cpu}); lower it or raise the quota.`);
  }
  if (quantityValue(containerDefaults.memoryLimit) > quantityValue(memory)) {
    throw new ValidationError('containerDefaults.memoryLimit', containerDefaults.memoryLimit, `A single container's default limit exceeds the namespace quota (quota.memory ${memory}); lower it or raise the quota.`);
  }
  return { quotaHard, containerDefaults };
}
