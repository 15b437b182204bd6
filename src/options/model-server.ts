import { InferenceRoute, PathMatch } from './inference-route';
import { RouteContentType } from './route-content-type';
import { TritonOptions } from './triton-options';
import { nonEmpty } from './validate';
import { ValidationError } from './validation-error';

/**
 * The model server behind the endpoint. A preset yields the allow-list of inference routes;
 * everything else the server offers (metrics, health internals, adapter loading, profiling,
 * model repository, logging and trace APIs) is never routed.
 */
export class ModelServer {
  /**
   * vLLM's OpenAI-compatible server: chat and text completions, embeddings, the model list, the
   * Responses API (POST /v1/responses) and audio transcription and translation. The audio routes
   * take `multipart/form-data` uploads (and nothing else); every other route takes JSON, and the
   * WAF refuses multipart bodies there.
   * The server is told its port (`--port`); it serves /metrics on that port.
   * Never routed: /metrics, /health, /load_lora_adapter, /v1/load_lora_adapter, /collective_rpc, /sleep,
   * /wake_up, /start_profile, /stop_profile, /reset_prefix_cache, /tokenize, /detokenize.
   */
  public static vllm(): ModelServer {
    return new ModelServer('vllm', VLLM_ROUTES, '/health', 8000, {
      // `vllm serve` / the OpenAI API server: --port (default 8000); /metrics on the same port.
      port: { flag: '--port' },
      revision: { flag: '--revision' },
      // uvicorn's TLS settings, passed through by the OpenAI API server.
      tls: { keyFileFlag: '--ssl-keyfile', certFileFlag: '--ssl-certfile' },
      startupTimeoutSeconds: 1800,
    });
  }

  /**
   * Hugging Face Text Generation Inference: /generate, /generate_stream and its OpenAI-compatible routes.
   * The launcher is told its port (`--port`) and its Prometheus port (`--prometheus-port`, TGI 3.1 and later).
   */
  public static tgi(): ModelServer {
    return new ModelServer('tgi', [
      { path: '/generate', methods: ['POST'] },
      { path: '/generate_stream', methods: ['POST'] },
      { path: '/v1/chat/completions', methods: ['POST'] },
      { path: '/v1/completions', methods: ['POST'] },
      { path: '/v1/models', methods: ['GET'] },
    ], '/health', 8080, {
      // text-generation-launcher: --port / PORT (default 80 in the image, hence always written),
      // --prometheus-port / PROMETHEUS_PORT (default 9000).
      port: { flag: '--port', env: 'PORT' },
      metricsPort: { flag: '--prometheus-port', env: 'PROMETHEUS_PORT', defaultPort: 9000 },
      // --revision / REVISION: the model repository's commit, branch or tag.
      revision: { flag: '--revision', env: 'REVISION' },
      // The launcher downloads, shards and warms up the model before it serves.
      startupTimeoutSeconds: 3600,
    });
  }

  /**
   * NVIDIA Triton Inference Server (KServe v2 protocol): inference, generate and metadata of the named
   * models only. Never routed: /v2/repository/*, /v2/logging, trace settings, statistics, /metrics.
   * The workload's `args` are Triton's command line (`['tritonserver', '--model-repository=/models']`); it
   * is told its HTTP port (`--http-port`) and its metrics port (`--metrics-port`, 8002).
   * @param models the model names to expose
   * @param versions model versions also exposed on `/v2/models/<model>/versions/<version>/...` for each model
   * @default - none: only the unversioned routes, which serve the versions Triton's version policy selects
   * @param options how Triton serves the models (e.g. `{ grpc: true }` to expose its gRPC inference API too)
   * @default - HTTP only
   */
  public static triton(models: string[], versions?: number[], options?: TritonOptions): ModelServer {
    nonEmpty('modelServer (triton models)', models, 'Name the Triton models to expose, e.g. ModelServer.triton(["resnet50"]).');
    const routes: InferenceRoute[] = [];
    models.forEach((m, i) => {
      if (typeof m !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(m)) {
        throw new ValidationError(`modelServer (triton models[${i}])`, m, 'A Triton model name is letters, digits, ".", "_" and "-".');
      }
      routes.push(
        { path: `/v2/models/${m}/infer`, methods: ['POST'] },
        { path: `/v2/models/${m}/generate`, methods: ['POST'] },
        { path: `/v2/models/${m}/generate_stream`, methods: ['POST'] },
        { path: `/v2/models/${m}`, methods: ['GET'] },
        { path: `/v2/models/${m}/ready`, methods: ['GET'] },
      );
    });
    (versions ?? []).forEach((v, j) => {
      if (!Number.isInteger(v) || v < 1) {
        throw new ValidationError(`modelServer (triton versions[${j}])`, v, 'A Triton model version is a whole number from 1, the name of its directory in the model repository.');
      }
      for (const m of models) {
        routes.push(
          { path: `/v2/models/${m}/versions/${v}/infer`, methods: ['POST'] },
          { path: `/v2/models/${m}/versions/${v}/generate`, methods: ['POST'] },
          { path: `/v2/models/${m}/versions/${v}/generate_stream`, methods: ['POST'] },
          { path: `/v2/models/${m}/versions/${v}`, methods: ['GET'] },
          { path: `/v2/models/${m}/versions/${v}/ready`, methods: ['GET'] },
        );
      }
    });
    return new ModelServer('triton', routes, '/v2/health/ready', 8000, {
      // tritonserver: --http-port (8000), --metrics-port (8002); the image runs the command in args.
      port: { flag: '--http-port' },
      metricsPort: { flag: '--metrics-port', defaultPort: 8002 },
      command: 'tritonserver',
      startupTimeoutSeconds: 1800,
      // Triton waits --exit-timeout-secs (default 30) for in-flight inferences when it exits.
      shutdownTimeout: { flag: '--exit-timeout-secs' },
    }, tritonGrpc(options));
  }

  /**
   * Any OpenAI-compatible server: chat and text completions, embeddings, the model list. The library
   * does not know how to tell this server its port: a workload backend must set `port` to the port
   * the server listens on (pass it in `args` or `env` as the server expects).
   */
  public static openAiCompatible(): ModelServer {
    return new ModelServer('openai-compatible', OPENAI_ROUTES, '/health', undefined, { startupTimeoutSeconds: 1800 });
  }

  /**
   * Routes you list yourself. A workload backend must set `port` to the port the server listens on.
   * @param routes the routes to expose
   * @param healthPath the path the kubelet probes (never routed)
   * @default healthPath '/healthz'
   */
  public static custom(routes: InferenceRoute[], healthPath?: string): ModelServer {
    nonEmpty('modelServer (custom routes)', routes, 'List at least one route, e.g. { path: "/predict", methods: ["POST"] }.');
    return new ModelServer('custom', routes, healthPath ?? '/healthz', undefined, { startupTimeoutSeconds: 1800 });
  }

  private constructor(
    /** The preset's name. */
    public readonly name: string,
    /** The routes the endpoint exposes. */
    public readonly routes: InferenceRoute[],
    /** The readiness and liveness path (never routed). */
    public readonly healthPath: string,
    /**
     * The port the preset tells its server to listen on unless the workload sets another.
     * @default - none: the workload must set `port` (openAiCompatible, custom)
     */
    public readonly defaultPort: number | undefined,
    /** How the preset's server is told its ports and options. @internal */
    public readonly _commandLine: ServerCommandLine,
    /** The gRPC API the preset exposes besides its HTTP routes; none when HTTP only. @internal */
    public readonly _grpc?: ServerGrpcApi,
  ) {}
}

/** A gRPC API a preset exposes: its service, the methods routed, and how its server is told the port. @internal */
export interface ServerGrpcApi {
  /** The fully qualified service, e.g. `inference.GRPCInferenceService`. */
  readonly service: string;
  /** The methods routed (exact names); every other method of the service is not. */
  readonly methods: string[];
  /** The port the server listens on for gRPC, and how it is told. */
  readonly port: ServerPortSetting & { readonly defaultPort: number };
}

/**
 * Triton's KServe v2 gRPC inference and metadata RPCs. Not routed: RepositoryIndex,
 * RepositoryModelLoad, RepositoryModelUnload, ModelStatistics, ModelConfig, TraceSetting,
 * LogSettings, SystemSharedMemory*, CudaSharedMemory* (management, internals and host memory).
 */
const TRITON_GRPC_METHODS = ['ServerLive', 'ServerReady', 'ModelReady', 'ServerMetadata', 'ModelMetadata', 'ModelInfer', 'ModelStreamInfer'];

function tritonGrpc(options: TritonOptions | undefined): ServerGrpcApi | undefined {
  const grpc = options?.grpc ?? false;
  if (typeof grpc !== 'boolean') throw new ValidationError('modelServer (triton options.grpc)', grpc, 'Set grpc: true to expose Triton\'s gRPC inference API too, or leave it out for HTTP only.');
  if (!grpc) return undefined;
  // tritonserver: --grpc-port (default 8001).
  return { service: 'inference.GRPCInferenceService', methods: [...TRITON_GRPC_METHODS], port: { flag: '--grpc-port', defaultPort: 8001 } };
}

/** A port setting of a server's command line. @internal */
export interface ServerPortSetting {
  /** The flag, e.g. `--port`. */
  readonly flag: string;
  /** The environment variable the server also reads, e.g. `PORT`. */
  readonly env?: string;
  /** The server's default (metrics ports only: the HTTP port comes from the preset). */
  readonly defaultPort?: number;
}

/** A setting of a server's command line. @internal */
export interface ServerFlag {
  /** The flag, e.g. `--revision`. */
  readonly flag: string;
  /** The environment variable the server also reads, e.g. `REVISION`. */
  readonly env?: string;
}

/** The flags that give a server its TLS key and certificate files. @internal */
export interface ServerTlsFlags {
  /** The private key file flag, e.g. `--ssl-keyfile`. */
  readonly keyFileFlag: string;
  /** The certificate (chain) file flag, e.g. `--ssl-certfile`. */
  readonly certFileFlag: string;
}

/** What the library knows of a server's command line. @internal */
export interface ServerCommandLine {
  /** How to set the HTTP port; absent when unknown (the user must set the workload port). */
  readonly port?: ServerPortSetting;
  /** How to set a separate metrics port; absent when metrics are served on the HTTP port. */
  readonly metricsPort?: ServerPortSetting;
  /** How to set the model's revision; absent when the server has no such setting. */
  readonly revision?: ServerFlag;
  /** How to make the server serve HTTPS; absent when it cannot (or the library does not know how). */
  readonly tls?: ServerTlsFlags;
  /** The executable args must start with (the image runs the command given in args). */
  readonly command?: string;
  /** How long the server may take to load its model, unless the workload says otherwise. */
  readonly startupTimeoutSeconds: number;
  /**
   * How to tell the server how long to wait for in-flight requests when it is stopped; absent when
   * the server waits for them without a limit of its own (the pod's grace period then bounds it).
   */
  readonly shutdownTimeout?: ServerFlag;
}

const OPENAI_ROUTES: InferenceRoute[] = [
  { path: '/v1/chat/completions', match: PathMatch.EXACT, methods: ['POST'] },
  { path: '/v1/completions', match: PathMatch.EXACT, methods: ['POST'] },
  { path: '/v1/embeddings', match: PathMatch.EXACT, methods: ['POST'] },
  { path: '/v1/models', match: PathMatch.EXACT, methods: ['GET'] },
];

/**
 * vLLM also serves the Responses API and, for speech models, transcription and translation, which
 * take the audio file as a `multipart/form-data` upload (vLLM reads these requests as forms only).
 */
const VLLM_ROUTES: InferenceRoute[] = [
  ...OPENAI_ROUTES,
  { path: '/v1/responses', match: PathMatch.EXACT, methods: ['POST'] },
  { path: '/v1/audio/transcriptions', match: PathMatch.EXACT, methods: ['POST'], contentTypes: [RouteContentType.MULTIPART_FORM_DATA] },
  { path: '/v1/audio/translations', match: PathMatch.EXACT, methods: ['POST'], contentTypes: [RouteContentType.MULTIPART_FORM_DATA] },
];
