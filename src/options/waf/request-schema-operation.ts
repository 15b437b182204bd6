/**
 * One operation of an inference API as the WAF validates it: the request shape of a route.
 *
 * Field paths are dot-separated JSON keys; `*` stands for one array index, `**` (last segment
 * only) for any sub-tree the server itself validates as free-form JSON (a tool's JSON Schema,
 * a KServe tensor's data).
 * @internal
 */
export interface RequestSchemaOperation {
  /** Short name, letters, digits and `_` (the value of `tx.llm_schema` on its routes). */
  readonly name: string;
  /** A regex over the request path (both engines' dialect: no look-around, no back-references). */
  readonly path: string;
  /** Every key path the operation takes; anything else is an unknown field. */
  readonly keys: string[];
}

/** The kinds of value a field may hold. @internal */
export type RequestSchemaValueKind = 'number' | 'boolean' | 'integer' | 'identifier' | 'enum';

/**
 * A constraint on the value of every field whose path is given, on every operation of the
 * schema that takes the field (the allow-list decides where a field may appear at all).
 * @internal
 */
export interface RequestSchemaValue {
  /** Field paths (`*` for one array index). */
  readonly paths: string[];
  readonly kind: RequestSchemaValueKind;
  /** `integer`: the largest value allowed; `identifier`: the longest. */
  readonly max?: number;
  /** `integer`: whether -1 (the servers' "no limit" spelling for `top_k`, `truncate_prompt_tokens`) is allowed. */
  readonly minusOne?: boolean;
  /** `integer`: the largest value is the profile's cost-field cap of this name (e.g. TGI's `parameters.max_new_tokens` takes `max_new_tokens`'s). */
  readonly costField?: string;
  /** `enum`: the allowed values. */
  readonly values?: string[];
}
