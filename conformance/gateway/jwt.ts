/**
 * A throw-away RS256 signing key, its JWKS and the JWTs signed with it, for the Gateway API
 * spike (conformance/gateway/spike.ts). Node's crypto only: nothing is fetched.
 */
import { generateKeyPairSync, KeyObject, sign } from 'crypto';

export interface SigningKey {
  /** The key id (`kid`) the JWKS and every token carry. */
  readonly kid: string;
  readonly privateKey: KeyObject;
  /** The JSON Web Key Set of the public key, as a JSON string. */
  readonly jwks: string;
}

/** A fresh 2048-bit RSA key pair and the JWKS of its public half. */
export function generateSigningKey(kid: string): SigningKey {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  const jwks = JSON.stringify({ keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] });
  return { kid, privateKey, jwks };
}

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

/** A compact JWS (RS256) over the given claims. */
export function signJwt(key: SigningKey, claims: { [name: string]: unknown }): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: key.kid }));
  const payload = base64url(JSON.stringify(claims));
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), key.privateKey);
  return `${header}.${payload}.${base64url(signature)}`;
}
