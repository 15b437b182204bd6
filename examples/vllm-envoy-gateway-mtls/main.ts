// The vLLM server on Envoy Gateway behind mutual TLS: the endpoint owns its listener (a ListenerSet
// on the platform's Gateway, envoy-gateway-system/platform-gateway, which admits ListenerSets), and
// the listener's ClientTrafficPolicy requires a client certificate signed by the CA in the ConfigMap
// chat-clients-ca (ca.crt, distributed by the platform, e.g. a trust-manager Bundle): a client
// without one, or with one from another CA, is refused in the TLS handshake, before any request.
// Callers still present a JWT: the certificate says which machine calls, the token who. Client
// certificates are listener-wide in Envoy Gateway, so they cannot be asked of the platform's own
// listener, which other hosts share (the library refuses it). The WAF is off, explicitly (reported),
// to keep this example about the listener: examples/vllm-envoy-gateway runs the LLM WAF.
import { App, Chart } from 'cdk8s';
import {
  Authentication, CertificateIssuer, ClientAddress, ClientCaBundle, EdgeController, GatewayListener, InferenceBackend, ModelServer,
  RolloutStrategy, SecureInferenceEndpoint, TlsVersion, TolerationEffect, TolerationOperator,
} from 'cdk8s-secure-ai';

const app = new App();
const chart = new Chart(app, 'vllm-envoy-gateway-mtls');

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
    rollout: RolloutStrategy.REPLACE_ONE_AT_A_TIME,
    startupTimeoutSeconds: 2400,
  }),
  controller: EdgeController.envoyGateway({
    gateway: { name: 'platform-gateway', namespace: 'envoy-gateway-system' },
    // The endpoint's own HTTPS listener on the platform's Gateway, port 443, for its hosts only.
    listener: GatewayListener.own(),
    // The Envoy pods see clients' own addresses (a LoadBalancer Service with externalTrafficPolicy: Local).
    clientAddress: ClientAddress.direct(),
  }),
  // The endpoint's certificate, for its listener; TLS 1.3 only on that listener; a client certificate
  // signed by the CA in ConfigMap chat-clients-ca required (ClientCertificateVerification.REQUIRED,
  // the default) in every handshake.
  tls: {
    issuer: CertificateIssuer.clusterIssuer('letsencrypt'),
    minimumVersion: TlsVersion.TLS_1_3,
    clientCertificate: { caBundle: ClientCaBundle.configMap('chat-clients-ca') },
  },
  // The local issuer's JWKS, served on loopback where this example is tested; in a cluster, the
  // issuer's https JWKS URL that the Envoy pods can reach.
  authentication: Authentication.jwt({
    jwksUri: 'https://127.0.0.1:8443/.well-known/jwks.json',
    issuer: 'https://127.0.0.1:8443',
    audiences: ['chat'],
  }),
  // Per client address: 5 requests a second; 32 MiB bodies; streams up to 10 minutes.
  limits: { requestsPerSecond: 5, maxBodyMiB: 32, readTimeoutSeconds: 600 },
  // Off, explicitly (a weakened control in the report): see examples/vllm-envoy-gateway for the WAF.
  waf: { enabled: false },
});

app.synth();
