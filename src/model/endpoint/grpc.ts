import { AuthenticationKind } from '../../options/authentication';
import { ModelServer } from '../../options/model-server';
import { ValidationError } from '../../options/validation-error';
import { TargetFeature, TargetRequest } from '../exposure-targets';
import { WeakenedControl } from '../weakening';
import { AuthModel } from './authentication';
import { BackendModel, CanaryModel } from './backend';
import { InferencePoolModel } from './inference-pool';
import { WafModel } from './waf';

/** The model server's gRPC API the endpoint routes (a GRPCRoute on Gateway API targets). @internal */
export interface GrpcModel {
  /** The fully qualified service, e.g. `inference.GRPCInferenceService`. */
  readonly service: string;
  /** The methods routed, each matched exactly; every other method of the service is not. */
  readonly methods: string[];
  /** The model Service's gRPC port (the pods' too). */
  readonly port: number;
}

/** What the gRPC API is checked against. @internal */
export interface GrpcContext {
  readonly backend: BackendModel;
  readonly canary?: CanaryModel;
  readonly inferencePool?: InferencePoolModel;
  readonly auth: AuthModel;
  readonly waf: WafModel;
  /** The body limit of the HTTP routes (`limits.maxBodyMiB`, in KiB), which gRPC calls are not held to. */
  readonly maxBodyKiB: number;
  /** The request timeout of the HTTP routes (`limits.readTimeoutSeconds`), the gRPC streams' idle timeout. */
  readonly readTimeoutSeconds: number;
}

const FIELD = 'modelServer (triton options.grpc)';

/**
 * What the preset's gRPC API asks of the target (Envoy Gateway only), put to it before the
 * backend is read; none when the preset exposes HTTP only.
 * @internal
 */
export function grpcRequest(server: ModelServer): TargetRequest | undefined {
  return server._grpc === undefined ? undefined : { feature: TargetFeature.GRPC, field: FIELD, value: true };
}

/**
 * The preset's gRPC API, when it exposes one, checked against what this release renders beside
 * it. Each refusal names the option that conflicts. (A token budget and `backendTls` are refused
 * for Triton, the one preset with a gRPC API, by `ai-gateway.ts` and `backend-tls.ts`.)
 * @internal
 */
export function grpcModel(server: ModelServer, c: GrpcContext, weakenings: WeakenedControl[]): GrpcModel | undefined {
  const api = server._grpc;
  if (api === undefined) return undefined;
  if (c.waf.enabled) {
    throw new ValidationError('waf.enabled', true, 'The LLM WAF reads JSON and form bodies; a gRPC message is length-prefixed protobuf it cannot inspect, so gRPC calls would reach the model uninspected. '
      + 'Turn the WAF off explicitly for this endpoint with waf: { enabled: false } (reported as a weakened control), or remove grpc: true and keep the WAF on the HTTP routes.');
  }
  if (c.canary !== undefined) {
    throw new ValidationError('canary', 'canary', 'This release routes gRPC to the primary backend only: remove the canary while grpc: true is set, or remove grpc: true.');
  }
  if (c.inferencePool !== undefined) {
    throw new ValidationError('backend.inferencePool', c.inferencePool.name, 'An InferencePool\'s endpoint picker chooses pods for HTTP requests to its target port, not for the gRPC port: remove backend.inferencePool, or remove grpc: true.');
  }
  if (c.auth.kind === AuthenticationKind.OIDC) {
    throw new ValidationError('authentication', c.auth.kind.value, 'An OIDC login redirects a browser to the provider; a gRPC client cannot follow it: use Authentication.jwt(...) (clients send a bearer token in the authorization metadata) or Authentication.apiKey(...), or remove grpc: true.');
  }
  // A bidirectional stream (ModelStreamInfer) flows message by message: the gateway must not hold a
  // gRPC request until the client ends it, so the body limit (a request buffer) and the request
  // timeout of the HTTP routes cannot apply to gRPC. Envoy Gateway offers no per-message limit.
  weakenings.push({
    option: `${FIELD}: true`,
    effect: `gRPC calls are not held to the body limit (limits.maxBodyMiB, ${c.maxBodyKiB} KiB): a request buffer would hold a ModelStreamInfer stream until the client ends it, and Envoy Gateway has no per-message limit, `
      + 'so a gRPC message is bounded only by the model server\'s own gRPC limit (Triton\'s is 2 GiB); '
      + `nor to a request timeout: a gRPC stream lasts as long as a byte passes at least every ${c.readTimeoutSeconds} s (limits.readTimeoutSeconds, the stream idle timeout); `
      + 'and the rate limits count gRPC calls in budgets of their own, the size of the HTTP routes\' (Envoy Gateway counts each route apart): a client may spend each limit once over HTTP and once over gRPC.',
  });
  return { service: api.service, methods: [...api.methods], port: c.backend.grpcPort! };
}
