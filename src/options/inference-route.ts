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
  return { path: route.path, pathType: (route.match ?? PathMatch.EXACT).value, methods: [...methods] };
}
