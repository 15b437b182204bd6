// A vLLM server on ingress-nginx: cert-manager ClusterIssuer (ACME HTTP-01), OIDC through oauth2-proxy,
// LLM-sized limits, a canary model version, metrics for Prometheus, egress to the model store,
// scheduled onto tainted GPU nodes with the NVIDIA runtime and a private registry's pull Secret.
import { App, Chart } from 'cdk8s';
import {
  Authentication, CertificateChallenge, CertificateIssuer, EdgeController, InferenceBackend, ModelServer, NetworkPeer, NetworkPort,
  RolloutStrategy, SecureInferenceEndpoint, ServingNamespaceQuota, Subject, TolerationEffect, TolerationOperator,
} from 'cdk8s-secure-ai';

const app = new App();
const chart = new Chart(app, 'vllm-ingress-nginx');

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
    // GPU nodes: tainted for GPU workloads, labelled by the GPU operator, with the NVIDIA container runtime.
    tolerations: [{ key: 'nvidia.com/gpu', operator: TolerationOperator.EXISTS, effect: TolerationEffect.NO_SCHEDULE }],
    nodeSelector: { 'nvidia.com/gpu.present': 'true' },
    runtimeClassName: 'nvidia',
    imagePullSecrets: ['ml-registry'],
    // A full cluster has no spare GPU: replace one pod at a time (the default, spelt out), and give
    // the 8B model 40 minutes to load from the volume.
    rollout: RolloutStrategy.REPLACE_ONE_AT_A_TIME,
    startupTimeoutSeconds: 2400,
  }),
  controller: EdgeController.ingressNginx(),
  // Let's Encrypt with an http01.ingress solver: cert-manager may create its solver objects, and only those.
  tls: { issuer: CertificateIssuer.clusterIssuer('letsencrypt-production'), challenge: CertificateChallenge.http01() },
  authentication: Authentication.external({
    url: 'http://oauth2-proxy.auth.svc.cluster.local/oauth2/auth',
    signinUrl: 'https://chat.example.com/oauth2/start',
    responseHeaders: ['X-Auth-Request-User', 'X-Auth-Request-Email'],
  }),
  limits: { requestsPerSecond: 5, requestsPerMinute: 120, burst: 10, maxConnections: 10, maxBodyMiB: 32 },
  canary: {
    backend: InferenceBackend.service('chat-v2', 8000, { 'app.kubernetes.io/name': 'chat-v2' }),
    weightPercent: 10,
  },
  // The namespace's quota counts the GPUs of the workload it creates (2 replicas x 1 GPU); the
  // canary's pods (chat-v2, one replica on one GPU) are deployed by another pipeline: add them.
  namespaceQuota: ServingNamespaceQuota.fromWorkloads({ additionalGpus: 1 }),
  metricsScrape: { namespace: 'monitoring', port: 8000, scraperPodLabels: { 'app.kubernetes.io/name': 'prometheus' } },
  egress: [{ name: 'model-store', peer: NetworkPeer.cidr('10.50.0.0/16'), ports: [NetworkPort.tcp(443)] }],
  // The construct creates the chat-deployer ServiceAccount; platform-oncall is the break-glass group (reported).
  changeControl: { auditors: [Subject.group('security-auditors')], breakGlassGroup: 'platform-oncall' },
});

app.synth();
