/** How the Triton preset serves its models. */
export interface TritonOptions {
  /**
   * Also expose Triton's KServe v2 gRPC API (`inference.GRPCInferenceService`, Triton's
   * `--grpc-port`, 8001) through the edge: the inference and metadata RPCs only (ServerLive,
   * ServerReady, ModelReady, ServerMetadata, ModelMetadata, ModelInfer, ModelStreamInfer), each
   * matched by its exact service and method. The repository, logging, trace, statistics and
   * shared-memory RPCs are never routed. A gRPC request names its model inside the message, which
   * the edge does not read: every model Triton has loaded is callable over gRPC, not only the
   * models named here (load only those, e.g. `--model-control-mode=explicit --load-model=<name>`).
   * Envoy Gateway targets only (a GRPCRoute); the LLM WAF cannot read gRPC messages, so the
   * endpoint's WAF must be off (`waf: { enabled: false }`, reported).
   * @default false
   */
  readonly grpc?: boolean;
}
