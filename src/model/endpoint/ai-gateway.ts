import { BackendTlsModel } from './backend-tls';
import { LimitsModel } from './limits';
import { ModelServer } from '../../options/model-server';
import { ValidationError } from '../../options/validation-error';

/**
 * How the endpoint routes through the Envoy AI Gateway (with a token budget): the request schema
 * of its model server and the controller that turns its AIGatewayRoute into an HTTPRoute. @internal
 */
export interface AiGatewayModel {
  /** The AIServiceBackend's schema (`OpenAI`) and the path prefix of the server's OpenAI API. */
  readonly schema: { readonly name: string; readonly prefix: string };
  /** The AI Gateway controller's ServiceAccount, as a Kubernetes user name. */
  readonly controllerUser: string;
}

/** Model servers whose whole API the AI Gateway's external processor parses (the OpenAI schema at `/v1`). */
const OPENAI_SCHEMA_SERVERS = ['vllm', 'openai-compatible'];

/**
 * With a token budget, the endpoint's requests go through the Envoy AI Gateway, whose external
 * processor counts each response's tokens: only for a server that speaks the OpenAI schema, and
 * (in this release) over plain HTTP to the model pods. @internal
 */
export function aiGatewayModel(limits: LimitsModel, server: ModelServer, backendTls: BackendTlsModel | undefined,
  controllerServiceAccount: string | undefined): AiGatewayModel | undefined {
  if (limits.tokenBudget === undefined) return undefined;
  if (!OPENAI_SCHEMA_SERVERS.includes(server.name)) {
    throw new ValidationError('limits.tokenBudget', `ModelServer ${server.name}`, 'A token budget is counted by the Envoy AI Gateway, which parses OpenAI-schema requests and responses only'
      + (server.name === 'tgi' ? ' (TGI\'s native /generate API is not one)' : server.name === 'triton' ? ' (Triton\'s KServe v2 API is not one)' : '')
      + ': serve the model with ModelServer.vllm() or ModelServer.openAiCompatible(), or remove limits.tokenBudget and bound clients with requestsPerSecond, requestsPerMinute and limits.perIdentity.');
  }
  if (backendTls !== undefined) {
    throw new ValidationError('limits.tokenBudget', 'with backendTls', 'This release sends a token-budgeted endpoint\'s traffic through an Envoy Gateway Backend without TLS settings of its own: '
      + 'remove backendTls, or remove limits.tokenBudget and keep backendTls.');
  }
  const [namespace, name] = controllerServiceAccount!.split('/');
  return { schema: { name: 'OpenAI', prefix: '/v1' }, controllerUser: `system:serviceaccount:${namespace}:${name}` };
}
