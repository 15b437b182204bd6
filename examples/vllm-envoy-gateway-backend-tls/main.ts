// A vLLM server on Envoy Gateway with the hop from the Gateway to the model pods encrypted
// (backendTls): the server gets a cert-manager Certificate for its Service's DNS names (issued by
// the in-cluster CA issuer `models-ca`) and serves HTTPS with it; a BackendTLSPolicy makes the
// Gateway verify that certificate against the CA bundle the platform distributes into the
// namespace (ConfigMap `models-ca`, key ca.crt, e.g. by a trust-manager Bundle) and its name,
// `chat.llm-tls.svc`. A pod that is not the model server cannot answer in its place.
import { App, Chart } from 'cdk8s';
import {
  Authentication, BackendCaBundle, CertificateIssuer, EdgeController, InferenceBackend, ModelServer, SecureInferenceEndpoint,
} from 'cdk8s-secure-ai';

const app = new App();
const chart = new Chart(app, 'vllm-envoy-gateway-backend-tls');

new SecureInferenceEndpoint(chart, 'chat', {
  namespace: 'llm-tls',
  hosts: ['chat-tls.example.com'],
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
  backendTls: {
    issuer: CertificateIssuer.clusterIssuer('models-ca'),
    caBundle: BackendCaBundle.configMap('models-ca'),
  },
  authentication: Authentication.jwt({
    jwksUri: 'https://127.0.0.1:18443/.well-known/jwks.json',
    issuer: 'https://127.0.0.1:18443',
    audiences: ['chat'],
  }),
  // Off, explicitly (a weakened control in the report), to keep this example about the upstream hop:
  // examples/vllm-envoy-gateway runs the LLM WAF through coraza-proxy-wasm.
  waf: { enabled: false },
});

app.synth();
