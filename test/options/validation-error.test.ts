import { Testing } from 'cdk8s';
import {
  Authentication, ClientCertificateVerification, InferenceBackend, SecureInferenceEndpoint,
} from '../../src';
import { AuthenticationKind } from '../../src/options/authentication';
import { ValidationError } from '../../src/options/validation-error';
import { MINIMAL_ENDPOINT, MINIMAL_F5_ENDPOINT } from '../support/endpoint-fixtures';

/** The message of the error an endpoint's options raise. */
function messageOf(overrides: object, base = MINIMAL_ENDPOINT): string {
  try {
    new SecureInferenceEndpoint(Testing.chart(), 'llm', { ...base, ...overrides });
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the options to fail');
}

describe('ValidationError shows values as a reader would write them', () => {
  test('primitives as before: strings quoted, numbers and booleans bare', () => {
    expect(new ValidationError('f', 'a b', 'Fix.').message).toBe('Invalid f: "a b". Fix.');
    expect(new ValidationError('f', 120, 'Fix.').message).toBe('Invalid f: 120. Fix.');
    expect(new ValidationError('f', undefined, 'Fix.').message).toBe('Invalid f: undefined. Fix.');
    expect(new ValidationError('f', ['a', 'b'], 'Fix.').message).toBe('Invalid f: ["a","b"]. Fix.');
    expect(new ValidationError('f', {}, 'Fix.').message).toBe('Invalid f: {}. Fix.');
    expect(new ValidationError('f', NaN, 'Fix.').message).toBe('Invalid f: NaN. Fix.');
  });

  test('enum-like class instances by their name, objects summarised', () => {
    expect(ValidationError.show(AuthenticationKind.EXTERNAL)).toBe('AuthenticationKind.EXTERNAL');
    expect(ValidationError.show({ verification: ClientCertificateVerification.OPTIONAL })).toBe('{ verification: ClientCertificateVerification.OPTIONAL }');
    const deep = { a: { b: { c: { d: 1 } } }, list: Array.from({ length: 20 }, (_, i) => i) };
    expect(ValidationError.show(deep)).toBe('{ a: { b: {…} }, list: [0,1,2,3,4,5,6,7,… 12 more] }');
    expect(ValidationError.show('x'.repeat(300))).toHaveLength(203);
  });

  test('error paths that receive objects never print internal JSON', () => {
    const backend = InferenceBackend.service('llm-v2', 8000, { app: 'llm-v2' });
    const messages = [
      messageOf({ canary: { backend } }),
      messageOf({ authentication: Authentication.jwt({ jwksUri: 'https://idp.example.com/jwks', jwksSecretName: 'jwks' }) }, MINIMAL_F5_ENDPOINT),
      messageOf({ authentication: Authentication.clientCertificate(), tls: { ...MINIMAL_ENDPOINT.tls, clientCertificate: { caSecretName: 'ca', verification: ClientCertificateVerification.OPTIONAL } } }),
    ];
    expect(messages[0]).toMatch(/^Invalid canary: \{ backend: InferenceBackend \{ kind: InferenceBackendKind\.SERVICE, .*\}\. Give weightPercent/);
    expect(messages[1]).toMatch(/^Invalid authentication\.jwt: \{ jwksUri: "https:\/\/idp\.example\.com\/jwks", jwksSecretName: "jwks" \}\. Give exactly one of jwksUri or jwksSecretName/);
    expect(messages[2]).toMatch(/^Invalid tls\.clientCertificate: \{ caSecretName: "ca", verification: ClientCertificateVerification\.OPTIONAL \}\./);
    for (const m of messages) expect(m).not.toMatch(/\{"|"value":/);
  });
});
