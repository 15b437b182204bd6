import { RouteContentType } from '../../options/route-content-type';
import { WafRenderContext, WafRoute } from '../../options/waf/waf-render-context';

/** The kinds of request body a route takes (JSON unless it says otherwise). @internal */
export function contentTypesOf(route: WafRoute): RouteContentType[] {
  return route.contentTypes ?? [RouteContentType.JSON];
}

/**
 * Whether the context's routes differ in the bodies they take: then each route says which it
 * takes (`tx.llm_route_json`, `tx.llm_route_multipart`) and the body rules check the route's
 * kinds; otherwise every route takes JSON and the rules are those of a JSON API. @internal
 */
export function routesDifferInBodies(context: WafRenderContext): boolean {
  return context.routes.some((r) => {
    const types = contentTypesOf(r);
    return types.length !== 1 || types[0] !== RouteContentType.JSON;
  });
}

/** Whether any route takes `multipart/form-data`. @internal */
export function anyRouteTakesMultipart(context: WafRenderContext): boolean {
  return context.routes.some((r) => contentTypesOf(r).includes(RouteContentType.MULTIPART_FORM_DATA));
}

/** The transaction flag a route sets for each kind of body it takes. @internal */
export function routeBodyFlag(type: RouteContentType): string {
  return type === RouteContentType.MULTIPART_FORM_DATA ? 'llm_route_multipart' : 'llm_route_json';
}
