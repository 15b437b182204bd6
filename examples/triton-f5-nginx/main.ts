// A Triton server on F5 NGINX Ingress Controller (NGINX Plus): JWT, client certificates,
// an App Protect WAF policy, a namespaced cert-manager Issuer, an existing Service.
import { App, Chart } from 'cdk8s';
import {
  Authentication, CertificateChallenge, CertificateIssuer, ClientCertificateVerification, EdgeController, InferenceBackend, ModelServer,
  SecureInferenceEndpoint, ServingNamespaceQuota, Subject, TlsVersion,
} from 'cdk8s-secure-ai';

const app = new App();
const chart = new Chart(app, 'triton-f5-nginx');

new SecureInferenceEndpoint(chart, 'vision', {
  namespace: 'vision-serving',
  hosts: ['vision.example.com'],
  modelServer: ModelServer.triton(['resnet50', 'yolo-v8']),
  backend: InferenceBackend.service('triton', 8000, { 'app.kubernetes.io/name': 'triton' }),
  // The Triton pods behind the existing Service (2 replicas x 1 GPU) run under the namespace's GPU quota.
  namespaceQuota: ServingNamespaceQuota.fromWorkloads({ additionalGpus: 2 }),
  controller: EdgeController.f5Nginx({
    nginxPlus: true,
    appProtectPolicy: 'nginx-ingress/inference-api-protection',
    appProtectLogConf: 'nginx-ingress/log-blocked',
  }),
  tls: {
    issuer: CertificateIssuer.issuer('vision-ca'),
    challenge: CertificateChallenge.none(), // a CA issuer: no ACME solver in the namespace
    minimumVersion: TlsVersion.TLS_1_3,
    clientCertificate: { caSecretName: 'partner-ca', verification: ClientCertificateVerification.REQUIRED },
  },
  authentication: Authentication.jwt({ jwksSecretName: 'vision-jwks', realm: 'vision' }),
  sourceRanges: { allow: ['203.0.113.0/24', '198.51.100.0/24'] },
  limits: { requestsPerSecond: 20, burst: 40, maxBodyMiB: 64 },
  changeControl: {
    deployers: [Subject.serviceAccount('vision-deployer', 'ci')],
    auditors: [Subject.group('security-auditors')],
    breakGlassGroup: 'platform-oncall',
  },
});

app.synth();
