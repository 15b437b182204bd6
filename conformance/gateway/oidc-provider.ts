/**
 * A small OpenID Connect provider for the envoy check's login proof, on 127.0.0.1 only: the
 * authorization code flow with PKCE (S256) and client authentication by HTTP Basic, as Envoy's
 * OAuth2 filter uses it. Its authorization endpoint logs the user in at once (no form) and
 * redirects back to the registered redirect URI with a one-time code; its token endpoint trades
 * the code for an id_token and an access_token signed with the check's key (RS256, as
 * conformance/gateway/jwt.ts signs them). It records what each token request carried, so that a
 * failed login says why. Node's http/https only: nothing is fetched.
 */
import { createHash, randomBytes } from 'crypto';
import * as http from 'http';
import * as https from 'https';
import { signJwt, SigningKey } from './jwt';

export interface OidcProviderOptions {
  /** The issuer (the `iss` of its tokens), e.g. `https://127.0.0.1:18443`. */
  readonly issuer: string;
  /** The path of its authorization endpoint, e.g. `/authorize`. */
  readonly authorizationPath: string;
  /** The path of its token endpoint, e.g. `/token`. */
  readonly tokenPath: string;
  /** The registered client. */
  readonly clientId: string;
  readonly clientSecret: string;
  /** The client's registered redirect URI: the only one it redirects to. */
  readonly redirectUri: string;
  /** The user every login logs in (`sub`). */
  readonly subject: string;
  /** Signs the id_token and the access_token. */
  readonly key: SigningKey;
  /** Seconds the tokens live (`expires_in`). @default 300 */
  readonly expiresIn?: number;
  /** HTTPS with this certificate. @default plain HTTP */
  readonly certificate?: { readonly certificate: string; readonly privateKey: string };
}

/** What one call to the token endpoint carried and got. */
export interface TokenRequestRecord {
  readonly status: number;
  /** Why the provider refused it, when it did. */
  readonly error?: string;
  readonly clientId?: string;
  readonly grantType?: string;
  readonly redirectUri?: string;
  /** Whether it carried a PKCE code_verifier. */
  readonly codeVerifier: boolean;
}

interface IssuedCode {
  readonly redirectUri: string;
  readonly challenge?: string;
  readonly nonce?: string;
}

/** The provider's request handler and the record of its token requests. */
export class OidcProvider {
  public readonly tokenRequests: TokenRequestRecord[] = [];
  public readonly server: http.Server;
  private readonly codes = new Map<string, IssuedCode>();

  constructor(private readonly o: OidcProviderOptions) {
    const handler: http.RequestListener = (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.answer(req, Buffer.concat(chunks).toString('utf8'), res));
    };
    this.server = o.certificate
      ? https.createServer({ cert: o.certificate.certificate, key: o.certificate.privateKey }, handler)
      : http.createServer(handler);
  }

  private answer(req: http.IncomingMessage, body: string, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.o.issuer);
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(value));
    };
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      json(200, {
        issuer: this.o.issuer,
        authorization_endpoint: `${this.o.issuer}${this.o.authorizationPath}`,
        token_endpoint: `${this.o.issuer}${this.o.tokenPath}`,
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
      });
      return;
    }
    if (req.method === 'GET' && url.pathname === this.o.authorizationPath) {
      this.authorize(url.searchParams, res, json);
      return;
    }
    if (req.method === 'POST' && url.pathname === this.o.tokenPath) {
      this.token(req, new URLSearchParams(body), json);
      return;
    }
    json(404, { error: 'not_found' });
  }

  private authorize(q: URLSearchParams, res: http.ServerResponse, json: (s: number, v: unknown) => void): void {
    if (q.get('client_id') !== this.o.clientId) return json(400, { error: 'unauthorized_client', error_description: `unknown client_id ${q.get('client_id')}` });
    if (q.get('redirect_uri') !== this.o.redirectUri) return json(400, { error: 'invalid_request', error_description: `redirect_uri ${q.get('redirect_uri')} is not registered` });
    if (q.get('response_type') !== 'code') return json(400, { error: 'unsupported_response_type' });
    if (!(q.get('scope') ?? '').split(' ').includes('openid')) return json(400, { error: 'invalid_scope', error_description: 'openid is required' });
    const state = q.get('state');
    if (!state) return json(400, { error: 'invalid_request', error_description: 'state is required' });
    const challenge = q.get('code_challenge') ?? undefined;
    if (challenge !== undefined && q.get('code_challenge_method') !== 'S256') return json(400, { error: 'invalid_request', error_description: 'only S256 PKCE' });
    const code = randomBytes(16).toString('base64url');
    this.codes.set(code, { redirectUri: this.o.redirectUri, challenge, nonce: q.get('nonce') ?? undefined });
    const back = new URL(this.o.redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', state);
    res.writeHead(302, { location: back.toString() });
    res.end();
  }

  private token(req: http.IncomingMessage, form: URLSearchParams, json: (s: number, v: unknown) => void): void {
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
    const [id, secret] = basic ? Buffer.from(basic[1], 'base64').toString('utf8').split(/:(.*)/s) : [form.get('client_id') ?? undefined, form.get('client_secret') ?? undefined];
    // RFC 6749 2.3.1: the id and secret are form-urlencoded inside Basic
    const clientId = id === undefined ? undefined : decodeURIComponent(id.replace(/\+/g, ' '));
    const clientSecret = secret === undefined ? undefined : decodeURIComponent(secret.replace(/\+/g, ' '));
    const record = (status: number, error?: string) => this.tokenRequests.push({
      status,
      error,
      clientId,
      grantType: form.get('grant_type') ?? undefined,
      redirectUri: form.get('redirect_uri') ?? undefined,
      codeVerifier: form.has('code_verifier'),
    });
    const refuse = (status: number, error: string, description: string) => {
      record(status, `${error}: ${description}`);
      json(status, { error, error_description: description });
    };
    if (clientId !== this.o.clientId || clientSecret !== this.o.clientSecret) {
      return refuse(401, 'invalid_client', `client authentication failed for client_id ${JSON.stringify(clientId)} (${basic ? 'Basic' : 'form'} credentials)`);
    }
    if (form.get('grant_type') !== 'authorization_code') return refuse(400, 'unsupported_grant_type', `grant_type ${form.get('grant_type')}`);
    const code = form.get('code') ?? '';
    const issued = this.codes.get(code);
    this.codes.delete(code);
    if (!issued) return refuse(400, 'invalid_grant', 'unknown or used code');
    if (form.get('redirect_uri') !== issued.redirectUri) return refuse(400, 'invalid_grant', `redirect_uri ${form.get('redirect_uri')} differs from the authorization request's`);
    if (issued.challenge !== undefined) {
      const verifier = form.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== issued.challenge) return refuse(400, 'invalid_grant', 'the PKCE code_verifier does not match the code_challenge');
    }
    const now = Math.floor(Date.now() / 1000);
    const expiresIn = this.o.expiresIn ?? 300;
    const common = { iss: this.o.issuer, sub: this.o.subject, iat: now, exp: now + expiresIn };
    record(200);
    json(200, {
      token_type: 'Bearer',
      expires_in: expiresIn,
      access_token: signJwt(this.o.key, { ...common, aud: this.o.clientId, scope: 'openid' }),
      id_token: signJwt(this.o.key, { ...common, aud: this.o.clientId, ...(issued.nonce ? { nonce: issued.nonce } : {}) }),
      refresh_token: randomBytes(16).toString('base64url'),
    });
  }
}
