import { createHash } from 'crypto';
import * as http from 'http';
import { AddressInfo } from 'net';
import { generateSigningKey } from '../../../conformance/gateway/jwt';
import { OidcProvider } from '../../../conformance/gateway/oidc-provider';

const key = generateSigningKey('k1');
let provider: OidcProvider;
let base: string;

interface Answer { status: number; body: string; location?: string }

function request(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const u = new URL(path, base);
    const req = http.request({ host: '127.0.0.1', port: Number(u.port), method, path: `${u.pathname}${u.search}`, headers, agent: false }, (res) => {
      let b = '';
      res.on('data', (c) => { b += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b, location: res.headers.location }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const VERIFIER = 'a-code-verifier-of-the-clients-making-0123456789';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');
const REDIRECT = 'https://chat.example.com/oauth2/callback';
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function code(query: Record<string, string> = {}): Promise<string> {
  const q = new URLSearchParams({
    client_id: 'chat-ui',
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'openid email',
    state: 'the-state',
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
    ...query,
  });
  const a = await request('GET', `/authorize?${q}`);
  expect(a.status).toBe(302);
  const back = new URL(a.location!);
  expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
  expect(back.searchParams.get('state')).toBe('the-state');
  return back.searchParams.get('code')!;
}

function exchange(c: string, form: Record<string, string> = {}, auth = basic('chat-ui', 'right')): Promise<Answer> {
  const body = new URLSearchParams({ grant_type: 'authorization_code', code: c, redirect_uri: REDIRECT, code_verifier: VERIFIER, ...form }).toString();
  return request('POST', '/token', { 'authorization': auth, 'content-type': 'application/x-www-form-urlencoded' }, body);
}

beforeAll(async () => {
  provider = new OidcProvider({
    issuer: 'http://127.0.0.1:0',
    authorizationPath: '/authorize',
    tokenPath: '/token',
    clientId: 'chat-ui',
    clientSecret: 'right',
    redirectUri: REDIRECT,
    subject: 'alice',
    key,
  });
  await new Promise<void>((resolve) => provider.server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(provider.server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => provider.server.close(() => resolve())));

describe('OidcProvider', () => {
  test('publishes its endpoints in a discovery document', async () => {
    const d = JSON.parse((await request('GET', '/.well-known/openid-configuration')).body);
    expect(d.authorization_endpoint).toBe('http://127.0.0.1:0/authorize');
    expect(d.token_endpoint).toBe('http://127.0.0.1:0/token');
    expect(d.code_challenge_methods_supported).toStrictEqual(['S256']);
  });

  test('trades a code for an id_token and an access_token signed with the key, for the subject', async () => {
    const a = await exchange(await code({ nonce: 'n1' }));
    expect(a.status).toBe(200);
    const t = JSON.parse(a.body);
    expect(t.token_type).toBe('Bearer');
    expect(t.expires_in).toBe(300);
    const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
    const header = JSON.parse(Buffer.from(t.id_token.split('.')[0], 'base64url').toString('utf8'));
    expect(header).toStrictEqual({ alg: 'RS256', typ: 'JWT', kid: 'k1' });
    expect(claims(t.id_token)).toMatchObject({ iss: 'http://127.0.0.1:0', sub: 'alice', aud: 'chat-ui', nonce: 'n1' });
    expect(claims(t.access_token)).toMatchObject({ sub: 'alice', aud: 'chat-ui' });
    expect(provider.tokenRequests[provider.tokenRequests.length - 1]).toStrictEqual({
      status: 200, error: undefined, clientId: 'chat-ui', grantType: 'authorization_code', redirectUri: REDIRECT, codeVerifier: true,
    });
  });

  test('refuses a wrong client secret, and records why', async () => {
    const a = await exchange(await code(), {}, basic('chat-ui', 'wrong'));
    expect(a.status).toBe(401);
    expect(JSON.parse(a.body).error).toBe('invalid_client');
    expect(provider.tokenRequests[provider.tokenRequests.length - 1].error).toBe('invalid_client: client authentication failed for client_id "chat-ui" (Basic credentials)');
  });

  test('refuses a code used twice, a wrong PKCE verifier and another redirect_uri', async () => {
    const c = await code();
    expect((await exchange(c)).status).toBe(200);
    expect(JSON.parse((await exchange(c)).body).error_description).toBe('unknown or used code');
    expect(JSON.parse((await exchange(await code(), { code_verifier: 'not-it' })).body).error_description).toBe('the PKCE code_verifier does not match the code_challenge');
    expect(JSON.parse((await exchange(await code(), { redirect_uri: 'https://evil.example.com/cb' })).body).error).toBe('invalid_grant');
  });

  test('its authorization endpoint refuses an unknown client, an unregistered redirect_uri, no openid scope and no state', async () => {
    const q = (o: Record<string, string>) => `/authorize?${new URLSearchParams({ client_id: 'chat-ui', redirect_uri: REDIRECT, response_type: 'code', scope: 'openid', state: 's', ...o })}`;
    expect((await request('GET', q({ client_id: 'other' }))).status).toBe(400);
    expect((await request('GET', q({ redirect_uri: 'https://evil.example.com/cb' }))).status).toBe(400);
    expect((await request('GET', q({ scope: 'email' }))).status).toBe(400);
    expect((await request('GET', q({ state: '' }))).status).toBe(400);
    expect((await request('GET', q({ code_challenge: 'x', code_challenge_method: 'plain' }))).status).toBe(400);
    expect((await request('GET', q({}))).status).toBe(302);
  });
});
