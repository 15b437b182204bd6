import { App, Chart } from 'cdk8s';
import { CONTROLLERS_FILE, fileOf, PLATFORM_OWNED_FILE, synthApp, testChart } from './synth-app';
import {
  Authentication, CertificateIssuer, EdgeController, InferenceBackend, ModelServer, SecureInferenceEndpoint, SecureInferenceEndpointProps,
  ServingNamespaceQuota,
} from '../../src';

export const DIGEST_IMAGE = `registry.example.com/ml/vllm@sha256:${'a'.repeat(64)}`;

/** A minimal valid vLLM endpoint on ingress-nginx. */
export const MINIMAL_ENDPOINT: SecureInferenceEndpointProps = {
  namespace: 'serving',
  hosts: ['llm.example.com'],
  modelServer: ModelServer.vllm(),
  backend: InferenceBackend.workload({ image: DIGEST_IMAGE }),
  controller: EdgeController.ingressNginx(),
  tls: { issuer: CertificateIssuer.clusterIssuer('letsencrypt') },
  authentication: Authentication.external({ url: 'http://oauth2-proxy.auth.svc.cluster.local/oauth2/auth' }),
};

/** The quota option an endpoint whose backend or canary is an existing Service needs: the GPUs of that Service's pods. */
export const EXISTING_SERVICE_QUOTA = ServingNamespaceQuota.fromWorkloads({ additionalGpus: 1 });

/** A minimal valid Triton endpoint on F5 NGINX (an existing Service, whose pods use one GPU). */
export const MINIMAL_F5_ENDPOINT: SecureInferenceEndpointProps = {
  ...MINIMAL_ENDPOINT,
  modelServer: ModelServer.triton(['resnet50']),
  backend: InferenceBackend.service('triton', 8000, { app: 'triton' }),
  namespaceQuota: EXISTING_SERVICE_QUOTA,
  controller: EdgeController.f5Nginx({ nginxPlus: true, appProtectPolicy: 'nginx-ingress/default' }),
  authentication: Authentication.jwt({ jwksSecretName: 'jwks' }),
};

/**
 * An endpoint `llm` in chart `test` of an app of its own, synthesised with the whole app:
 * `objects` is the chart's file (what the deployer applies), `platform` the platform-owned file
 * (what a cluster administrator applies), `hardening` the controllers' file, `files` every file.
 */
export function synthEndpoint(overrides: Partial<SecureInferenceEndpointProps> = {}, base = MINIMAL_ENDPOINT):
{ chart: Chart; endpoint: SecureInferenceEndpoint; objects: any[]; platform: any[]; hardening: any[]; files: { [file: string]: any[] } } {
  const chart = testChart();
  const endpoint = new SecureInferenceEndpoint(chart, 'llm', { ...base, ...overrides });
  const files = synthApp(chart.node.root as App);
  return {
    chart,
    endpoint,
    files,
    objects: fileOf(files, 'test.k8s.yaml'),
    platform: fileOf(files, PLATFORM_OWNED_FILE),
    hardening: fileOf(files, CONTROLLERS_FILE),
  };
}

/** The platform's Gateway an Envoy Gateway endpoint attaches to. */
export const PLATFORM_GATEWAY = { name: 'platform-gateway', namespace: 'envoy-gateway-system', sectionName: 'https' };

/** A minimal valid vLLM endpoint on Envoy Gateway: JWT from a JWKS URI, the WAF off (no coraza-proxy-wasm module named). */
export const MINIMAL_ENVOY_GATEWAY_ENDPOINT: SecureInferenceEndpointProps = {
  ...MINIMAL_ENDPOINT,
  controller: EdgeController.envoyGateway({ gateway: PLATFORM_GATEWAY }),
  tls: {},
  authentication: Authentication.jwt({ jwksUri: 'https://127.0.0.1:8443/jwks.json', issuer: 'https://127.0.0.1:8443', audiences: ['chat'] }),
  waf: { enabled: false },
};
