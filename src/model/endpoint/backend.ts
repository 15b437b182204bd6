import { InferenceBackend, InferenceBackendKind } from '../../options/inference-backend';
import { CanaryOptions } from '../../options/traffic-limits';
import { dnsSubdomain, extendedResourceName, integer, port, quantity, quantityValue } from '../../options/validate';
import { ValidationError } from '../../options/validation-error';
import { Labels } from '../network-policy-model';
import { WeakenedControl } from '../weakening';

/** The model-server workload the construct creates. @internal */
export interface WorkloadModel {
  readonly image: string;
  readonly args?: string[];
  readonly env: { [name: string]: string };
  readonly port: number;
  readonly metricsPort: number;
  readonly replicas: number;
  readonly gpus: number;
  readonly gpuResourceName: string;
  readonly cpu: string;
  readonly memory: string;
  readonly cacheSize: string;
  readonly ephemeralStorage: string;
  readonly sharedMemorySize: string;
  readonly modelVolumeClaim?: string;
  readonly runAsUser: number;
  readonly healthPath: string;
}

/** A backend, resolved. @internal */
export interface BackendModel {
  readonly serviceName: string;
  readonly port: number;
  readonly podLabels: Labels;
  readonly workload?: WorkloadModel;
}

/** A second model version receiving part of the traffic. @internal */
export interface CanaryModel {
  readonly backend: BackendModel;
  readonly weightPercent?: number;
  readonly header?: string;
  readonly headerValue?: string;
}

const DIGEST = /^[a-z0-9]([a-z0-9._\-/:]*[a-z0-9])?@sha256:[a-f0-9]{64}$/;
const TAGGED = /^[a-z0-9]([a-z0-9._\-/:]*[a-z0-9])?(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$/;

/** An existing Service, or the workload the construct creates, validated. @internal */
export function backendModel(field: string, b: InferenceBackend, name: string, defaultPort: number, healthPath: string,
  weakenings: WeakenedControl[]): BackendModel {
  if (!b) throw new ValidationError(field, b, 'Give InferenceBackend.service(name, port, podLabels) or InferenceBackend.workload({...}).');
  if (b.kind === InferenceBackendKind.SERVICE) {
    if (!b.podLabels || Object.keys(b.podLabels).length === 0) {
      throw new ValidationError(`${field}.podLabels`, b.podLabels, 'Give the labels of the Service\'s pods, so that NetworkPolicies protect exactly those pods.');
    }
    return { serviceName: b.serviceName!, port: b.port!, podLabels: b.podLabels };
  }
  const w = b.workloadOptions!;
  if (!w || typeof w.image !== 'string') throw new ValidationError(`${field}.image`, w?.image, 'Give the model server image, pinned by digest.');
  if (!DIGEST.test(w.image)) {
    if (!(w.allowImageTag ?? false)) {
      throw new ValidationError(`${field}.image`, w.image, 'Pin the image by digest (e.g. "vllm/vllm-openai@sha256:<64 hex>"), or set allowImageTag: true (reported).');
    }
    if (!TAGGED.test(w.image)) throw new ValidationError(`${field}.image`, w.image, 'Not a valid image reference.');
    weakenings.push({ option: `${field}.allowImageTag: true`, effect: 'The model server image is referenced by a mutable tag.' });
  }
  const workloadPort = port(`${field}.port`, w.port ?? defaultPort);
  const runAsUser = integer(`${field}.runAsUser`, w.runAsUser ?? 10001, 10000, 2147483647);
  const env = { ...(w.env ?? {}) };
  for (const k of Object.keys(env)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new ValidationError(`${field}.env`, k, 'Environment variable names are letters, digits and "_".');
    if (/(TOKEN|SECRET|PASSWORD|API_KEY)/i.test(k)) {
      throw new ValidationError(`${field}.env`, k, 'Do not put secrets in plain environment variables; mount them from a Secret with the escape hatch (workload.deployment).');
    }
  }
  const cache = quantityValue(w.cacheSize ?? '20Gi');
  if (quantityValue(w.ephemeralStorage ?? '24Gi') < cache + 2 ** 30) {
    throw new ValidationError(`${field}.ephemeralStorage`, w.ephemeralStorage ?? '24Gi', `It must hold the cache (${w.cacheSize ?? '20Gi'}) plus 1Gi of /tmp; raise it or lower cacheSize.`);
  }
  return {
    serviceName: name,
    port: workloadPort,
    podLabels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/component': 'model-server' },
    workload: {
      image: w.image,
      args: w.args,
      env: { HOME: '/cache', HF_HOME: '/cache/huggingface', XDG_CACHE_HOME: '/cache', ...env },
      port: workloadPort,
      metricsPort: port(`${field}.metricsPort`, w.metricsPort ?? workloadPort),
      replicas: integer(`${field}.replicas`, w.replicas ?? 1, 1, 1000),
      gpus: integer(`${field}.gpus`, w.gpus ?? 1, 0, 64),
      gpuResourceName: extendedResourceName(`${field}.gpuResourceName`, w.gpuResourceName ?? 'nvidia.com/gpu'),
      cpu: quantity(`${field}.cpu`, w.cpu ?? '4'),
      memory: quantity(`${field}.memory`, w.memory ?? '32Gi'),
      cacheSize: quantity(`${field}.cacheSize`, w.cacheSize ?? '20Gi'),
      ephemeralStorage: quantity(`${field}.ephemeralStorage`, w.ephemeralStorage ?? '24Gi'),
      sharedMemorySize: quantity(`${field}.sharedMemorySize`, w.sharedMemorySize ?? '2Gi'),
      modelVolumeClaim: w.modelVolumeClaim === undefined ? undefined : dnsSubdomain(`${field}.modelVolumeClaim`, w.modelVolumeClaim),
      runAsUser,
      healthPath,
    },
  };
}

/** The canary, validated against the primary backend. @internal */
export function canaryModel(c: CanaryOptions | undefined, name: string, primary: BackendModel, defaultPort: number, healthPath: string,
  weakenings: WeakenedControl[]): CanaryModel | undefined {
  if (!c) return undefined;
  if (c.weightPercent === undefined && c.header === undefined) {
    throw new ValidationError('canary', c, 'Give weightPercent (0-100), header, or both.');
  }
  if (c.weightPercent !== undefined) integer('canary.weightPercent', c.weightPercent, 0, 100);
  if (c.header !== undefined && !/^[A-Za-z0-9-]+$/.test(c.header)) {
    throw new ValidationError('canary.header', c.header, 'Use an HTTP header name of letters, digits and "-".');
  }
  if (c.headerValue !== undefined && c.header === undefined) {
    throw new ValidationError('canary.headerValue', c.headerValue, 'headerValue needs header; set canary.header too.');
  }
  const backend = backendModel('canary.backend', c.backend, `${name}-canary`, defaultPort, healthPath, weakenings);
  if (backend.serviceName === primary.serviceName) {
    throw new ValidationError('canary.backend', backend.serviceName, 'The canary must be a different Service from the primary backend.');
  }
  return { backend, weightPercent: c.weightPercent, header: c.header, headerValue: c.headerValue };
}
