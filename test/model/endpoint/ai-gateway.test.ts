import { BackendCaBundle, CertificateIssuer, EdgeController, GatewayListener, InferenceBackend, LimitScope, ModelServer } from '../../../src';
import { buildEndpointModel } from '../../../src/model/endpoint-model';
import { MINIMAL_ENVOY_GATEWAY_ENDPOINT, PLATFORM_GATEWAY } from '../../support/endpoint-fixtures';

const budget = { scope: LimitScope.SHARED, tokenBudget: { tokensPerMinute: 2000 } };
/** A model server's existing Service, so the server's workload options play no part. */
const existing = InferenceBackend.service('llm', 8000, { app: 'llm' });
const model = (overrides: object = {}) => buildEndpointModel('llm', { ...MINIMAL_ENVOY_GATEWAY_ENDPOINT, limits: budget, ...overrides });

describe('the AI Gateway model', () => {
  test('none without a token budget', () => {
    expect(buildEndpointModel('llm', MINIMAL_ENVOY_GATEWAY_ENDPOINT).aiGateway).toBeUndefined();
  });

  test('with a token budget: the OpenAI schema at /v1 for vLLM and OpenAI-compatible servers, and the AI Gateway controller as a user', () => {
    expect(model().aiGateway).toStrictEqual({
      schema: { name: 'OpenAI', prefix: '/v1' },
      controllerUser: 'system:serviceaccount:envoy-ai-gateway-system:ai-gateway-controller',
    });
    expect(model({ modelServer: ModelServer.openAiCompatible(), backend: existing, createNamespace: false }).aiGateway?.schema.name).toBe('OpenAI');
  });

  test('the platform names its AI Gateway controller\'s ServiceAccount; a malformed one fails', () => {
    const controller = (sa: string) => EdgeController.envoyGateway({ gateway: PLATFORM_GATEWAY, aiGatewayControllerServiceAccount: sa });
    expect(model({ controller: controller('ai-gateway/controller') }).aiGateway?.controllerUser).toBe('system:serviceaccount:ai-gateway:controller');
    expect(() => model({ controller: controller('controller') })).toThrow(/Invalid controller aiGatewayControllerServiceAccount: "controller"\. Use "namespace\/name"/);
  });

  test('fails on a model server whose API the AI Gateway cannot parse (TGI\'s native API, Triton), naming the server and what to do', () => {
    expect(() => model({ modelServer: ModelServer.tgi(), backend: existing }))
      .toThrow(/Invalid limits\.tokenBudget: "ModelServer tgi"\. A token budget is counted by the Envoy AI Gateway, which parses OpenAI-schema requests and responses only \(TGI's native \/generate API is not one\): serve the model with ModelServer\.vllm\(\)/);
    expect(() => model({ modelServer: ModelServer.triton(['llm']), backend: existing }))
      .toThrow(/Invalid limits\.tokenBudget: "ModelServer triton"\..*\(Triton's KServe v2 API is not one\).*remove limits\.tokenBudget/s);
  });

  test('fails with backendTls, which this release cannot carry through the AI Gateway\'s Backend', () => {
    expect(() => model({ backendTls: { issuer: CertificateIssuer.issuer('model-ca'), caBundle: BackendCaBundle.configMap('model-ca-bundle') } }))
      .toThrow(/Invalid limits\.tokenBudget: "with backendTls"\..*remove backendTls, or remove limits\.tokenBudget/s);
  });

  test('fails with an endpoint-owned listener: the AIGatewayRoute attaches to the platform\'s listener only, and the message says what to do', () => {
    expect(() => model({
      controller: EdgeController.envoyGateway({ gateway: { name: 'platform-gateway', namespace: 'envoy-gateway-system' }, listener: GatewayListener.own() }),
      tls: { issuer: CertificateIssuer.clusterIssuer('letsencrypt') },
    })).toThrow(/^Invalid limits\.tokenBudget: .*attaches to the platform's Gateway listener only: use GatewayListener\.platform\(\) with a token budget, or remove limits\.tokenBudget/);
  });
});
