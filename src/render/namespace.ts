import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';

/** Renders a Namespace with the given labels and annotations. @internal */
export function renderNamespace(scope: Construct, id: string, name: string, labels: { [k: string]: string },
  annotations: { [k: string]: string }): k8s.KubeNamespace {
  return new k8s.KubeNamespace(scope, id, { metadata: { name, labels, annotations } });
}
