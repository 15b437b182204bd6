/**
 * A kind of request body a route takes. The WAF accepts on a route only the content types the
 * route declares and refuses every other `Content-Type` there (415).
 */
export class RouteContentType {
  /**
   * JSON: the WAF profile's `allowedContentTypes` (`application/json` by default, `charset=utf-8`
   * the only parameter), parsed by the engine and inspected field by field.
   */
  public static readonly JSON = new RouteContentType('json');

  /**
   * `multipart/form-data` with its `boundary` parameter (file uploads such as audio), parsed by
   * the engine with strict multipart validation: a body that fails it is refused (400). Form
   * fields are inspected as request arguments; file contents are not.
   */
  public static readonly MULTIPART_FORM_DATA = new RouteContentType('multipart/form-data');

  private constructor(
    /** The name of the kind: `json`, or the media type `multipart/form-data`. */
    public readonly value: string,
  ) {}
}
