// A vLLM server on Envoy Gateway behind an OpenID Connect login: a browser without a session is
// sent to the identity provider's authorization endpoint, and after login the gateway keeps the
// session in encrypted, Secure, HttpOnly cookies. The client secret is read from the Secret
// `chat-ui-oidc` (key client-secret), which the platform or the team creates. The user's tokens
// stay at the gateway: the model server receives no credential (no Authorization header, and no
// Cookie header: Envoy hands requests on with the session cookies rewritten to the tokens in
// clear). The provider's endpoints are given explicitly, so the gateway needs no discovery
// document. The conformance suite proves the login on a real Envoy with a provider on
// 127.0.0.1:18443 (conformance/intents/vllm-envoy-gateway-oidc.yaml): these URLs are that
// provider's; give your own provider's.
import { App, Chart } from 'cdk8s';
import { Authentication, EdgeController, InferenceBackend, ModelServer, SecureInferenceEndpoint } from 'cdk8s-secure-ai';

const app = new App();
const chart = new Chart(app, 'vllm-envoy-gateway-oidc');

new SecureInferenceEndpoint(chart, 'chat', {
  namespace: 'llm-oidc',
  hosts: ['chat-oidc.example.com'],
  modelServer: ModelServer.vllm(),
  backend: InferenceBackend.workload({
    image: 'registry.example.com/ml/vllm-openai@sha256:4f0b5a2c9d3e8f1a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a',
    args: ['--model', '/models/llama-3.1-8b-instruct', '--served-model-name', 'llama-3.1-8b'],
    gpus: 1,
    replicas: 2,
    modelVolumeClaim: 'llama-3-1-8b-weights',
  }),
  controller: EdgeController.envoyGateway({
    gateway: { name: 'platform-gateway', namespace: 'envoy-gateway-system', sectionName: 'https' },
  }),
  tls: {},
  authentication: Authentication.oidc({
    issuer: 'https://127.0.0.1:18443',
    authorizationEndpoint: 'https://127.0.0.1:18443/authorize',
    tokenEndpoint: 'https://localhost:18443/token',
    clientId: 'chat-ui',
    clientSecretName: 'chat-ui-oidc',
    redirectUrl: 'https://chat-oidc.example.com/oauth2/callback',
    scopes: ['profile', 'email'],
  }),
  // Off, explicitly (a weakened control in the report), to keep this example about the login:
  // examples/vllm-envoy-gateway runs the LLM WAF through coraza-proxy-wasm.
  waf: { enabled: false },
});

app.synth();
