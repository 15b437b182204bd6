/**
 * The HTTP methods a route may allow: routes, the WAF profile and every target's renderer
 * use this one list.
 */
export const HTTP_METHODS: readonly string[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
