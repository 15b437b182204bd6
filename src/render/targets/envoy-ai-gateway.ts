import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AiGatewayRoute,
  AiGatewayRouteSpecLlmRequestCostsType,
  AiGatewayRouteSpecRules,
  AiGatewayRouteSpecRulesBackendRefs,
  AiGatewayRouteSpecRulesMatchesHeadersType,
  AiServiceBackend,
  AiServiceBackendSpecSchemaName,
} from '../../imports/aigateway.envoyproxy.io';
import { Backend } from '../../imports/gateway.envoyproxy.io';
import { BackendModel } from '../../model/endpoint/backend';
import { EndpointModel } from '../../model/endpoint-model';

/** The objects that route an endpoint through the Envoy AI Gateway. @internal */
export interface RenderedAiGatewayRoute {
  /** The AIGatewayRoute: the AI Gateway controller generates an HTTPRoute of the same name from it. */
  readonly route: ApiObject;
  /** An AIServiceBackend and an Envoy Gateway Backend per model Service (primary, canary). */
  readonly backends: ApiObject[];
}

/**
 * The in-cluster DNS name of a model Service, for an Envoy Gateway Backend (the AI Gateway
 * reaches Services through Backends only; the cluster domain is Kubernetes' default).
 */
const serviceHostname = (b: BackendModel, namespace: string) => `${b.serviceName}.${namespace}.svc.cluster.local`;

/**
 * Renders the endpoint's route for a token budget: an `AIGatewayRoute` on the platform's Gateway
 * and the endpoint's hosts, whose `llmRequestCosts` have the AI Gateway's external processor write
 * each response's token count under the budget's key (the BackendTrafficPolicy's cost rules read
 * it), with one rule per canary header and one for everything else (weights as on the HTTPRoute);
 * each model Service gets an `AIServiceBackend` (OpenAI schema) and the Envoy Gateway `Backend`
 * (the Service's DNS name and port) it names. The AI Gateway controller generates the HTTPRoute
 * (same name) the endpoint's policies target. Its rules match on headers only: the path and
 * method allow-list moves to the SecurityPolicy (see `renderEnvoyGateway`).
 * @internal
 */
export function renderAiGatewayRoute(scope: Construct, m: EndpointModel, labels: { [k: string]: string },
  removedHeaders: string[]): RenderedAiGatewayRoute {
  const gateway = m.controller.gateway!;
  const ai = m.aiGateway!;
  const budget = m.limits.tokenBudget!;
  const canary = m.canary;
  const backendModels = canary ? [m.backend, canary.backend] : [m.backend];

  const backends: ApiObject[] = backendModels.flatMap((b) => {
    const metadata = { name: b.serviceName, namespace: m.namespace, labels };
    const backend = new Backend(scope, `ai-backend-${b.serviceName}`, {
      metadata,
      spec: { endpoints: [{ fqdn: { hostname: serviceHostname(b, m.namespace), port: b.port } }] },
    });
    const service = new AiServiceBackend(scope, `ai-service-backend-${b.serviceName}`, {
      metadata,
      spec: {
        schema: { name: ai.schema.name as AiServiceBackendSpecSchemaName, prefix: ai.schema.prefix },
        backendRef: { group: 'gateway.envoyproxy.io', kind: 'Backend', name: backend.name },
      },
    });
    service.addDependency(backend);
    return [backend, service];
  });

  const backendRef = (b: BackendModel, weight?: number): AiGatewayRouteSpecRulesBackendRefs => ({
    name: b.serviceName,
    ...(weight !== undefined ? { weight } : {}),
    // The credential the gateway checked does not reach the model server.
    ...(removedHeaders.length > 0 ? { headerMutation: { remove: removedHeaders } } : {}),
  });
  const timeout = `${m.limits.readTimeoutSeconds}s`;
  const timing = { timeouts: { request: timeout }, streamIdleTimeout: timeout };
  const weighted = canary?.weightPercent !== undefined && canary.weightPercent > 0;
  const rules: AiGatewayRouteSpecRules[] = [
    ...(canary?.header !== undefined ? [{
      matches: [{ headers: [{ name: canary.header, value: canary.headerValue ?? 'always', type: AiGatewayRouteSpecRulesMatchesHeadersType.EXACT }] }],
      backendRefs: [backendRef(canary.backend)],
      ...timing,
    }] : []),
    {
      backendRefs: weighted
        ? [backendRef(m.backend, 100 - canary!.weightPercent!), backendRef(canary!.backend, canary!.weightPercent!)]
        : [backendRef(m.backend)],
      ...timing,
    },
  ];
  const route = new AiGatewayRoute(scope, 'ai-gateway-route', {
    metadata: { name: m.name, namespace: m.namespace, labels },
    spec: {
      parentRefs: [{
        group: 'gateway.networking.k8s.io',
        kind: 'Gateway',
        name: gateway.name,
        namespace: gateway.namespace,
        ...(gateway.sectionName !== undefined ? { sectionName: gateway.sectionName } : {}),
      }],
      hostnames: m.hosts,
      rules,
      llmRequestCosts: [{ metadataKey: budget.costMetadataKey, type: budget.costType.value as AiGatewayRouteSpecLlmRequestCostsType }],
    },
  });
  for (const b of backends) route.addDependency(b);
  return { route, backends };
}
