// A vLLM server on Envoy Gateway behind an InferencePool (Gateway API Inference Extension v1):
// the HTTPRoute sends requests to the pool, and the Gateway asks the endpoint picker `chat-epp`
// (deployed in the namespace by the platform or the team, e.g. from the extension's chart) which
// model pod serves each one, by queue depth and KV cache; if the picker does not answer, requests
// fail (FailClose). NetworkPolicies let only the Gateway's Envoy pods reach the picker, and only the
// picker read the model pods' metrics. The picker also watches the pods and the pool through the
// Kubernetes API: its egress to the API server is the platform's to allow (named in the report).
import { App, Chart } from 'cdk8s';
import { Authentication, EdgeController, InferenceBackend, ModelServer, SecureInferenceEndpoint } from 'cdk8s-secure-ai';

const app = new App();
const chart = new Chart(app, 'vllm-envoy-gateway-inference-pool');

new SecureInferenceEndpoint(chart, 'chat', {
  namespace: 'llm-pool',
  hosts: ['chat-pool.example.com'],
  modelServer: ModelServer.vllm(),
  backend: InferenceBackend.workload({
    image: 'registry.example.com/ml/vllm-openai@sha256:4f0b5a2c9d3e8f1a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a',
    args: ['--model', '/models/llama-3.1-8b-instruct', '--served-model-name', 'llama-3.1-8b'],
    gpus: 1,
    replicas: 3,
    modelVolumeClaim: 'llama-3-1-8b-weights',
    inferencePool: {
      endpointPicker: { serviceName: 'chat-epp', port: 9002, podLabels: { 'app.kubernetes.io/name': 'chat-epp' } },
    },
  }),
  controller: EdgeController.envoyGateway({
    gateway: { name: 'platform-gateway', namespace: 'envoy-gateway-system', sectionName: 'https' },
  }),
  tls: {},
  authentication: Authentication.jwt({
    jwksUri: 'https://127.0.0.1:18443/.well-known/jwks.json',
    issuer: 'https://127.0.0.1:18443',
    audiences: ['chat'],
  }),
  // Off, explicitly (a weakened control in the report), to keep this example about the pool:
  // examples/vllm-envoy-gateway runs the LLM WAF through coraza-proxy-wasm.
  waf: { enabled: false },
});

app.synth();
