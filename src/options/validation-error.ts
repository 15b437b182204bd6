/**
 * The error every invalid option raises at synthesis, before any manifest is written.
 *
 * The message always names the option (`field`), the value received and how to fix it.
 * Values are shown as a reader would write them: strings quoted, enum-like class instances
 * by their name (`AuthenticationKind.EXTERNAL`), other objects summarised to two levels, never
 * as the internal JSON of the library's classes.
 * Not part of the jsii API (jsii cannot export Error subclasses): callers match on `name`
 * being `ValidationError` or on the message.
 * @internal
 */
export class ValidationError extends Error {
  /** How a value is shown in a message. @internal */
  public static show(value: unknown, depth = 0): string {
    if (value === undefined) return 'undefined';
    if (value === null) return 'null';
    switch (typeof value) {
      case 'string':
        return JSON.stringify(value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value);
      case 'number':
      case 'boolean':
      case 'bigint':
        return String(value);
      case 'function':
        return value.name ? `function ${value.name}` : 'a function';
      case 'symbol':
        return value.toString();
    }
    if (Array.isArray(value)) {
      if (depth >= MAX_DEPTH) return `[${value.length} item${value.length === 1 ? '' : 's'}]`;
      const items = value.slice(0, MAX_ITEMS).map((v) => ValidationError.show(v, depth + 1));
      if (value.length > MAX_ITEMS) items.push(`… ${value.length - MAX_ITEMS} more`);
      return `[${items.join(',')}]`;
    }
    const obj = value as Record<string, unknown>;
    const ctor: unknown = Object.getPrototypeOf(obj)?.constructor;
    const className = typeof ctor === 'function' && ctor !== Object && ctor.name ? ctor.name : undefined;
    if (className) {
      // An enum-like class: one of its static members.
      const member = Object.getOwnPropertyNames(ctor).find((k) => staticMember(ctor as Record<string, unknown>, k) === obj);
      if (member) return `${className}.${member}`;
      if (obj instanceof Error) return `${className}: ${obj.message}`;
      if (obj instanceof Date) return obj.toISOString();
    }
    const entries = Object.entries(obj).filter(([, v]) => v !== undefined && typeof v !== 'function');
    if (entries.length === 0) return className ? className : '{}';
    if (depth >= MAX_DEPTH) return className ?? '{…}';
    const shown = entries.slice(0, MAX_ITEMS).map(([k, v]) => `${k}: ${ValidationError.show(v, depth + 1)}`);
    if (entries.length > MAX_ITEMS) shown.push(`… ${entries.length - MAX_ITEMS} more`);
    return `${className ? `${className} ` : ''}{ ${shown.join(', ')} }`;
  }

  /** The option that is invalid, as a path from the construct's props (e.g. `egress[1].cidr`). */
  public readonly field: string;

  constructor(field: string, value: unknown, fix: string) {
    super(`Invalid ${field}: ${ValidationError.show(value)}. ${fix}`);
    this.name = 'ValidationError';
    this.field = field;
  }
}

const MAX_DEPTH = 2;
const MAX_ITEMS = 8;
const MAX_STRING = 200;

function staticMember(ctor: Record<string, unknown>, key: string): unknown {
  try {
    return ctor[key];
  } catch {
    return undefined;
  }
}
