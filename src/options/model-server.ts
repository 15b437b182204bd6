import { InferenceRoute, PathMatch } from './inference-route';
import { nonEmpty } from './validate';
import { ValidationError } from './validation-error';

/**
 * The model server behind the endpoint. A preset yields the allow-list of inference routes;
 * everything else the server offers (metrics, health internals, adapter loading, profiling,
 * model repository, logging and trace APIs) is never routed.
 */
export class ModelServer {
  /**
   * vLLM's OpenAI-compatible server: chat and text completions, embeddings, the model list.
   * Never routed: /metrics, /health, /load_lora_adapter, /v1/load_lora_adapter, /collective_rpc, /sleep,
   * /wake_up, /start_profile, /stop_profile, /reset_prefix_cache, /tokenize, /detokenize.
   */
  public static vllm(): ModelServer {
    return new ModelServer('vllm', OPENAI_ROUTES, '/health', 8000);
  }

  /** Hugging Face Text Generation Inference: /generate, /generate_stream and its OpenAI-compatible routes. */
  public static tgi(): ModelServer {
    return new ModelServer('tgi', [
      { path: '/generate', methods: ['POST'] },
      { path: '/generate_stream', methods: ['POST'] },
      { path: '/v1/chat/completions', methods: ['POST'] },
      { path: '/v1/completions', methods: ['POST'] },
      { path: '/v1/models', methods: ['GET'] },
    ], '/health', 8080);
  }

  /**
   * NVIDIA Triton Inference Server (KServe v2 protocol): inference, generate and metadata of the named
   * models only. Never routed: /v2/repository/*, /v2/logging, trace settings, statistics, /metrics.
   * @param models the model names to expose
   */
  public static triton(models: string[]): ModelServer {
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
    return new ModelServer('triton', routes, '/v2/health/ready', 8000);
  }

  /** Any OpenAI-compatible server: chat and text completions, embeddings, the model list. */
  public static openAiCompatible(): ModelServer {
    return new ModelServer('openai-compatible', OPENAI_ROUTES, '/health', 8000);
  }

  /**
   * Routes you list yourself.
   * @param routes the routes to expose
   * @param healthPath the path the kubelet probes (never routed)
   */
  public static custom(routes: InferenceRoute[], healthPath?: string): ModelServer {
    nonEmpty('modelServer (custom routes)', routes, 'List at least one route, e.g. { path: "/predict", methods: ["POST"] }.');
    return new ModelServer('custom', routes, healthPath ?? '/healthz', 8080);
  }

  private constructor(
    /** The preset's name. */
    public readonly name: string,
    /** The routes the endpoint exposes. */
    public readonly routes: InferenceRoute[],
    /** The readiness and liveness path (never routed). */
    public readonly healthPath: string,
    /** The port the server listens on by default. */
    public readonly defaultPort: number,
  ) {}
}

const OPENAI_ROUTES: InferenceRoute[] = [
  { path: '/v1/chat/completions', match: PathMatch.EXACT, methods: ['POST'] },
  { path: '/v1/completions', match: PathMatch.EXACT, methods: ['POST'] },
  { path: '/v1/embeddings', match: PathMatch.EXACT, methods: ['POST'] },
  { path: '/v1/models', match: PathMatch.EXACT, methods: ['GET'] },
];
