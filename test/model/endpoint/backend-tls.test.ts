import { BackendCaBundle, BackendTlsOptions, CertificateIssuer, InferenceBackend, ModelServer } from '../../../src';
import { backendModel, canaryModel } from '../../../src/model/endpoint/backend';
import { backendTlsModel } from '../../../src/model/endpoint/backend-tls';
import { TargetRequest } from '../../../src/model/exposure-targets';
import { DIGEST_IMAGE } from '../../support/endpoint-fixtures';

const OPTIONS: BackendTlsOptions = { issuer: CertificateIssuer.clusterIssuer('models-ca'), caBundle: BackendCaBundle.configMap('models-ca') };

function model(server: ModelServer, o: BackendTlsOptions | undefined, args?: string[], withCanary = false) {
  const backend = backendModel('backend', InferenceBackend.workload({ image: DIGEST_IMAGE, port: 8000, args }), 'llm', server, 600, []);
  const canary = withCanary
    ? canaryModel({ backend: InferenceBackend.workload({ image: DIGEST_IMAGE, port: 8000 }), weightPercent: 10 }, 'llm', backend, server, 600, [])
    : undefined;
  const asked: TargetRequest[] = [];
  const result = backendTlsModel(o, 'serving', server, backend, canary, (r) => asked.push(r));
  return { result, asked, backend };
}

describe('backendTls', () => {
  test('without it, the backends are returned as given and nothing is asked of the target', () => {
    const { result, asked, backend } = model(ModelServer.vllm(), undefined);
    expect(result).toStrictEqual({ backend, canary: undefined });
    expect(asked).toStrictEqual([]);
  });

  test('vLLM gets --ssl-keyfile and --ssl-certfile from the mounted Secret; the certificate names the Service\'s DNS names', () => {
    const { result } = model(ModelServer.vllm(), OPTIONS, ['--model', '/models/m']);
    expect(result.backend.workload!.args).toStrictEqual(['--model', '/models/m', '--port', '8000',
      '--ssl-keyfile', '/etc/model-server/tls/tls.key', '--ssl-certfile', '/etc/model-server/tls/tls.crt']);
    expect(result.backend.workload!.tlsSecretName).toBe('llm-server-tls');
    expect(result.tls).toStrictEqual({
      issuerKind: 'ClusterIssuer',
      issuerName: 'models-ca',
      caKind: 'ConfigMap',
      caName: 'models-ca',
      servers: [{
        serviceName: 'llm',
        secretName: 'llm-server-tls',
        hostname: 'llm.serving.svc',
        dnsNames: ['llm', 'llm.serving', 'llm.serving.svc', 'llm.serving.svc.cluster.local'],
      }],
    });
  });

  test('a canary gets a certificate of its own, and the target is asked whether it verifies each Service by its name', () => {
    const { result, asked } = model(ModelServer.vllm(), OPTIONS, undefined, true);
    expect(result.tls!.servers.map((s) => s.hostname)).toStrictEqual(['llm.serving.svc', 'llm-canary.serving.svc']);
    expect(result.canary!.backend.workload!.tlsSecretName).toBe('llm-canary-server-tls');
    expect(asked.map((r) => r.field)).toStrictEqual(['backendTls', 'backendTls.caBundle', 'backendTls']);
    expect(asked.map((r) => r.value)).toContain('canary llm-canary');
  });

  test('fails for servers that cannot serve TLS, naming the server and what to do', () => {
    expect(() => model(ModelServer.tgi(), OPTIONS)).toThrow(/^Invalid backendTls: "ModelServer tgi"\. TGI's launcher cannot serve TLS: remove backendTls/);
    expect(() => model(ModelServer.triton(['resnet50']), OPTIONS, ['tritonserver'])).toThrow(/^Invalid backendTls: "ModelServer triton"\. Triton's HTTP endpoint cannot serve TLS/);
    expect(() => model(ModelServer.openAiCompatible(), OPTIONS)).toThrow(/^Invalid backendTls: "ModelServer openai-compatible"\. The library does not know how to give a openai-compatible server its TLS key/);
  });

  test('fails for an existing Service: the construct cannot give it its certificate', () => {
    const backend = backendModel('backend', InferenceBackend.service('vllm', 8000, { app: 'vllm' }), 'llm', ModelServer.vllm(), 600, []);
    expect(() => backendTlsModel(OPTIONS, 'serving', ModelServer.vllm(), backend, undefined, () => undefined))
      .toThrow(/^Invalid backend: "vllm"\. backendTls needs the model server the construct runs \(InferenceBackend\.workload\)/);
  });

  test('fails when args already give the key or certificate', () => {
    expect(() => model(ModelServer.vllm(), OPTIONS, ['--ssl-keyfile=/k'])).toThrow(/^Invalid backend\.args: "--ssl-keyfile=\/k"\. backendTls gives the server its key and certificate/);
  });

  test('fails without an issuer or a CA bundle, or with a CA bundle name that is not a DNS subdomain', () => {
    expect(() => model(ModelServer.vllm(), { caBundle: OPTIONS.caBundle } as any)).toThrow(/^Invalid backendTls\.issuer: undefined\. Give the in-cluster issuer/);
    expect(() => model(ModelServer.vllm(), { issuer: OPTIONS.issuer } as any)).toThrow(/^Invalid backendTls\.caBundle: undefined\. Give the CA the edge trusts/);
    expect(() => model(ModelServer.vllm(), { ...OPTIONS, caBundle: BackendCaBundle.secret('Bad_Name') })).toThrow(/^Invalid backendTls\.caBundle name: "Bad_Name"/);
  });
});
