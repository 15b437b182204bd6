import { BackendModel, CanaryModel, WorkloadModel } from './endpoint/backend';
import { ChallengeModel } from './endpoint/tls';
import { WeakenedControl } from './weakening';
import { WELL_KNOWN_GPU_RESOURCE_NAMES } from '../facts/gpu-resource-names';
import { ServingNamespaceQuota } from '../options/serving-namespace-quota';
import { extendedResourceName, integer, quantity, quantityValue } from '../options/validate';
import { ValidationError } from '../options/validation-error';

/**
 * What the LimitRange gives a container of a serving namespace that declares no requests or
 * limits (a debugging pod, a sidecar): a small request and a bounded limit. Model-server
 * containers and cert-manager's HTTP-01 solver declare their own.
 * @internal
 */
export const SERVING_CONTAINER_DEFAULTS = {
  defaultRequest: { cpu: '100m', memory: '128Mi' },
  defaultLimit: { cpu: '1', memory: '1Gi' },
};

/** The least the LimitRange's per-container cap is: the model-server workload's default size. */
const CONTAINER_MAX_FLOOR = { cpu: '4', memory: '32Gi' };

/** The most GPUs a quota option may add. */
const MAX_ADDITIONAL_GPUS = 100000;

/** An endpoint's share of its namespace's quota, when it sizes one. @internal */
export interface ServingQuotaSizing {
  /** GPUs by extended resource name: its workloads' peak during a rollout, plus the additional GPUs. */
  readonly gpus: { [resourceName: string]: number };
  /** NodePort Services cert-manager's HTTP-01 solvers need at once: one per DNS name. */
  readonly nodePorts: number;
  /** The least per-container CPU cap its containers need. */
  readonly maxContainerCpu: string;
  /** The least per-container memory cap its containers need. */
  readonly maxContainerMemory: string;
}

/** What one endpoint adds to its namespace's ResourceQuota and LimitRange. @internal */
export interface ServingQuotaContribution {
  /** `namespace/name` of the endpoint. */
  readonly endpoint: string;
  /** The endpoint's share, or none when it turned the quota off (`unlimitedInsecure`, reported). */
  readonly sizing?: ServingQuotaSizing;
}

/** The ResourceQuota and LimitRange of a serving namespace, composed from its endpoints. @internal */
export interface ServingQuotaModel {
  /** The ResourceQuota's `spec.hard`. */
  readonly hard: { [resource: string]: string };
  readonly containerDefaultRequest: { readonly cpu: string; readonly memory: string };
  readonly containerDefaultLimit: { readonly cpu: string; readonly memory: string };
  readonly containerMax: { readonly cpu: string; readonly memory: string };
  /** `namespace/name` of every endpoint it is composed from. */
  readonly endpoints: string[];
}

/** What of the endpoint the quota is sized from. @internal */
export interface ServingQuotaInputs {
  readonly createNamespace: boolean;
  readonly backend: BackendModel;
  readonly canary?: CanaryModel;
  readonly challenge: ChallengeModel;
  readonly hosts: string[];
}

const QUOTA_FIX = 'Give ServingNamespaceQuota.fromWorkloads({...}) or ServingNamespaceQuota.unlimitedInsecure().';

/**
 * The endpoint's share of its namespace's quota, validated: none when the endpoint does not
 * create its namespace (its owner's quota applies), a share without sizing when it opts out
 * (recorded as a weakened control).
 * @internal
 */
export function servingQuotaContribution(endpoint: string, q: ServingNamespaceQuota | undefined, e: ServingQuotaInputs,
  weakenings: WeakenedControl[]): ServingQuotaContribution | undefined {
  if (q !== undefined && !(q instanceof ServingNamespaceQuota)) throw new ValidationError('namespaceQuota', q, QUOTA_FIX);
  if (!e.createNamespace) {
    if (q !== undefined) {
      throw new ValidationError('namespaceQuota', q, 'The endpoint does not create its namespace (createNamespace: false), so the namespace\'s quota is its owner\'s: remove namespaceQuota, or let the endpoint create the namespace.');
    }
    return undefined;
  }
  const quota = q ?? ServingNamespaceQuota.fromWorkloads();
  if (!quota.limited) {
    weakenings.push({
      option: 'namespaceQuota: ServingNamespaceQuota.unlimitedInsecure()',
      effect: 'The namespace has no ResourceQuota and no LimitRange: its pods may request any number of GPUs and open LoadBalancer and NodePort Services, and a container that declares no resources runs unbounded.',
    });
    return { endpoint };
  }
  const options = quota.options ?? {};
  const backends: { field: string; backend: BackendModel }[] = [{ field: 'backend', backend: e.backend }];
  if (e.canary) backends.push({ field: 'canary.backend', backend: e.canary.backend });
  const workloads = backends.filter((b) => b.backend.workload !== undefined).map((b) => ({ field: b.field, workload: b.backend.workload! }));
  const services = backends.filter((b) => b.backend.workload === undefined);

  if (services.length > 0 && options.additionalGpus === undefined) {
    const named = services.map((s) => `${s.field} (Service "${s.backend.serviceName}")`).join(' and ');
    throw new ValidationError('namespaceQuota.additionalGpus', options.additionalGpus,
      `The pods behind ${named} run under the namespace's GPU quota, but the endpoint cannot count their GPUs: set namespaceQuota: ServingNamespaceQuota.fromWorkloads({ additionalGpus: <the GPUs those pods request, 0 if none> }) (and maxContainerCpu or maxContainerMemory if one of their containers needs more than ${CONTAINER_MAX_FLOOR.cpu} CPUs or ${CONTAINER_MAX_FLOOR.memory}), or createNamespace: false when another team owns the namespace.`);
  }
  if (options.additionalGpuResourceName !== undefined && options.additionalGpus === undefined) {
    throw new ValidationError('namespaceQuota.additionalGpus', options.additionalGpus,
      `additionalGpuResourceName is ${JSON.stringify(options.additionalGpuResourceName)} but additionalGpus is not set; set the number of GPUs to add.`);
  }
  const gpus: { [resourceName: string]: number } = {};
  for (const { workload: w } of workloads) gpus[w.gpuResourceName] = (gpus[w.gpuResourceName] ?? 0) + w.gpus * peakPods(w);
  const additional = integer('namespaceQuota.additionalGpus', options.additionalGpus ?? 0, 0, MAX_ADDITIONAL_GPUS);
  const additionalName = extendedResourceName('namespaceQuota.additionalGpuResourceName', options.additionalGpuResourceName ?? 'nvidia.com/gpu');
  gpus[additionalName] = (gpus[additionalName] ?? 0) + additional;

  return {
    endpoint,
    sizing: {
      gpus,
      nodePorts: e.challenge.kind === 'HTTP-01' ? e.hosts.length : 0,
      maxContainerCpu: containerMax('maxContainerCpu', 'cpu', options.maxContainerCpu, workloads),
      maxContainerMemory: containerMax('maxContainerMemory', 'memory', options.maxContainerMemory, workloads),
    },
  };
}

/**
 * The most pods of a workload that run at once in a rollout: its replicas and the pods its
 * strategy adds before it removes old ones. A replaced pod still counts against the quota while
 * it terminates, so with REPLACE_ONE_AT_A_TIME its successor is admitted once it is gone.
 */
function peakPods(w: WorkloadModel): number {
  return w.replicas + (w.rollout.maxSurge ?? 0);
}

/** The per-container cap an endpoint needs: the option, checked, or its largest container and the floor. */
function containerMax(option: 'maxContainerCpu' | 'maxContainerMemory', resource: 'cpu' | 'memory', given: string | undefined,
  workloads: { field: string; workload: WorkloadModel }[]): string {
  const field = `namespaceQuota.${option}`;
  let largest: { field: string; value: string } | undefined;
  for (const w of workloads) {
    const value = w.workload[resource];
    if (largest === undefined || quantityValue(value) > quantityValue(largest.value)) largest = { field: w.field, value };
  }
  if (given === undefined) {
    const floor = CONTAINER_MAX_FLOOR[resource];
    return largest !== undefined && quantityValue(largest.value) > quantityValue(floor) ? largest.value : floor;
  }
  const value = quantity(field, given);
  if (largest !== undefined && quantityValue(value) < quantityValue(largest.value)) {
    throw new ValidationError(field, value, `The model-server container of ${largest.field} declares ${resource} ${JSON.stringify(largest.value)}, and a LimitRange below it refuses its pods: use at least that.`);
  }
  const defaultLimit = SERVING_CONTAINER_DEFAULTS.defaultLimit[resource];
  if (quantityValue(value) < quantityValue(defaultLimit)) {
    throw new ValidationError(field, value, `Containers that declare no ${resource} are given a limit of ${JSON.stringify(defaultLimit)}, which the cap must allow: use at least that.`);
  }
  return value;
}

/**
 * Fails when an endpoint disagrees with the first endpoint of its namespace on turning the
 * namespace's quota off: the quota is the namespace's, one for all of them.
 * @internal
 */
export function assertSameQuotaChoice(first: ServingQuotaContribution, next: ServingQuotaContribution): void {
  if ((first.sizing === undefined) === (next.sizing === undefined)) return;
  const choice = (c: ServingQuotaContribution) => c.sizing === undefined ? 'ServingNamespaceQuota.unlimitedInsecure()' : 'a quota';
  throw new ValidationError(`namespaceQuota of ${next.endpoint}`, choice(next),
    `${first.endpoint} shares this namespace with ${choice(first)}; endpoints sharing a namespace share its quota and must agree on turning it off.`);
}

/**
 * The namespace's ResourceQuota and LimitRange, composed from its endpoints' shares: GPUs
 * summed by resource name (every well-known GPU name not used held at zero), node ports summed,
 * no LoadBalancer Service, and the largest per-container cap of its endpoints.
 * @internal
 */
export function composeServingQuota(contributions: ServingQuotaContribution[]): ServingQuotaModel {
  const sized = contributions.map((c) => c.sizing).filter((s): s is ServingQuotaSizing => s !== undefined);
  const gpus: { [resourceName: string]: number } = {};
  for (const name of WELL_KNOWN_GPU_RESOURCE_NAMES) gpus[name] = 0;
  for (const s of sized) for (const [name, n] of Object.entries(s.gpus)) gpus[name] = (gpus[name] ?? 0) + n;
  const hard: { [resource: string]: string } = {};
  for (const name of Object.keys(gpus).sort()) hard[`requests.${name}`] = String(gpus[name]);
  hard['services.loadbalancers'] = '0';
  hard['services.nodeports'] = String(sized.reduce((n, s) => n + s.nodePorts, 0));
  const largest = (values: string[]) => values.reduce((a, b) => quantityValue(b) > quantityValue(a) ? b : a);
  return {
    hard,
    containerDefaultRequest: { ...SERVING_CONTAINER_DEFAULTS.defaultRequest },
    containerDefaultLimit: { ...SERVING_CONTAINER_DEFAULTS.defaultLimit },
    containerMax: sized.length === 0 ? { ...CONTAINER_MAX_FLOOR } : {
      cpu: largest(sized.map((s) => s.maxContainerCpu)),
      memory: largest(sized.map((s) => s.maxContainerMemory)),
    },
    endpoints: contributions.map((c) => c.endpoint),
  };
}
