import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';

/** Renders a ResourceQuota. @internal */
export function renderResourceQuota(scope: Construct, namespace: string, hard: { [r: string]: string },
  labels: { [k: string]: string } = {}): k8s.KubeResourceQuota {
  const spec: { [r: string]: k8s.Quantity } = {};
  for (const [r, v] of Object.entries(hard)) spec[r] = k8s.Quantity.fromString(v);
  return new k8s.KubeResourceQuota(scope, 'quota', {
    metadata: { name: 'training-quota', namespace, labels },
    spec: { hard: spec },
  });
}

/** Renders a LimitRange giving containers default requests and limits. @internal */
export function renderLimitRange(scope: Construct, namespace: string,
  d: { cpuRequest: string; cpuLimit: string; memoryRequest: string; memoryLimit: string },
  labels: { [k: string]: string } = {}): k8s.KubeLimitRange {
  return new k8s.KubeLimitRange(scope, 'limits', {
    metadata: { name: 'container-defaults', namespace, labels },
    spec: {
      limits: [{
        type: 'Container',
        defaultRequest: { cpu: k8s.Quantity.fromString(d.cpuRequest), memory: k8s.Quantity.fromString(d.memoryRequest) },
        default: { cpu: k8s.Quantity.fromString(d.cpuLimit), memory: k8s.Quantity.fromString(d.memoryLimit) },
      }],
    },
  });
}
