import { ValidationError } from './validation-error';

/**
 * Validates an allowed image registry prefix, such as `registry.example.com/ml` or
 * `123456789012.dkr.ecr.eu-west-1.amazonaws.com/training`, and returns it with a trailing '/'
 * so that `registry.example.com/ml` does not also allow `registry.example.com/ml-untrusted/...`.
 * @internal
 */
export function registryPrefix(field: string, value: string): string {
  const fail = (fix: string) => { throw new ValidationError(field, value, fix); };
  if (typeof value !== 'string' || value.length === 0) {
    fail('Give a registry host with an optional path, e.g. "registry.example.com/ml".');
  }
  if (/^[a-z]+:\/\//i.test(value)) {
    fail(`Image references carry no scheme, so this can never match. Did you mean "${value.replace(/^[a-z]+:\/\//i, '')}"?`);
  }
  if (/[*?]/.test(value)) {
    fail('Wildcards are not supported; list each registry path prefix explicitly.');
  }
  if (/[@\s]/.test(value)) {
    fail('A registry prefix has no digest or whitespace; give only host and path, e.g. "registry.example.com/ml".');
  }
  const trimmed = value.replace(/\/+$/, '');
  const [host, ...path] = trimmed.split('/');
  if (!/^([a-z0-9]([-a-z0-9]*[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(:[0-9]{1,5})?$/.test(host)) {
    fail('The registry host must be lower-case letters, digits, \'-\' and \'.\', with an optional :port.');
  }
  if (!host.includes('.') && !host.includes(':') && host !== 'localhost') {
    fail(`"${host}" is not a registry host: container runtimes would read it as a Docker Hub path, so the pattern cannot match a fully-qualified image. Did you mean "docker.io/${trimmed}"?`);
  }
  for (const p of path) {
    if (!/^[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*$/.test(p)) {
      fail(`Path component "${p}" can never appear in an image reference (lower-case letters, digits and separators only; no tag).`);
    }
  }
  return `${trimmed}/`;
}
