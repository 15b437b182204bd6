import { InferenceBackend, InferenceBackendKind } from '../../options/inference-backend';
import { ModelServer, ServerFlag, ServerPortSetting } from '../../options/model-server';
import { PodToleration, TolerationOperator } from '../../options/pod-scheduling';
import { RolloutStrategy } from '../../options/rollout-strategy';
import { CanaryOptions } from '../../options/traffic-limits';
import { dnsSubdomain, extendedResourceName, integer, labelKey, labelValue, port, quantity, quantityValue, unique } from '../../options/validate';
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
  /**
   * The port the server serves its gRPC API on (the preset's, e.g. Triton's `--grpc-port`).
   * @default - none: the endpoint exposes no gRPC API
   */
  readonly grpcPort?: number;
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
  readonly startupTimeoutSeconds: number;
  readonly rollout: RolloutStrategy;
  /** How long a stopping pod keeps serving while it leaves the Service's endpoints (preStop sleep). */
  readonly drainSeconds: number;
  /** The drain plus the longest stream the controller allows (limits.readTimeoutSeconds). */
  readonly terminationGracePeriodSeconds: number;
  readonly tolerations: TolerationModel[];
  readonly nodeSelector: { [key: string]: string };
  readonly runtimeClassName?: string;
  readonly imagePullSecrets: string[];
  /**
   * The Secret with the server's TLS key and certificate, mounted read-only (backendTls); the
   * probes then use HTTPS.
   * @default - none: the server serves plain HTTP
   */
  readonly tlsSecretName?: string;
}

/** A toleration, as Kubernetes writes it. @internal */
export interface TolerationModel {
  readonly key: string;
  readonly operator: string;
  readonly value?: string;
  readonly effect?: string;
}

/** A backend, resolved. @internal */
export interface BackendModel {
  readonly serviceName: string;
  /** The Service port: what the controller routes to. */
  readonly port: number;
  /** The pods' port (the Service's targetPort): what NetworkPolicies admit. */
  readonly targetPort: number;
  /**
   * The Service port (and pods' port) of the preset's gRPC API, when the endpoint exposes it.
   * @default - none
   */
  readonly grpcPort?: number;
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

/** Long enough for the endpoints controller and the edge controller to stop sending a stopping pod new requests. */
const DRAIN_SECONDS = 10;
const DIGEST = /^[a-z0-9]([a-z0-9._\-/:]*[a-z0-9])?@sha256:[a-f0-9]{64}$/;
const TAGGED = /^[a-z0-9]([a-z0-9._\-/:]*[a-z0-9])?(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$/;

/** An existing Service, or the workload the construct creates, validated. @internal */
export function backendModel(field: string, b: InferenceBackend, name: string, server: ModelServer, streamTimeoutSeconds: number,
  weakenings: WeakenedControl[]): BackendModel {
  if (!b) throw new ValidationError(field, b, 'Give InferenceBackend.service(name, port, podLabels) or InferenceBackend.workload({...}).');
  if (b.kind === InferenceBackendKind.SERVICE) {
    if (!b.podLabels || Object.keys(b.podLabels).length === 0) {
      throw new ValidationError(`${field}.podLabels`, b.podLabels, 'Give the labels of the Service\'s pods, so that NetworkPolicies protect exactly those pods.');
    }
    if (server._grpc !== undefined) {
      throw new ValidationError(field, `InferenceBackend.service(${b.serviceName})`, `ModelServer.${presetFactory(server.name)}(..., { grpc: true }) exposes the server's gRPC port, which the library declares on the workload it creates: `
        + 'use InferenceBackend.workload({...}), or remove grpc: true to route the Service\'s HTTP port only.');
    }
    return { serviceName: b.serviceName!, port: b.port!, targetPort: b.targetPort ?? b.port!, podLabels: b.podLabels };
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
  if (w.port === undefined && server.defaultPort === undefined) {
    throw new ValidationError(`${field}.port`, w.port, `ModelServer.${presetFactory(server.name)}() cannot tell the server which port to listen on: set ${field}.port to the port your server listens on (and pass it to the server in args or env as it expects).`);
  }
  const workloadPort = port(`${field}.port`, w.port ?? server.defaultPort!);
  const runAsUser = integer(`${field}.runAsUser`, w.runAsUser ?? 10001, 10000, 2147483647);
  const env = { ...(w.env ?? {}) };
  for (const k of Object.keys(env)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new ValidationError(`${field}.env`, k, 'Environment variable names are letters, digits and "_".');
    if (/(TOKEN|SECRET|PASSWORD|API_KEY)/i.test(k)) {
      throw new ValidationError(`${field}.env`, k, 'Do not put secrets in plain environment variables; mount them from a Secret with the escape hatch (workload.deployment).');
    }
  }
  const cmd = server._commandLine;
  const args = [...(w.args ?? [])];
  if (cmd.command !== undefined && !(args.length > 0 && (args[0] === cmd.command || args[0].endsWith(`/${cmd.command}`)))) {
    throw new ValidationError(`${field}.args`, w.args, `The ${server.name} image runs the command given in args: start them with "${cmd.command}", e.g. ["${cmd.command}", "--model-repository=/models"].`);
  }
  if (cmd.metricsPort === undefined && cmd.port !== undefined && w.metricsPort !== undefined && w.metricsPort !== workloadPort) {
    throw new ValidationError(`${field}.metricsPort`, w.metricsPort, `${server.name} serves /metrics on its HTTP port (${workloadPort}); remove metricsPort.`);
  }
  const metricsPort = port(`${field}.metricsPort`, w.metricsPort ?? cmd.metricsPort?.defaultPort ?? workloadPort);
  if (cmd.port !== undefined) args.push(...tellPort(field, 'port', cmd.port, workloadPort, args, env));
  if (cmd.metricsPort !== undefined) args.push(...tellPort(field, 'metricsPort', cmd.metricsPort, metricsPort, args, env));
  const grpcPort = grpcPortOf(field, server, workloadPort, metricsPort, args);
  if (grpcPort !== undefined) args.push(server._grpc!.port.flag, String(grpcPort));
  if (cmd.shutdownTimeout !== undefined) args.push(...tellShutdownTimeout(field, cmd.shutdownTimeout, streamTimeoutSeconds, args));
  remoteCode(field, w.allowRemoteCodeInsecure ?? false, args, env, weakenings);
  if (w.modelRevision !== undefined) args.push(...tellRevision(field, server, w.modelRevision, args, env));
  const cache = quantityValue(w.cacheSize ?? '20Gi');
  if (quantityValue(w.ephemeralStorage ?? '24Gi') < cache + 2 ** 30) {
    throw new ValidationError(`${field}.ephemeralStorage`, w.ephemeralStorage ?? '24Gi', `It must hold the cache (${w.cacheSize ?? '20Gi'}) plus 1Gi of /tmp; raise it or lower cacheSize.`);
  }
  return {
    serviceName: name,
    port: workloadPort,
    targetPort: workloadPort,
    ...(grpcPort !== undefined ? { grpcPort } : {}),
    podLabels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/component': 'model-server' },
    workload: {
      image: w.image,
      args: args.length > 0 ? args : undefined,
      env: { HOME: '/cache', HF_HOME: '/cache/huggingface', XDG_CACHE_HOME: '/cache', ...env },
      port: workloadPort,
      metricsPort,
      ...(grpcPort !== undefined ? { grpcPort } : {}),
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
      healthPath: server.healthPath,
      rollout: w.rollout ?? RolloutStrategy.REPLACE_ONE_AT_A_TIME,
      drainSeconds: DRAIN_SECONDS,
      terminationGracePeriodSeconds: DRAIN_SECONDS + streamTimeoutSeconds,
      startupTimeoutSeconds: integer(`${field}.startupTimeoutSeconds`, w.startupTimeoutSeconds ?? cmd.startupTimeoutSeconds, 60, 86400),
      tolerations: (w.tolerations ?? []).map((t, i) => tolerationModel(`${field}.tolerations[${i}]`, t)),
      nodeSelector: nodeSelectorModel(`${field}.nodeSelector`, w.nodeSelector ?? {}),
      runtimeClassName: w.runtimeClassName === undefined ? undefined : dnsSubdomain(`${field}.runtimeClassName`, w.runtimeClassName),
      imagePullSecrets: unique(`${field}.imagePullSecrets`, (w.imagePullSecrets ?? []).map((n, i) => dnsSubdomain(`${field}.imagePullSecrets[${i}]`, n))),
    },
  };
}

/** The value a command line gives a flag (`--flag value` or `--flag=value`). */
function flagValue(args: string[], flag: string): { text: string; value: string } | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === flag) return { text: `${flag} ${args[i + 1] ?? ''}`.trim(), value: args[i + 1] ?? '' };
    if (args[i].startsWith(`${flag}=`)) return { text: args[i], value: args[i].slice(flag.length + 1) };
  }
  return undefined;
}

/**
 * The flags that tell the server the port the pod declares, or none when args or env already set
 * it; a port set there that differs from the declared one fails.
 */
function tellPort(field: string, option: 'port' | 'metricsPort', setting: ServerPortSetting, declared: number,
  args: string[], env: { [name: string]: string }): string[] {
  const given = flagValue(args, setting.flag);
  if (given !== undefined && given.value !== String(declared)) {
    throw new ValidationError(`${field}.args`, given.text, `The pod declares ${option} ${declared} (${field}.${option}), so the server must listen there: set ${field}.${option}: ${given.value}, or remove ${setting.flag} from args (the library passes it).`);
  }
  const fromEnv = setting.env !== undefined ? env[setting.env] : undefined;
  if (fromEnv !== undefined && fromEnv !== String(declared)) {
    throw new ValidationError(`${field}.env.${setting.env}`, fromEnv, `The pod declares ${option} ${declared} (${field}.${option}), so the server must listen there: set ${field}.${option}: ${fromEnv}, or remove ${setting.env} from env (the library passes ${setting.flag}).`);
  }
  return given !== undefined || fromEnv !== undefined ? [] : [setting.flag, String(declared)];
}

/**
 * The flag that lets a stopping server finish its streams: as long as the longest stream the
 * controller allows (`limits.readTimeoutSeconds`), which the pod's grace period covers after the
 * drain. A shorter value the user gives is kept (streams are cut sooner, by choice); a longer one
 * fails, since the kubelet kills the server at the end of the grace period anyway.
 */
function tellShutdownTimeout(field: string, setting: ServerFlag, streamTimeoutSeconds: number, args: string[]): string[] {
  const given = flagValue(args, setting.flag);
  if (given === undefined) return [setting.flag, String(streamTimeoutSeconds)];
  const seconds = Number(given.value);
  if (!/^[0-9]+$/.test(given.value) || seconds > streamTimeoutSeconds) {
    throw new ValidationError(`${field}.args`, given.text, `The pod's grace period lets the server finish streams for limits.readTimeoutSeconds (${streamTimeoutSeconds} s) after the drain: give ${setting.flag} a whole number of seconds up to ${streamTimeoutSeconds}, or remove it (the library passes ${streamTimeoutSeconds}), or raise limits.readTimeoutSeconds.`);
  }
  return [];
}

/** A toleration, validated: a label key, and a value only with operator Equal. */
function tolerationModel(field: string, t: PodToleration): TolerationModel {
  if (!t || typeof t !== 'object') throw new ValidationError(field, t, 'Give { key, operator?, value?, effect? }.');
  if (t.key === undefined || t.key === '') {
    throw new ValidationError(`${field}.key`, t.key, 'Name the taint key (e.g. "nvidia.com/gpu"): a toleration without a key tolerates every taint, including those that keep workloads off control-plane and system nodes.');
  }
  const key = labelKey(`${field}.key`, t.key);
  const operator = t.operator ?? TolerationOperator.EQUAL;
  if (operator !== TolerationOperator.EQUAL && operator !== TolerationOperator.EXISTS) {
    throw new ValidationError(`${field}.operator`, operator, 'Use TolerationOperator.EQUAL or TolerationOperator.EXISTS.');
  }
  if (operator === TolerationOperator.EXISTS && t.value !== undefined) {
    throw new ValidationError(`${field}.value`, t.value, 'A toleration with operator Exists matches every value of the key: remove value, or use TolerationOperator.EQUAL.');
  }
  const value = t.value === undefined ? undefined : labelValue(`${field}.value`, t.value);
  return { key, operator: operator.value, ...(value !== undefined ? { value } : {}), ...(t.effect !== undefined ? { effect: t.effect.value } : {}) };
}

/** A node selector, validated: label keys and values. */
function nodeSelectorModel(field: string, selector: { [key: string]: string }): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  for (const [k, v] of Object.entries(selector)) {
    out[labelKey(field, k)] = labelValue(`${field}.${k}`, v);
  }
  return out;
}

/** `--trust-remote-code`, `--trust_remote_code` and `--trust-remote-code=<anything>` (vLLM, TGI and their kin). */
const TRUST_REMOTE_CODE_FLAG = /^--trust[-_]remote[-_]code(=.*)?$/;
const TRUST_REMOTE_CODE_ENV = 'TRUST_REMOTE_CODE';

/**
 * Refuses a server told to run code shipped with the model, unless the workload opts out (reported);
 * an opt-out that allows nothing fails, so it cannot linger unnoticed until someone adds the flag.
 */
function remoteCode(field: string, allow: boolean, args: string[], env: { [name: string]: string }, weakenings: WeakenedControl[]): void {
  const flag = args.find((a) => TRUST_REMOTE_CODE_FLAG.test(a));
  const where = flag !== undefined ? { field: `${field}.args`, value: flag, setting: flag } :
    env[TRUST_REMOTE_CODE_ENV] !== undefined ? { field: `${field}.env.${TRUST_REMOTE_CODE_ENV}`, value: env[TRUST_REMOTE_CODE_ENV], setting: TRUST_REMOTE_CODE_ENV } : undefined;
  if (where === undefined) {
    if (allow) {
      throw new ValidationError(`${field}.allowRemoteCodeInsecure`, allow, `Neither args nor env enable remote code (--trust-remote-code, ${TRUST_REMOTE_CODE_ENV}): remove allowRemoteCodeInsecure.`);
    }
    return;
  }
  if (!allow) {
    throw new ValidationError(where.field, where.value, `${where.setting} lets the server run Python code downloaded with the model, with its GPUs, cache and network access. Remove it and serve a model the server supports natively, or set ${field}.allowRemoteCodeInsecure: true (reported).`);
  }
  weakenings.push({ option: `${field}.allowRemoteCodeInsecure: true`, effect: 'The model server runs Python code shipped with the model (trust remote code).' });
}

/** A model revision: a commit, branch or tag name, one token. */
const REVISION = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,254}$/;

/** The flag that pins the model's revision, or none when args or env already give the same one. */
function tellRevision(field: string, server: ModelServer, revision: string, args: string[], env: { [name: string]: string }): string[] {
  const option = `${field}.modelRevision`;
  if (typeof revision !== 'string' || !REVISION.test(revision) || revision.includes('..')) {
    throw new ValidationError(option, revision, 'Use a commit hash, branch or tag of the model repository (letters, digits, ".", "_", "-" and "/"), e.g. a 40-character commit.');
  }
  const setting: ServerFlag | undefined = server._commandLine.revision;
  if (setting === undefined) {
    throw new ValidationError(option, revision, server.name === 'triton'
      ? 'Triton has no revision flag: it serves the versions in its model repository. Pin the models there (a modelVolumeClaim, or the digest-pinned image) and remove modelRevision.'
      : `The library does not know ${server.name}'s revision flag: pass your server's own flag in args and remove modelRevision.`);
  }
  const given = flagValue(args, setting.flag);
  if (given !== undefined && given.value !== revision) {
    throw new ValidationError(`${field}.args`, given.text, `${option} is ${JSON.stringify(revision)}: remove ${setting.flag} from args (the library passes it), or make them agree.`);
  }
  const fromEnv = setting.env !== undefined ? env[setting.env] : undefined;
  if (fromEnv !== undefined && fromEnv !== revision) {
    throw new ValidationError(`${field}.env.${setting.env}`, fromEnv, `${option} is ${JSON.stringify(revision)}: remove ${setting.env} from env (the library passes ${setting.flag}), or make them agree.`);
  }
  return given !== undefined ? [] : [setting.flag, revision];
}

/**
 * The port of the preset's gRPC API (its default), when the preset exposes one: it must differ
 * from the HTTP and metrics ports, and args may not give the server another.
 */
function grpcPortOf(field: string, server: ModelServer, httpPort: number, metricsPort: number, args: string[]): number | undefined {
  const api = server._grpc;
  if (api === undefined) return undefined;
  const grpcPort = api.port.defaultPort;
  if (httpPort === grpcPort || metricsPort === grpcPort) {
    const option = httpPort === grpcPort ? 'port' : 'metricsPort';
    throw new ValidationError(`${field}.${option}`, grpcPort, `${server.name} serves its gRPC API on port ${grpcPort} (${api.port.flag}): give ${field}.${option} another port.`);
  }
  const given = flagValue(args, api.port.flag);
  if (given !== undefined) {
    throw new ValidationError(`${field}.args`, given.text, `The pod declares the gRPC port ${grpcPort} and the library passes ${api.port.flag} ${grpcPort}: remove ${api.port.flag} from args.`);
  }
  return grpcPort;
}

/** `openai-compatible` → `openAiCompatible`, for messages. */
function presetFactory(name: string): string {
  return name === 'openai-compatible' ? 'openAiCompatible' : name;
}

/** The canary, validated against the primary backend. @internal */
export function canaryModel(c: CanaryOptions | undefined, name: string, primary: BackendModel, server: ModelServer, streamTimeoutSeconds: number,
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
  const backend = backendModel('canary.backend', c.backend, `${name}-canary`, server, streamTimeoutSeconds, weakenings);
  if (backend.serviceName === primary.serviceName) {
    throw new ValidationError('canary.backend', backend.serviceName, 'The canary must be a different Service from the primary backend.');
  }
  return { backend, weightPercent: c.weightPercent, header: c.header, headerValue: c.headerValue };
}
