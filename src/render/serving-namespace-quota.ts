import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { COMPOSED_FROM_ANNOTATION, DESCRIPTION_ANNOTATION, MANAGED_BY } from '../facts/label-keys';
import { ServingQuotaModel } from '../model/serving-namespace-quota';

/** Name of a serving namespace's ResourceQuota. */
export const SERVING_QUOTA_NAME = 'serving-quota';
/** Name of a serving namespace's LimitRange. */
export const SERVING_LIMIT_RANGE_NAME = 'container-limits';

/** The ResourceQuota and LimitRange of a serving namespace. @internal */
export interface RenderedServingQuota {
  readonly resourceQuota: ApiObject;
  readonly limitRange: ApiObject;
}

/**
 * Renders a serving namespace's ResourceQuota and LimitRange from its composed model, read at
 * synthesis (`model` is called then), when every endpoint of the namespace has added its share.
 * @internal
 */
export function renderServingNamespaceQuota(scope: Construct, namespace: string, model: () => ServingQuotaModel): RenderedServingQuota {
  const composedFrom = Lazy.any({ produce: () => model().endpoints.join(', ') }) as unknown as string;
  const metadata = (name: string, description: string) => ({
    name,
    namespace,
    labels: { 'app.kubernetes.io/managed-by': MANAGED_BY },
    annotations: { [DESCRIPTION_ANNOTATION]: description, [COMPOSED_FROM_ANNOTATION]: composedFrom },
  });
  const resourceQuota = new ApiObject(scope, 'quota', {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: metadata(SERVING_QUOTA_NAME,
      'GPUs for the model workloads of the endpoints listed in secure-ai.cdk8s.io/composed-from (replicas, rollout surge, canary) and any GPUs they add; no LoadBalancer Service; NodePort Services only for cert-manager\'s HTTP-01 solvers.'),
    spec: Lazy.any({ produce: () => ({ hard: { ...model().hard } }) }),
  });
  const limitRange = new ApiObject(scope, 'limits', {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: metadata(SERVING_LIMIT_RANGE_NAME,
      'Requests and limits for containers that declare none, and the most CPU and memory one container may have.'),
    spec: Lazy.any({
      produce: () => {
        const m = model();
        return {
          limits: [{
            type: 'Container',
            defaultRequest: { ...m.containerDefaultRequest },
            default: { ...m.containerDefaultLimit },
            max: { ...m.containerMax },
          }],
        };
      },
    }),
  });
  return { resourceQuota, limitRange };
}
