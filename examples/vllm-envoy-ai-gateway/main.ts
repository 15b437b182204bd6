// A vLLM server on Envoy Gateway with an LLM token budget: each client address may use 2000 tokens
// a minute (prompt and completion together), counted from the usage each response reports. The
// tokens are counted by the platform's Envoy AI Gateway, and only on routes it generates from an
// AIGatewayRoute: so the endpoint writes an AIGatewayRoute (with llmRequestCosts), an
// AIServiceBackend and an Envoy Gateway Backend for the model Service instead of an HTTPRoute, and
// its SecurityPolicy and BackendTrafficPolicy target the HTTPRoute the AI Gateway controller
// generates (same name). That route matches every path of the host: the SecurityPolicy refuses
// (403) whatever is not one of vLLM's inference routes. The budget and the request rates are counted
// in Envoy Gateway's rate-limit service, shared by every Envoy replica.
import { App, Chart } from 'cdk8s';
import {
  Authentication, EdgeController, InferenceBackend, LimitScope, ModelServer, RolloutStrategy, SecureInferenceEndpoint,
  ServingNamespaceQuota, TokenCostType, TolerationEffect, TolerationOperator,
} from 'cdk8s-secure-ai';

const app = new App();
const chart = new Chart(app, 'vllm-envoy-ai-gateway');

new SecureInferenceEndpoint(chart, 'chat', {
  namespace: 'llm-budget',
  hosts: ['chat-budget.example.com'],
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
    rollout: RolloutStrategy.REPLACE_ONE_AT_A_TIME,
    startupTimeoutSeconds: 2400,
  }),
  controller: EdgeController.envoyGateway({
    gateway: { name: 'platform-gateway', namespace: 'envoy-gateway-system', sectionName: 'https' },
    // The Envoy AI Gateway controller (the Helm chart's ServiceAccount): change control lets it
    // write the HTTPRoute it generates from the endpoint's AIGatewayRoute, and nothing else.
    aiGatewayControllerServiceAccount: 'envoy-ai-gateway-system/ai-gateway-controller',
  }),
  tls: {},
  // The local issuer's JWKS, on loopback where this example is tested.
  authentication: Authentication.jwt({
    jwksUri: 'https://127.0.0.1:28443/.well-known/jwks.json',
    issuer: 'https://127.0.0.1:28443',
    audiences: ['chat'],
  }),
  limits: {
    scope: LimitScope.SHARED,
    requestsPerSecond: 5,
    tokenBudget: { tokensPerMinute: 2000, costType: TokenCostType.TOTAL_TOKEN },
    readTimeoutSeconds: 600,
  },
  // Off, explicitly (a weakened control in the report), to keep this example about the token budget:
  // examples/vllm-envoy-gateway runs the LLM WAF through coraza-proxy-wasm.
  waf: { enabled: false },
  namespaceQuota: ServingNamespaceQuota.fromWorkloads(),
});

app.synth();
