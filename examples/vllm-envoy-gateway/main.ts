// The vLLM server of examples/vllm-ingress-nginx, moved to Envoy Gateway by changing `controller`:
// its HTTPRoute attaches to the platform's Gateway (envoy-gateway-system/platform-gateway, listener
// https), whose certificate, TLS versions and HTTPS redirect are the platform's. JWTs are checked by
// Envoy against the issuer's JWKS (issuer and audience required); only members of the ml-team group
// may call the model; the caller's subject reaches the model server as x-user-id and keys a limit
// per caller besides the limits per client address; the limits are shared by every Envoy replica
// (a token budget, which routes through the Envoy AI Gateway, is examples/vllm-envoy-ai-gateway);
// and the LLM WAF runs in the Gateway's Envoy pods: an EnvoyExtensionPolicy on the route loads the
// coraza-proxy-wasm module the platform serves (pinned by its digest) with the profile's Coraza
// directives, failing closed.
import { App, Chart } from 'cdk8s';
import {
  Authentication, CorazaWasmModule, EdgeController, InferenceBackend, JwtClaimRequirement, LimitScope, ModelServer, NetworkPeer, NetworkPort,
  RolloutStrategy, SecureInferenceEndpoint, ServingNamespaceQuota, Subject, TolerationEffect, TolerationOperator,
} from 'cdk8s-secure-ai';

const app = new App();
const chart = new Chart(app, 'vllm-envoy-gateway');

new SecureInferenceEndpoint(chart, 'chat', {
  namespace: 'llm-serving',
  hosts: ['chat.example.com'],
  modelServer: ModelServer.vllm(),
  backend: InferenceBackend.workload({
    image: 'registry.example.com/ml/vllm-openai@sha256:4f0b5a2c9d3e8f1a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a',
    args: ['--model', '/models/llama-3.1-8b-instruct', '--served-model-name', 'llama-3.1-8b', '--port', '8000'],
    gpus: 1,
    replicas: 2,
    modelVolumeClaim: 'llama-3-1-8b-weights',
    tolerations: [{ key: 'nvidia.com/gpu', operator: TolerationOperator.EXISTS, effect: TolerationEffect.NO_SCHEDULE }],
    nodeSelector: { 'nvidia.com/gpu.present': 'true' },
    runtimeClassName: 'nvidia',
    imagePullSecrets: ['ml-registry'],
    rollout: RolloutStrategy.REPLACE_ONE_AT_A_TIME,
    startupTimeoutSeconds: 2400,
  }),
  controller: EdgeController.envoyGateway({
    gateway: { name: 'platform-gateway', namespace: 'envoy-gateway-system', sectionName: 'https' },
    // The platform's build of coraza-proxy-wasm (TinyGo), in its registry, pinned by the image digest.
    waf: {
      module: CorazaWasmModule.fromImage('registry.example.com/platform/coraza-proxy-wasm:v0.0.0-20260824140537-b1770f5b0be3',
        '9c1d4e7a2b8f3c6d5e0a1b2c3d4e5f60718293a4b5c6d7e8f9012a3b4c5d6e7f'),
    },
  }),
  // The listener's certificate is the platform's: no issuer here (the endpoint writes no Certificate).
  tls: {},
  // The local issuer's JWKS, served on loopback where this example is tested; in a cluster, the
  // issuer's https JWKS URL that the Envoy pods can reach.
  authentication: Authentication.jwt({
    jwksUri: 'https://127.0.0.1:8443/.well-known/jwks.json',
    issuer: 'https://127.0.0.1:8443',
    audiences: ['chat'],
    // Only members of the ml-team group may call the model.
    authorization: [{ name: 'ml-team', claims: [JwtClaimRequirement.listContains('groups', ['ml-team'])] }],
    // The caller's subject reaches the model server (and keys the per-identity limit) as x-user-id.
    claimToHeaders: [{ claim: 'sub', header: 'x-user-id' }],
  }),
  // Only from the corporate network, never from its guest range (loopback addresses stand in for
  // them where this example is tested). A caller must come from an allowed range and be in ml-team.
  sourceRanges: { allow: ['10.0.0.0/8', '127.0.0.0/30'], deny: ['10.66.0.0/16', '127.0.0.3/32'] },
  // Counted once for every Envoy replica of the Gateway (the platform runs Envoy Gateway's rate-limit
  // service). Per client address: 5 requests a second and 120 a minute. Per caller (the token's subject, forwarded as
  // x-user-id): 30 requests an hour, whatever address they come from, so callers behind one NAT do
  // not share a budget. 32 MiB bodies; streams up to 10 minutes.
  limits: {
    scope: LimitScope.SHARED,
    requestsPerSecond: 5,
    requestsPerMinute: 120,
    perIdentity: { header: 'x-user-id', requestsPerHour: 30 },
    maxBodyMiB: 32,
    readTimeoutSeconds: 600,
  },
  canary: {
    backend: InferenceBackend.service('chat-v2', 8000, { 'app.kubernetes.io/name': 'chat-v2' }),
    weightPercent: 10,
  },
  namespaceQuota: ServingNamespaceQuota.fromWorkloads({ additionalGpus: 1 }),
  metricsScrape: { namespace: 'monitoring', port: 8000, scraperPodLabels: { 'app.kubernetes.io/name': 'prometheus' } },
  egress: [{ name: 'model-store', peer: NetworkPeer.cidr('10.50.0.0/16'), ports: [NetworkPort.tcp(443)] }],
  changeControl: { auditors: [Subject.group('security-auditors')], breakGlassGroup: 'platform-oncall' },
});

app.synth();
