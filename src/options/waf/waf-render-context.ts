import { CrsRuleSet } from './crs-rule-set';
import { RouteContentType } from '../route-content-type';

/**
 * A route the endpoint serves: anything else is refused by the WAF.
 */
export interface WafRoute {
  /** The path, starting with `/`. */
  readonly path: string;

  /**
   * How the path matches: `Exact` or `Prefix` (Gateway API semantics: `Prefix`
   * matches the path and anything below it at a `/` boundary).
   */
  readonly pathMatch: string;

  /** The HTTP methods allowed on this route, upper case (e.g. `POST`). */
  readonly methods: string[];

  /**
   * The kinds of request body the route takes. Any other `Content-Type` is refused on it (415).
   * @default [RouteContentType.JSON]
   */
  readonly contentTypes?: RouteContentType[];
}

/**
 * What the profile needs to know about the endpoint it protects.
 */
export interface WafRenderContext {
  /** The routes the endpoint serves. At least one. */
  readonly routes: WafRoute[];

  /**
   * The host names the endpoint answers for. When set, other Host headers are refused.
   * @default - any host (routing decides)
   */
  readonly hosts?: string[];

  /**
   * Where the OWASP CRS lives in the engine that loads the rules.
   * Ignored when the profile's `crs` option is off.
   * @default CrsRuleSet.INGRESS_NGINX
   */
  readonly crsRuleSet?: CrsRuleSet;
}
