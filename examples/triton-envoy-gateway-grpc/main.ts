// A Triton server on Envoy Gateway, over HTTP and over its KServe v2 gRPC API: `grpc: true` adds a
// GRPCRoute beside the HTTPRoute, on the platform's Gateway listener and the same hosts, that
// matches only the inference and metadata RPCs of inference.GRPCInferenceService (ModelInfer,
// ModelStreamInfer, ServerLive, ServerReady, ModelReady, ServerMetadata, ModelMetadata), each by its
// exact service and method: the repository (RepositoryModelLoad/Unload, RepositoryIndex), trace,
// log, statistics and shared-memory RPCs are never routed. The same SecurityPolicy (JWT) applies to
// both routes; the HTTPRoute's BackendTrafficPolicy holds per-client limits, the body limit and
// timeouts, and the GRPCRoute's own (vision-grpc) the same limits without the request buffer and the
// request timeout, so that a ModelStreamInfer stream flows message by message (reported: the body
// limit does not apply to gRPC). Only the Gateway's Envoy pods reach the model pods, on the HTTP port
// and the gRPC port. The LLM WAF cannot
// read gRPC messages (protobuf), so the endpoint turns it off explicitly (reported).
// Triton loads only the exposed models (--model-control-mode=explicit): a gRPC call names its model
// inside the message, which the gateway does not read.
import { App, Chart } from 'cdk8s';
import { Authentication, EdgeController, InferenceBackend, ModelServer, SecureInferenceEndpoint, Subject } from 'cdk8s-secure-ai';

const app = new App();
const chart = new Chart(app, 'triton-envoy-gateway-grpc');

new SecureInferenceEndpoint(chart, 'vision', {
  namespace: 'vision-serving',
  hosts: ['vision.example.com'],
  modelServer: ModelServer.triton(['resnet50'], undefined, { grpc: true }),
  backend: InferenceBackend.workload({
    image: 'nvcr.io/nvidia/tritonserver@sha256:7d3e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e',
    args: ['tritonserver', '--model-repository=/models', '--model-control-mode=explicit', '--load-model=resnet50'],
    gpus: 1,
    replicas: 2,
    modelVolumeClaim: 'triton-model-repository',
    runtimeClassName: 'nvidia',
  }),
  controller: EdgeController.envoyGateway({
    gateway: { name: 'platform-gateway', namespace: 'envoy-gateway-system', sectionName: 'https' },
  }),
  // The listener's certificate is the platform's: no issuer here.
  tls: {},
  // gRPC clients send the token as `authorization: Bearer <jwt>` metadata. The local issuer's JWKS
  // is served on loopback where this example is tested.
  authentication: Authentication.jwt({
    jwksUri: 'https://127.0.0.1:8443/.well-known/jwks.json',
    issuer: 'https://127.0.0.1:8443',
    audiences: ['vision'],
  }),
  // The LLM WAF reads JSON and form bodies only; a gRPC message would pass it uninspected.
  waf: { enabled: false },
  limits: { requestsPerSecond: 5, maxBodyMiB: 16, readTimeoutSeconds: 300 },
  changeControl: { auditors: [Subject.group('security-auditors')], breakGlassGroup: 'platform-oncall' },
});

app.synth();
