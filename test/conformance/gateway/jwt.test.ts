import { createPublicKey, verify } from 'crypto';
import { generateSigningKey, signJwt } from '../../../conformance/gateway/jwt';

function decode(part: string): any {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

describe('generateSigningKey', () => {
  test('the JWKS holds one RS256 signing key with the kid and no private part', () => {
    const key = generateSigningKey('k1');
    const jwks = JSON.parse(key.jwks);
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', kid: 'k1', alg: 'RS256', use: 'sig', e: 'AQAB' });
    expect(jwks.keys[0].d).toBeUndefined();
    expect(jwks.keys[0].p).toBeUndefined();
  });
});

describe('signJwt', () => {
  const key = generateSigningKey('k1');

  test('a token verifies against the JWKS public key and carries the claims', () => {
    const token = signJwt(key, { sub: 'alice', aud: 'chat' });
    const [header, payload, signature] = token.split('.');
    expect(decode(header)).toStrictEqual({ alg: 'RS256', typ: 'JWT', kid: 'k1' });
    expect(decode(payload)).toStrictEqual({ sub: 'alice', aud: 'chat' });
    const publicKey = createPublicKey({ key: JSON.parse(key.jwks).keys[0], format: 'jwk' });
    expect(verify('sha256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url'))).toBe(true);
  });

  test('a token of another key with the same kid does not verify against the JWKS', () => {
    const other = generateSigningKey('k1');
    const [header, payload, signature] = signJwt(other, { sub: 'alice' }).split('.');
    const publicKey = createPublicKey({ key: JSON.parse(key.jwks).keys[0], format: 'jwk' });
    expect(verify('sha256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url'))).toBe(false);
  });
});
