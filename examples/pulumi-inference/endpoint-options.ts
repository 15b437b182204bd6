// The options of the endpoint: the same object a cdk8s app would pass to the construct.
import {
  Authentication, CertificateIssuer, EdgeController, InferenceBackend, ModelServer, SecureInferenceEndpointProps,
} from 'cdk8s-secure-ai/pulumi';

export const endpointOptions: SecureInferenceEndpointProps = {
  namespace: 'llm-serving',
  hosts: ['chat.example.com'],
  modelServer: ModelServer.vllm(),
  backend: InferenceBackend.workload({
    image: 'registry.example.com/ml/vllm-openai@sha256:4f0b5a2c9d3e8f1a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a',
    args: ['--model', '/models/llama-3.1-8b-instruct', '--served-model-name', 'llama-3.1-8b', '--port', '8000'],
    gpus: 1,
    modelVolumeClaim: 'llama-3-1-8b-weights',
  }),
  controller: EdgeController.ingressNginx(),
  tls: { issuer: CertificateIssuer.clusterIssuer('letsencrypt-production') },
  authentication: Authentication.external({ url: 'http://oauth2-proxy.auth.svc.cluster.local/oauth2/auth' }),
  limits: { requestsPerSecond: 5, burst: 10, maxConnections: 10, maxBodyMiB: 32 },
};
