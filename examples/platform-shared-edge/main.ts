// A platform app: three endpoints on one shared ingress-nginx controller, as a platform team
// runs them. Chat and embeddings share the namespace llm-serving (one Namespace, one default
// deny, written once); vision lives in another namespace and another chart of the same app.
// Every endpoint's controller settings and WAF rules are composed into one ConfigMap per
// controller (secure-ai-controllers.k8s.yaml); other tenants' hosts on the controller are left alone.
import { App, Chart } from 'cdk8s';
import {
  Authentication, CertificateChallenge, CertificateIssuer, ClientAddress, EdgeController, InferenceBackend, ModelServer, SecureInferenceEndpoint,
  Subject,
} from 'cdk8s-secure-ai';

const app = new App();
// The controller sits behind the cloud's TCP load balancer (addresses in the VPC's 10.0.0.0/16), which
// rewrites source addresses and sends the PROXY protocol: the controller takes client addresses from it
// alone, so that rate and connection limits count clients, not nodes. Controller-wide: every tenant's hosts.
const controller = EdgeController.ingressNginx({ clientAddress: ClientAddress.proxyProtocol(['10.0.0.0/16']) });
// Let's Encrypt over HTTP-01 on the shared controller: cert-manager may create its solver objects in each namespace.
const tls = { issuer: CertificateIssuer.clusterIssuer('letsencrypt-production'), challenge: CertificateChallenge.http01() };
const breakGlassGroup = 'platform-oncall';
const authentication = Authentication.external({ url: 'http://oauth2-proxy.auth.svc.cluster.local/oauth2/auth' });
const image = (name: string) => `registry.example.com/ml/${name}@sha256:${'4f0b5a2c9d3e8f1a'.repeat(4)}`;

const serving = new Chart(app, 'llm-serving');
new SecureInferenceEndpoint(serving, 'chat', {
  namespace: 'llm-serving',
  hosts: ['chat.example.com'],
  modelServer: ModelServer.vllm(),
  backend: InferenceBackend.workload({ image: image('vllm-openai'), args: ['--model', '/models/llama-3.1-8b-instruct'], modelVolumeClaim: 'llama-weights' }),
  controller,
  tls,
  authentication,
  changeControl: { deployers: [Subject.serviceAccount('ci', 'llm-chat')], breakGlassGroup },
});
new SecureInferenceEndpoint(serving, 'embeddings', {
  namespace: 'llm-serving',
  hosts: ['embeddings.example.com'],
  modelServer: ModelServer.openAiCompatible(),
  // openAiCompatible() cannot tell the server its port: the TEI router reads it from PORT.
  backend: InferenceBackend.workload({ image: image('tei'), port: 8080, env: { PORT: '8080' }, gpus: 0, cpu: '4', memory: '16Gi' }),
  controller,
  tls,
  authentication,
  changeControl: { deployers: [Subject.serviceAccount('ci', 'llm-embeddings')], breakGlassGroup },
});

const vision = new Chart(app, 'vision-serving');
new SecureInferenceEndpoint(vision, 'vision', {
  namespace: 'vision-serving',
  hosts: ['vision.example.com'],
  modelServer: ModelServer.vllm(),
  backend: InferenceBackend.workload({ image: image('vllm-openai'), args: ['--model', '/models/qwen2-vl-7b'], modelVolumeClaim: 'qwen-weights' }),
  controller,
  tls,
  authentication,
  limits: { maxBodyMiB: 64 },
  changeControl: { breakGlassGroup },
});

app.synth();
