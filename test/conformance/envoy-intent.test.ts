import { MIN_BODY_BYTES, parseEnvoyIntent } from '../../conformance/suite/envoy-intent';

function fail(msg: string): never {
  throw new Error(msg);
}

const gateway = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'gw', namespace: 'edge' },
  spec: { listeners: [{ name: 'https', protocol: 'HTTPS', port: 443 }] },
};

function intent(overrides: Record<string, unknown> = {}, request: Record<string, unknown> = {}): any {
  return {
    listener: 'edge/gw/https',
    standIns: [gateway],
    certificates: [{ secret: 'edge/gw-tls', hosts: ['chat.example.com'] }],
    keys: [{ name: 'issuer', kid: 'k1', jwtProvider: 'llm/chat/local' }, { name: 'forger', kid: 'k1' }],
    requests: [{
      name: 'valid token',
      method: 'POST',
      path: '/v1/chat/completions',
      host: 'chat.example.com',
      headers: { 'Content-Type': 'application/json' },
      token: { key: 'issuer', subject: 'alice', audience: 'chat', issuer: 'https://issuer.example.com', claims: { scope: 'chat' } },
      bodyBytes: 200,
      expect: { status: 200, backendReceives: { 'X-Jwt-Subject': 'alice' }, backendLacks: ['Authorization'] },
      ...request,
    }],
    ...overrides,
  };
}

describe('parseEnvoyIntent', () => {
  test('reads the listener, stand-ins, key material and the request matrix', () => {
    const e = parseEnvoyIntent(intent(), fail);
    expect(e.listener).toBe('edge/gw/https');
    expect(e.pauseMs).toBe(0);
    expect(parseEnvoyIntent(intent({ pauseMs: 250 }), fail).pauseMs).toBe(250);
    expect(e.standIns).toStrictEqual([gateway]);
    expect(e.certificates).toStrictEqual([{ secret: 'edge/gw-tls', hosts: ['chat.example.com'] }]);
    expect(e.keys).toStrictEqual([{ name: 'issuer', kid: 'k1', jwtProvider: 'llm/chat/local' }, { name: 'forger', kid: 'k1', jwtProvider: undefined }]);
    expect(e.requests[0]).toStrictEqual({
      name: 'valid token',
      method: 'POST',
      path: '/v1/chat/completions',
      host: 'chat.example.com',
      headers: { 'Content-Type': 'application/json' },
      token: { key: 'issuer', subject: 'alice', audience: 'chat', issuer: 'https://issuer.example.com', expiresIn: 300, claims: { scope: 'chat' } },
      bodyBytes: 200,
      repeat: 1,
      tlsVersion: undefined,
      streamSeconds: undefined,
      concurrent: false,
      expect: { status: 200, handshake: 'completed', reachesBackend: true, backendReceives: { 'x-jwt-subject': 'alice' }, backendLacks: ['authorization'] },
    });
  });

  test('a refused status means the request must not reach the backend, unless said otherwise', () => {
    expect(parseEnvoyIntent(intent({}, { expect: { status: 401 } }), fail).requests[0].expect.reachesBackend).toBe(false);
    expect(parseEnvoyIntent(intent({}, { expect: { status: 503, reachesBackend: true } }), fail).requests[0].expect.reachesBackend).toBe(true);
  });

  test('method defaults to GET, repeat to 1, no body', () => {
    const r = parseEnvoyIntent(intent({}, { method: undefined, bodyBytes: undefined, token: undefined }), fail).requests[0];
    expect([r.method, r.repeat, r.bodyBytes, r.token]).toStrictEqual(['GET', 1, undefined, undefined]);
  });

  test('a TLS version the client offers alone, a stream of server-sent events, a concurrent row; a handshake Envoy must refuse', () => {
    const streamed = parseEnvoyIntent(intent({}, { tlsVersion: 'TLSv1.3', streamSeconds: 17, concurrent: true }), fail).requests[0];
    expect([streamed.tlsVersion, streamed.streamSeconds, streamed.concurrent, streamed.expect.handshake]).toStrictEqual(['TLSv1.3', 17, true, 'completed']);
    const plain = parseEnvoyIntent(intent(), fail).requests[0];
    expect([plain.tlsVersion, plain.streamSeconds, plain.concurrent]).toStrictEqual([undefined, undefined, false]);
    const refused = parseEnvoyIntent(intent({}, { tlsVersion: 'TLSv1.2', expect: { handshake: 'refused' } }), fail).requests[0];
    expect(refused.expect).toStrictEqual({ status: 0, handshake: 'refused', reachesBackend: false, backendReceives: {}, backendLacks: [] });
  });

  test.each([
    [{}, { tlsVersion: 'TLSv1.1' }, 'envoy.requests[0].tlsVersion must be one of TLSv1.2, TLSv1.3, got "TLSv1.1"'],
    [{}, { streamSeconds: 0 }, 'envoy.requests[0].streamSeconds must be a whole number of seconds from 1 to 120, got 0'],
    [{}, { concurrent: 'yes' }, 'envoy.requests[0].concurrent must be true or false'],
    [{}, { concurrent: true, repeat: 3 }, 'envoy.requests[0]: a concurrent request is sent once (no repeat)'],
    [{}, { expect: { handshake: 'maybe', status: 200 } }, 'envoy.requests[0].expect.handshake must be completed or refused, got "maybe"'],
    [{}, { expect: { handshake: 'refused', status: 403 } }, 'envoy.requests[0].expect: a refused handshake has no HTTP answer, so no "status"'],
    [{}, { streamSeconds: 5, expect: { handshake: 'refused' } }, 'envoy.requests[0]: streamSeconds needs a request that gets an answer'],
  ])('refuses a TLS or stream setting %j / request %j', (overrides, request, message) => {
    expect(() => parseEnvoyIntent(intent(overrides, request), fail)).toThrow(message);
  });

  test.each([
    [{ listener: 'edge/gw' }, {}, 'envoy.listener must be <namespace>/<gateway>/<listener>, got "edge/gw"'],
    [{ extra: 1 }, {}, 'envoy: unknown key "extra"'],
    [{ standIns: [{ kind: 'Gateway' }] }, {}, 'envoy.standIns must be a list of Kubernetes objects'],
    [{ certificates: [{ secret: 'tls', hosts: ['a'] }] }, {}, 'envoy.certificates[0].secret must be <namespace>/<name>'],
    [{ keys: [{ name: 'issuer' }] }, {}, 'envoy.keys[0] needs name and kid'],
    [{ keys: [{ name: 'issuer', kid: 'k', jwtProvider: 'chat' }] }, {}, 'envoy.keys[0].jwtProvider must be <namespace>/<SecurityPolicy>/<provider>, got "chat"'],
    [{ requests: [] }, {}, 'envoy.requests must list at least one request'],
    [{ pauseMs: -1 }, {}, 'envoy.pauseMs must be a whole number of milliseconds from 0 to 10000, got -1'],
    [{}, { method: 'FETCH' }, 'envoy.requests[0].method must be one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, got "FETCH"'],
    [{}, { path: 'v1/chat' }, 'envoy.requests[0].path must start with /'],
    [{}, { host: undefined }, 'envoy.requests[0].host is required'],
    [{}, { bodyBytes: 10 }, `envoy.requests[0].bodyBytes must be a whole number of at least ${MIN_BODY_BYTES} (a JSON chat request), got 10`],
    [{}, { repeat: 0 }, 'envoy.requests[0].repeat must be a whole number of at least 1'],
    [{}, { token: { key: 'nobody' } }, 'envoy.requests[0].token.key must name a key of envoy.keys, got "nobody"'],
    [{}, { token: { key: 'issuer', exp: 1 } }, 'envoy.requests[0].token: unknown key "exp"'],
    [{}, { token: { key: 'issuer', expiresIn: 1.5 } }, 'envoy.requests[0].token.expiresIn must be a whole number of seconds'],
    [{}, { expect: { status: 'ok' } }, 'envoy.requests[0].expect.status must be an HTTP status'],
    [{}, { expect: { status: 401, backendLacks: ['authorization'] } }, 'envoy.requests[0].expect: backendReceives and backendLacks need a request that reaches the backend'],
    [{}, { headers: { 'x-n': 1 } }, 'envoy.requests[0].headers must be a map of strings'],
  ])('refuses %j / request %j', (overrides, request, message) => {
    expect(() => parseEnvoyIntent(intent(overrides, request), fail)).toThrow(message);
  });
});
