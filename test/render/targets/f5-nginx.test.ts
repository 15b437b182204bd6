import { BackendCaBundle, CertificateIssuer, ClientCaBundle, InferenceBackend, ModelServer } from '../../../src';
import { DIGEST_IMAGE, MINIMAL_F5_ENDPOINT, synthEndpoint } from '../../support/endpoint-fixtures';
import { find } from '../../support/fixtures';
import { validateAgainstKubernetesSchema } from '../../support/kubernetes-schema';

const VLLM = { modelServer: ModelServer.vllm(), backend: InferenceBackend.workload({ image: DIGEST_IMAGE }), namespaceQuota: undefined };
const backendTls = { issuer: CertificateIssuer.clusterIssuer('models-ca'), caBundle: BackendCaBundle.secret('models-ca') };
const synth = (overrides = {}) => synthEndpoint({ ...VLLM, ...overrides }, MINIMAL_F5_ENDPOINT);

describe('the F5 NGINX target with backendTls', () => {
  test('an egress-mTLS Policy verifies the server against the CA Secret and its name (SNI); the upstream speaks TLS', () => {
    const { objects } = synth({ backendTls });
    expect(find(objects, 'Policy', 'llm-backend-tls').spec).toStrictEqual({
      egressMTLS: { trustedCertSecret: 'models-ca', verifyServer: true, verifyDepth: 2, serverName: true, sslName: 'llm.serving.svc', protocols: 'TLSv1.2 TLSv1.3' },
    });
    const vs = find(objects, 'VirtualServer', 'llm');
    expect(vs.spec.policies).toContainEqual({ name: 'llm-backend-tls' });
    expect(vs.spec.upstreams[0].tls).toStrictEqual({ enable: true });
    validateAgainstKubernetesSchema(objects);
  });

  test('without it, no egress-mTLS Policy and plain upstreams', () => {
    const { objects } = synth();
    expect(objects.filter((o) => o.kind === 'Policy' && o.spec.egressMTLS)).toStrictEqual([]);
    expect(find(objects, 'VirtualServer', 'llm').spec.upstreams[0].tls).toBeUndefined();
  });

  test('fails for a CA in a ConfigMap and with a canary', () => {
    expect(() => synth({ backendTls: { ...backendTls, caBundle: BackendCaBundle.configMap('models-ca') } }))
      .toThrow(/^Invalid backendTls\.caBundle: "ConfigMap models-ca"\. f5-nginx cannot honour this option\. F5 NGINX reads the backend CA from a Secret of type nginx\.org\/ca/);
    expect(() => synth({ backendTls, canary: { backend: InferenceBackend.workload({ image: DIGEST_IMAGE }), weightPercent: 10 } }))
      .toThrow(/^Invalid backendTls: "canary llm-canary"\. f5-nginx cannot honour this option\. The egress-mTLS Policy applies to every upstream/);
  });
});

describe('the F5 NGINX target with client certificates', () => {
  test('an ingress-mTLS Policy reads the ClientCaBundle Secret', () => {
    const { objects } = synth({ tls: { ...MINIMAL_F5_ENDPOINT.tls, clientCertificate: { caBundle: ClientCaBundle.secret('clients-ca') } } });
    const policy = objects.find((o) => o.kind === 'Policy' && o.spec.ingressMTLS);
    expect(policy.spec.ingressMTLS).toStrictEqual({ clientCertSecret: 'clients-ca', verifyClient: 'on', verifyDepth: 1 });
  });

  test('fails for a client CA in a ConfigMap (a Secret of type nginx.org/ca), naming ClientCaBundle.secret', () => {
    expect(() => synth({ tls: { ...MINIMAL_F5_ENDPOINT.tls, clientCertificate: { caBundle: ClientCaBundle.configMap('clients-ca') } } }))
      .toThrow(/Invalid tls\.clientCertificate\.caBundle: "ConfigMap clients-ca"\. f5-nginx cannot honour this option\..*nginx\.org\/ca.*ClientCaBundle\.secret\(name\)/s);
  });
});
