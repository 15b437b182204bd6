import {
  Authentication, CorazaWasmModule, EdgeController, InferenceBackend, ModelServer, SecureInferenceEndpointProps,
} from '../../../src';
import { grpcRequest } from '../../../src/model/endpoint/grpc';
import { buildEndpointModel } from '../../../src/model/endpoint-model';
import { TargetFeature } from '../../../src/model/exposure-targets';
import { MINIMAL_ENVOY_GATEWAY_ENDPOINT, PLATFORM_GATEWAY } from '../../support/endpoint-fixtures';

const TRITON_IMAGE = `registry.example.com/ml/triton@sha256:${'b'.repeat(64)}`;
const GRPC_TRITON: Partial<SecureInferenceEndpointProps> = {
  modelServer: ModelServer.triton(['resnet50'], undefined, { grpc: true }),
  backend: InferenceBackend.workload({ image: TRITON_IMAGE, args: ['tritonserver', '--model-repository=/models'] }),
};
const model = (overrides: Partial<SecureInferenceEndpointProps> = {}) => buildEndpointModel('llm', { ...MINIMAL_ENVOY_GATEWAY_ENDPOINT, ...GRPC_TRITON, ...overrides });

describe('a gRPC API', () => {
  test('asks the target for gRPC only when the preset exposes one', () => {
    expect(grpcRequest(ModelServer.triton(['m']))).toBeUndefined();
    expect(grpcRequest(ModelServer.triton(['m'], undefined, { grpc: true }))).toStrictEqual({ feature: TargetFeature.GRPC, field: 'modelServer (triton options.grpc)', value: true });
  });

  test('records that gRPC calls are held neither to the body limit nor to a request timeout, and count their own rate budgets, with the limits in force', () => {
    const weakening = (m: ReturnType<typeof model>) => m.weakenings.find((w) => w.option === 'modelServer (triton options.grpc): true');
    expect(weakening(model({ limits: { maxBodyMiB: 2, readTimeoutSeconds: 90 } }))?.effect).toBe(
      'gRPC calls are not held to the body limit (limits.maxBodyMiB, 2048 KiB): a request buffer would hold a ModelStreamInfer stream until the client ends it, and Envoy Gateway has no per-message limit, '
      + 'so a gRPC message is bounded only by the model server\'s own gRPC limit (Triton\'s is 2 GiB); '
      + 'nor to a request timeout: a gRPC stream lasts as long as a byte passes at least every 90 s (limits.readTimeoutSeconds, the stream idle timeout); '
      + 'and the rate limits count gRPC calls in budgets of their own, the size of the HTTP routes\' (Envoy Gateway counts each route apart): a client may spend each limit once over HTTP and once over gRPC.');
    expect(weakening(buildEndpointModel('llm', { ...MINIMAL_ENVOY_GATEWAY_ENDPOINT, modelServer: ModelServer.triton(['m']), backend: GRPC_TRITON.backend! }))).toBeUndefined();
  });

  test('on Envoy Gateway, the model holds the service, the methods and the Service\'s gRPC port', () => {
    expect(model().grpc).toStrictEqual({
      service: 'inference.GRPCInferenceService',
      methods: ['ServerLive', 'ServerReady', 'ModelReady', 'ServerMetadata', 'ModelMetadata', 'ModelInfer', 'ModelStreamInfer'],
      port: 8001,
    });
    expect(buildEndpointModel('llm', { ...MINIMAL_ENVOY_GATEWAY_ENDPOINT, modelServer: ModelServer.triton(['m']), backend: GRPC_TRITON.backend! }).grpc).toBeUndefined();
  });

  test('ingress-nginx and F5 NGINX refuse it, naming Envoy Gateway', () => {
    expect(() => model({ controller: EdgeController.ingressNginx(), tls: {}, authentication: Authentication.external({ url: 'http://auth.auth.svc.cluster.local/check' }) }))
      .toThrow(/^Invalid modelServer \(triton options\.grpc\): true\. ingress-nginx cannot honour this option\. ingress-nginx speaks gRPC to a backend only through backend-protocol: GRPC[^]*EdgeController\.envoyGateway\(\)/);
    expect(() => model({ controller: EdgeController.f5Nginx({ nginxPlus: true }), authentication: Authentication.jwt({ jwksSecretName: 'jwks' }) }))
      .toThrow(/^Invalid modelServer \(triton options\.grpc\): true\. f5-nginx cannot honour this option\. This library does not render F5 gRPC upstreams[^]*EdgeController\.envoyGateway\(\)/);
  });

  test('the WAF cannot read gRPC messages: with the WAF on, it is refused', () => {
    const module = CorazaWasmModule.fromImage('registry.example.com/platform/coraza-proxy-wasm:v1', 'c'.repeat(64));
    expect(() => model({ controller: EdgeController.envoyGateway({ gateway: PLATFORM_GATEWAY, waf: { module } }), waf: undefined }))
      .toThrow(/^Invalid waf\.enabled: true\. The LLM WAF reads JSON and form bodies; a gRPC message is length-prefixed protobuf[^]*waf: \{ enabled: false \}/);
  });

  test('a canary, an InferencePool and OIDC are refused beside it, each naming the option', () => {
    expect(() => model({ canary: { backend: InferenceBackend.workload({ image: TRITON_IMAGE, args: ['tritonserver'] }), weightPercent: 10 } }))
      .toThrow(/^Invalid canary: "canary"\. This release routes gRPC to the primary backend only/);
    expect(() => model({
      backend: InferenceBackend.workload({
        image: TRITON_IMAGE,
        args: ['tritonserver'],
        inferencePool: { endpointPicker: { serviceName: 'llm-epp', port: 9002, podLabels: { app: 'epp' } } },
      }),
    })).toThrow(/^Invalid backend\.inferencePool: "llm"\. An InferencePool's endpoint picker chooses pods for HTTP requests/);
    expect(() => model({ authentication: Authentication.oidc({ issuer: 'https://127.0.0.1:8443', clientId: 'chat', clientSecretName: 'oidc' }) }))
      .toThrow(/^Invalid authentication: "oidc"\. An OIDC login redirects a browser to the provider; a gRPC client cannot follow it/);
  });
});
