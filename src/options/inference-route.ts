import { RouteContentType } from './route-content-type';
import { ValidationError } from './validation-error';
import { HTTP_METHODS } from '../facts/http-methods';

/** How an Ingress or HTTPRoute path matches. */
export class PathMatch {
  /** The path exactly, nothing below it. */
  public static readonly EXACT = new PathMatch('Exact');
  /** The path and everything below it, by path segment. */
  public static readonly PREFIX = new PathMatch('Prefix');

  private constructor(
    /** The Kubernetes `pathType`. */
    public readonly value: string,
  ) {}
}

/** An HTTP route the endpoint exposes. */
export interface InferenceRoute {
  /** The path, starting with '/'. */
  readonly path: string;

  /**
   * How the path matches.
   * @default PathMatch.EXACT
   */
  readonly match?: PathMatch;

  /**
   * The HTTP methods allowed on the path (enforced by the WAF profile; Ingress cannot match methods).
   * @default ['POST']
   */
  readonly methods?: string[];

  /**
   * The kinds of request body the route takes (enforced by the WAF profile: any other
   * `Content-Type` is refused on this route).
   * @default [RouteContentType.JSON]
   */
  readonly contentTypes?: RouteContentType[];

  /**
   * The opt-out that lets this route match every path (`/` as a Prefix), with the reason: every
   * API of the model server is then exposed, management and internal ones included. Reported as a
   * weakened control in the security report.
   * @default - a route matching every path is refused
   */
  readonly everyPathInsecureReason?: string;
}

/** A validated route. @internal */
export interface RouteModel {
  readonly path: string;
  readonly pathType: string;
  readonly methods: string[];
  /** The kinds of request body it takes, at least one, no duplicates. */
  readonly contentTypes: RouteContentType[];
}

/** Validates a route and fills in defaults. @internal */
export function routeModel(field: string, route: InferenceRoute): RouteModel {
  if (!route || typeof route.path !== 'string' || !route.path.startsWith('/')) {
    throw new ValidationError(`${field}.path`, route?.path, 'A path starts with "/", e.g. "/v1/chat/completions".');
  }
  if (!/^\/[A-Za-z0-9._~\-/]*$/.test(route.path) || route.path.includes('//') || /(^|\/)\.\.?(\/|$)/.test(route.path)) {
    throw new ValidationError(`${field}.path`, route.path,
      'Use a plain path of letters, digits and - . _ ~ / (no query, wildcard, regex, "//" or dot segments).');
  }
  const methods = route.methods ?? ['POST'];
  if (methods.length === 0) {
    throw new ValidationError(`${field}.methods`, methods, `List at least one of ${HTTP_METHODS.join(', ')}.`);
  }
  for (const m of methods) {
    if (!HTTP_METHODS.includes(m)) {
      throw new ValidationError(`${field}.methods`, m, `Use upper-case HTTP methods: ${HTTP_METHODS.join(', ')}.`);
    }
  }
  return { path: route.path, pathType: (route.match ?? PathMatch.EXACT).value, methods: [...methods], contentTypes: routeContentTypes(`${field}.contentTypes`, route.contentTypes) };
}

/**
 * The kinds of request body a route takes, validated: at least one, each a `RouteContentType`,
 * none twice; `[RouteContentType.JSON]` when not given. @internal
 */
export function routeContentTypes(field: string, contentTypes: RouteContentType[] | undefined): RouteContentType[] {
  const list = contentTypes ?? [RouteContentType.JSON];
  const fix = 'List the kinds of body the route takes, e.g. [RouteContentType.JSON] or [RouteContentType.MULTIPART_FORM_DATA].';
  if (!Array.isArray(list) || list.length === 0) throw new ValidationError(field, list, fix);
  list.forEach((t, i) => {
    if (!(t instanceof RouteContentType)) throw new ValidationError(`${field}[${i}]`, t, fix);
    if (list.indexOf(t) !== i) throw new ValidationError(`${field}[${i}]`, t, 'It is listed twice; list each kind of body once.');
  });
  return [...list];
}
