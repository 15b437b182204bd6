import { Authentication } from '../../../src';
import { buildEndpointModel } from '../../../src/model/endpoint-model';
import { MINIMAL_ENDPOINT, MINIMAL_ENVOY_GATEWAY_ENDPOINT, MINIMAL_F5_ENDPOINT } from '../../support/endpoint-fixtures';

const forwardingSub = Authentication.jwt({
  jwksUri: 'https://127.0.0.1:8443/jwks.json', issuer: 'https://127.0.0.1:8443', audiences: ['chat'], claimToHeaders: [{ claim: 'sub', header: 'x-user-id' }],
});
const model = (perIdentity: object | undefined, overrides: object = {}) =>
  buildEndpointModel('llm', { ...MINIMAL_ENVOY_GATEWAY_ENDPOINT, authentication: forwardingSub, limits: { perIdentity: perIdentity as any }, ...overrides });

describe('limits per identity', () => {
  test('none: limits per client address only', () => {
    expect(model(undefined).identityLimits).toBeUndefined();
  });

  test('keyed by a forwarded claim header (any case), with its claim', () => {
    expect(model({ header: 'X-User-Id', requestsPerSecond: 2, requestsPerMinute: 30, requestsPerHour: 600 }).identityLimits)
      .toStrictEqual({ header: 'x-user-id', claim: 'sub', requestsPerSecond: 2, requestsPerMinute: 30, requestsPerHour: 600 });
    expect(model({ header: 'x-user-id', requestsPerHour: 30 }).identityLimits)
      .toStrictEqual({ header: 'x-user-id', claim: 'sub', requestsPerSecond: undefined, requestsPerMinute: undefined, requestsPerHour: 30 });
  });

  test('fails on a header the gateway does not write from the token: a client could choose its own budget', () => {
    expect(() => model({ header: 'x-client-id', requestsPerSecond: 2 }))
      .toThrow('Invalid limits.perIdentity.header: "x-client-id". Name a header of authentication.claimToHeaders (x-user-id): only those are written by the gateway from the verified token.');
    const noClaims = { authentication: Authentication.jwt({ jwksUri: 'https://127.0.0.1:8443/jwks.json', issuer: 'https://127.0.0.1:8443', audiences: ['chat'] }) };
    expect(() => model({ header: 'x-user-id', requestsPerSecond: 2 }, noClaims))
      .toThrow(/^Invalid limits\.perIdentity\.header: "x-user-id"\. Limits per identity are keyed by a claim the gateway forwards: add it to Authentication\.jwt\(\{ claimToHeaders/);
  });

  test('fails without a rate, or with a rate out of range, naming the field', () => {
    expect(() => model({ header: 'x-user-id' })).toThrow(/^Invalid limits\.perIdentity: \{ header: "x-user-id" \}\. Give one or more of requestsPerSecond, requestsPerMinute and requestsPerHour\.$/);
    expect(() => model({ header: 'x-user-id', requestsPerSecond: 0 })).toThrow(/^Invalid limits\.perIdentity\.requestsPerSecond: 0\. Use a whole number from 1 to 100000\.$/);
    expect(() => model({ header: 'x-user-id', requestsPerMinute: 1.5 })).toThrow(/^Invalid limits\.perIdentity\.requestsPerMinute: 1\.5\. Use a whole number/);
    expect(() => model({ header: 'x-user-id', requestsPerHour: -1 })).toThrow(/^Invalid limits\.perIdentity\.requestsPerHour: -1\. Use a whole number from 1 to 360000000\.$/);
  });

  test('the Ingress targets fail, saying the controller cannot and what to use', () => {
    expect(() => buildEndpointModel('llm', { ...MINIMAL_ENDPOINT, limits: { perIdentity: { header: 'x-user-id', requestsPerSecond: 2 } } }))
      .toThrow(/^Invalid limits\.perIdentity: .*ingress-nginx cannot honour this option\. ingress-nginx limits requests per client address only \(limit-rps, limit-rpm\); remove limits\.perIdentity, or use EdgeController\.envoyGateway\(\)\.$/);
    expect(() => buildEndpointModel('llm', { ...MINIMAL_F5_ENDPOINT, limits: { perIdentity: { header: 'x-user-id', requestsPerSecond: 2 } } }))
      .toThrow(/^Invalid limits\.perIdentity: .*f5-nginx cannot honour this option\. This release renders F5 rate limits per client address only; remove limits\.perIdentity, or use EdgeController\.envoyGateway\(\)\.$/);
  });
});
