import { IConstruct } from 'constructs';

/**
 * Id of the chart, at the root of an app, of the objects the platform team applies (a cluster
 * administrator, before the deployers' charts); it synthesises to `secure-ai-platform-owned.k8s.yaml`.
 * What a construct writes there sits under the construct's own path: the objects of the construct
 * at `serving/chat` are under `secure-ai-platform-owned/serving/chat/`.
 */
export const PLATFORM_OWNED_CHART_ID = 'secure-ai-platform-owned';

/**
 * The scope of the platform-owned chart that holds what the constructs under `scope` wrote there
 * (the same path under the chart), or undefined when they wrote nothing.
 */
export function platformOwnedScopeOf(scope: IConstruct): IConstruct | undefined {
  let found: IConstruct | undefined = scope.node.root.node.tryFindChild(PLATFORM_OWNED_CHART_ID);
  for (const s of scope.node.scopes.slice(1)) found = found?.node.tryFindChild(s.node.id);
  return found;
}
