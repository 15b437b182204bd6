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
      repeatPauseMs: 0,
      tlsVersion: undefined,
      streamSeconds: undefined,
      concurrent: false,
      expect: { status: 200, handshake: 'completed', reachesBackend: true, backendReceives: { 'x-jwt-subject': 'alice' }, backendLacks: ['authorization'] },
    });
  });

  test('an OIDC login: the provider of a SecurityPolicy, and rows sent with a session', () => {
    const oidc = { securityPolicy: 'llm/chat', clientSecret: 's3', key: 'issuer', subject: 'alice', loginPath: '/v1/models' };
    const e = parseEnvoyIntent(intent({ oidc }, { session: 'tampered' }), fail);
    expect(e.oidc).toStrictEqual(oidc);
    expect(e.requests[0].session).toBe('tampered');
    expect(parseEnvoyIntent(intent({ oidc }), fail).requests[0].session).toBeUndefined();
    expect(parseEnvoyIntent(intent(), fail).oidc).toBeUndefined();
  });

  test('a row may name the cookies its answer must clear; a list of prefixes only', () => {
    expect(parseEnvoyIntent(intent({}, { expect: { status: 302, clearsCookies: ['OauthHMAC'] } }), fail).requests[0].expect.clearsCookies).toStrictEqual(['OauthHMAC']);
    expect(parseEnvoyIntent(intent(), fail).requests[0].expect.clearsCookies).toBeUndefined();
    expect(() => parseEnvoyIntent(intent({}, { expect: { status: 302, clearsCookies: [] } }), fail))
      .toThrow('envoy.requests[0].expect.clearsCookies must be a list of cookie name prefixes, got []');
    expect(() => parseEnvoyIntent(intent({}, { expect: { status: 302, clearsCookies: 'OauthHMAC' } }), fail))
      .toThrow('envoy.requests[0].expect.clearsCookies must be a list of cookie name prefixes, got "OauthHMAC"');
  });

  test('an OIDC section or a session row that cannot be served is an error naming the field', () => {
    const oidc = { securityPolicy: 'llm/chat', clientSecret: 's3', key: 'issuer', subject: 'alice', loginPath: '/v1/models' };
    expect(() => parseEnvoyIntent(intent({}, { session: 'login' }), fail)).toThrow('envoy.requests[0].session needs envoy.oidc');
    expect(() => parseEnvoyIntent(intent({ oidc }, { session: 'stolen' }), fail)).toThrow('envoy.requests[0].session must be one of login, forged, tampered, got "stolen"');
    expect(() => parseEnvoyIntent(intent({ oidc }, { session: 'login', expect: { handshake: 'refused' } }), fail)).toThrow('envoy.requests[0]: session needs a request that gets an answer');
    expect(() => parseEnvoyIntent(intent({ oidc: 'yes' }), fail)).toThrow('envoy.oidc must be a map (securityPolicy, clientSecret, key, subject, loginPath)');
    expect(() => parseEnvoyIntent(intent({ oidc: { ...oidc, issuer: 'x' } }), fail)).toThrow('envoy.oidc: unknown key "issuer"');
    expect(() => parseEnvoyIntent(intent({ oidc: { ...oidc, securityPolicy: 'chat' } }), fail)).toThrow('envoy.oidc.securityPolicy must be <namespace>/<name>, got "chat"');
    expect(() => parseEnvoyIntent(intent({ oidc: { ...oidc, clientSecret: '' } }), fail)).toThrow('envoy.oidc.clientSecret must be a non-empty string');
    expect(() => parseEnvoyIntent(intent({ oidc: { ...oidc, key: 'nobody' } }), fail)).toThrow('envoy.oidc.key must name a key of envoy.keys, got "nobody"');
    expect(() => parseEnvoyIntent(intent({ oidc: { ...oidc, loginPath: 'v1/models' } }), fail)).toThrow('envoy.oidc.loginPath must start with /, got "v1/models"');
  });

  test('a refused status means the request must not reach the backend, unless said otherwise', () => {
    expect(parseEnvoyIntent(intent({}, { expect: { status: 401 } }), fail).requests[0].expect.reachesBackend).toBe(false);
    expect(parseEnvoyIntent(intent({}, { expect: { status: 503, reachesBackend: true } }), fail).requests[0].expect.reachesBackend).toBe(true);
  });

  test('a request may be sent from another loopback address, and its repeats paced', () => {
    const r = parseEnvoyIntent(intent({}, { from: '127.0.0.3', repeat: 4, repeatPauseMs: 250 }), fail).requests[0];
    expect([r.from, r.repeat, r.repeatPauseMs]).toStrictEqual(['127.0.0.3', 4, 250]);
    expect(parseEnvoyIntent(intent(), fail).requests[0].from).toBeUndefined();
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
    [{}, { repeat: 3, repeatPauseMs: -5 }, 'envoy.requests[0].repeatPauseMs must be a whole number of milliseconds from 0 to 10000, got -5'],
    [{}, { repeatPauseMs: 100 }, 'envoy.requests[0].repeatPauseMs needs repeat of at least 2'],
    [{}, { from: '10.0.0.1' }, 'envoy.requests[0].from must be a loopback IPv4 address (127.x.y.z), got "10.0.0.1"'],
    [{}, { from: '127.0.0.256' }, 'envoy.requests[0].from must be a loopback IPv4 address (127.x.y.z), got "127.0.0.256"'],
    [{}, { token: { key: 'nobody' } }, 'envoy.requests[0].token.key must name a key of envoy.keys, got "nobody"'],
    [{}, { token: { key: 'issuer', exp: 1 } }, 'envoy.requests[0].token: unknown key "exp"'],
    [{}, { token: { key: 'issuer', expiresIn: 1.5 } }, 'envoy.requests[0].token.expiresIn must be a whole number of seconds'],
    [{}, { expect: { status: 'ok' } }, 'envoy.requests[0].expect.status must be an HTTP status'],
    [{}, { expect: { status: 401, backendLacks: ['authorization'] } }, 'envoy.requests[0].expect: backendReceives and backendLacks need a request that reaches the backend'],
    [{}, { headers: { 'x-n': 1 } }, 'envoy.requests[0].headers must be a map of strings'],
    [{}, { backendCertificate: 'trusted' }, 'envoy.requests[0].backendCertificate needs envoy.backendTls'],
    [{ backendTls: { caConfigMap: 'models-ca', serverNames: ['m.llm.svc'] } }, {}, 'envoy.backendTls.caConfigMap must be <namespace>/<name>'],
    [{ backendTls: { caConfigMap: 'llm/models-ca', serverNames: [] } }, {}, 'envoy.backendTls.serverNames must be a list of DNS names'],
    [{ backendTls: { caConfigMap: 'llm/models-ca', serverNames: ['m.llm.svc'], ca: 'x' } }, {}, 'envoy.backendTls: unknown key "ca"'],
    [{ backendTls: { caConfigMap: 'llm/models-ca', serverNames: ['m.llm.svc'] } }, { backendCertificate: 'self-signed' },
      'envoy.requests[0].backendCertificate must be one of trusted, other-ca, wrong-name, got "self-signed"'],
    [{}, { clientCertificate: 'trusted' }, 'envoy.requests[0].clientCertificate needs envoy.clientCertificates'],
    [{ clientCertificates: {} }, {}, 'envoy.clientCertificates needs one of caConfigMap and caSecret'],
    [{ clientCertificates: { caConfigMap: 'llm/a', caSecret: 'llm/b' } }, {}, 'envoy.clientCertificates needs one of caConfigMap and caSecret'],
    [{ clientCertificates: { caSecret: 'clients-ca' } }, {}, 'envoy.clientCertificates.caSecret must be <namespace>/<name>'],
    [{ clientCertificates: { caConfigMap: 'llm/clients-ca', depth: 1 } }, {}, 'envoy.clientCertificates: unknown key "depth"'],
    [{ clientCertificates: { caConfigMap: 'llm/clients-ca' } }, { clientCertificate: 'expired' },
      'envoy.requests[0].clientCertificate must be one of trusted, other-ca, none, got "expired"'],
  ])('refuses %j / request %j', (overrides, request, message) => {
    expect(() => parseEnvoyIntent(intent(overrides, request), fail)).toThrow(message);
  });

  test('global limits: a flood through two Envoys and a token budget, each naming a request of the matrix that gets 200', () => {
    const globalLimits = {
      flood: { request: 'valid token', perSecond: 5, factor: 10 },
      tokenBudget: { request: 'valid token', tokensPerMinute: 2000, tokensPerResponse: 700 },
    };
    expect(parseEnvoyIntent(intent({ globalLimits }), fail).globalLimits).toStrictEqual(globalLimits);
    expect(parseEnvoyIntent(intent({ globalLimits: { flood: { request: 'valid token', perSecond: 5 } } }), fail).globalLimits)
      .toStrictEqual({ flood: { request: 'valid token', perSecond: 5, factor: 10 }, tokenBudget: undefined });
    expect(parseEnvoyIntent(intent(), fail).globalLimits).toBeUndefined();
  });

  test.each([
    [{ globalLimits: {} }, 'envoy.globalLimits.flood is required'],
    [{ globalLimits: { flood: { request: 'nope', perSecond: 5 } } }, 'envoy.globalLimits.flood.request must name a request of envoy.requests that gets 200, got "nope"'],
    [{ globalLimits: { flood: { request: 'valid token', perSecond: 0 } } }, 'envoy.globalLimits.flood.perSecond must be a whole number of at least 1, got 0'],
    [{ globalLimits: { flood: { request: 'valid token', perSecond: 5, factor: 1 } } }, 'envoy.globalLimits.flood.factor must be a whole number of at least 2, got 1'],
    [{ globalLimits: { flood: { request: 'valid token', perSecond: 5 }, tokenBudget: { request: 'valid token', tokensPerMinute: 10 } } },
      'envoy.globalLimits.tokenBudget.tokensPerResponse must be a whole number of at least 1, got undefined'],
    [{ globalLimits: { flood: { request: 'valid token', perSecond: 5 }, burst: 1 } }, 'envoy.globalLimits: unknown key "burst" (known: flood, tokenBudget)'],
  ])('refuses global limits %j', (overrides, message) => {
    expect(() => parseEnvoyIntent(intent(overrides), fail)).toThrow(message);
  });
});

describe('parseEnvoyIntent: redirects', () => {
  const redirect = (location: unknown, status = 302) => intent({}, { token: undefined, expect: { status, reachesBackend: false, location } });

  test('reads where a redirect must point: the URL without its query, query parameters and scopes', () => {
    const r = parseEnvoyIntent(redirect({ url: 'https://127.0.0.1:18443/authorize', query: { client_id: 'chat-ui' }, scopeIncludes: ['openid'] }), fail).requests[0];
    expect(r.expect).toStrictEqual({
      status: 302,
      handshake: 'completed',
      reachesBackend: false,
      backendReceives: {},
      backendLacks: [],
      location: { url: 'https://127.0.0.1:18443/authorize', query: { client_id: 'chat-ui' }, scopeIncludes: ['openid'] },
    });
    expect(parseEnvoyIntent(redirect({ url: 'https://127.0.0.1:18443/authorize' }), fail).requests[0].expect.location)
      .toStrictEqual({ url: 'https://127.0.0.1:18443/authorize', query: {}, scopeIncludes: [] });
    expect(parseEnvoyIntent(intent(), fail).requests[0].expect.location).toBeUndefined();
  });

  test.each([
    [{ url: 'https://127.0.0.1/authorize' }, 200, 'envoy.requests[0].expect.location needs a redirect status (3xx), got 200'],
    ['https://127.0.0.1/authorize', 302, 'envoy.requests[0].expect.location must be a map (url, query, scopeIncludes)'],
    [{ url: '/authorize' }, 302, 'envoy.requests[0].expect.location.url must be an absolute URL, got "/authorize"'],
    [{ url: 'https://127.0.0.1/authorize?client_id=x' }, 302, 'envoy.requests[0].expect.location.url must have no query or fragment (give them in query)'],
    [{ url: 'https://127.0.0.1/authorize', headers: {} }, 302, 'envoy.requests[0].expect.location: unknown key "headers" (known: url, query, scopeIncludes)'],
    [{ url: 'https://127.0.0.1/authorize', query: { n: 1 } }, 302, 'envoy.requests[0].expect.location.query must be a map of strings'],
    [{ url: 'https://127.0.0.1/authorize', scopeIncludes: ['openid profile'] }, 302, 'envoy.requests[0].expect.location.scopeIncludes must be a list of scopes without spaces'],
  ])('refuses location %j with status %j', (location, status, message) => {
    expect(() => parseEnvoyIntent(redirect(location, status), fail)).toThrow(message);
  });
});

describe('parseEnvoyIntent: clientCertificates', () => {
  test('reads where the clients\' CA goes; each request presents the trusted client certificate unless it names another or none', () => {
    const e = parseEnvoyIntent({
      ...intent({ clientCertificates: { caConfigMap: 'llm/clients-ca' } }),
      requests: [
        { name: 'trusted', path: '/v1/models', host: 'chat.example.com', expect: { status: 200 } },
        { name: 'other CA', path: '/v1/models', host: 'chat.example.com', clientCertificate: 'other-ca', expect: { handshake: 'refused' } },
        { name: 'none', path: '/v1/models', host: 'chat.example.com', clientCertificate: 'none', expect: { handshake: 'refused' } },
      ],
    }, fail);
    expect(e.clientCertificates).toStrictEqual({ caKind: 'ConfigMap', ca: 'llm/clients-ca' });
    expect(e.requests.map((r) => [r.clientCertificate, r.expect.handshake])).toStrictEqual([['trusted', 'completed'], ['other-ca', 'refused'], ['none', 'refused']]);
    expect(parseEnvoyIntent(intent({ clientCertificates: { caSecret: 'llm/clients-ca' } }), fail).clientCertificates).toStrictEqual({ caKind: 'Secret', ca: 'llm/clients-ca' });
  });

  test('without it, no request presents a client certificate', () => {
    const e = parseEnvoyIntent(intent(), fail);
    expect(e.clientCertificates).toBeUndefined();
    expect(e.requests[0].clientCertificate).toBeUndefined();
  });
});

describe('parseEnvoyIntent: backendTls', () => {
  test('reads where the CA goes and the backend\'s names; each request presents the trusted certificate unless it names another', () => {
    const e = parseEnvoyIntent({
      ...intent({ backendTls: { caConfigMap: 'llm/models-ca', serverNames: ['chat.llm.svc'] } }),
      requests: [
        { name: 'trusted', path: '/v1/models', host: 'chat.example.com', expect: { status: 200 } },
        { name: 'other CA', path: '/v1/models', host: 'chat.example.com', backendCertificate: 'other-ca', expect: { status: 503 } },
        { name: 'wrong name', path: '/v1/models', host: 'chat.example.com', backendCertificate: 'wrong-name', expect: { status: 503 } },
      ],
    }, fail);
    expect(e.backendTls).toStrictEqual({ caConfigMap: 'llm/models-ca', serverNames: ['chat.llm.svc'] });
    expect(e.requests.map((r) => [r.backendCertificate, r.expect.reachesBackend])).toStrictEqual([['trusted', true], ['other-ca', false], ['wrong-name', false]]);
  });

  test('without it, no request names a backend certificate', () => {
    const e = parseEnvoyIntent(intent(), fail);
    expect(e.backendTls).toBeUndefined();
    expect(e.requests[0].backendCertificate).toBeUndefined();
  });

  test('a gRPC call: a POST without a body of its own, with the grpc-status its answer must carry; misuse names the field', () => {
    const grpc = { grpc: true, method: undefined, path: '/inference.GRPCInferenceService/ModelInfer', headers: {}, bodyBytes: undefined };
    const r = parseEnvoyIntent(intent({}, { ...grpc, expect: { status: 200, grpcStatus: 16, reachesBackend: false } }), fail).requests[0];
    expect(r.grpc).toBe(true);
    expect(r.method).toBe('POST');
    expect(r.expect.grpcStatus).toBe(16);
    expect(r.expect.reachesBackend).toBe(false);
    expect(parseEnvoyIntent(intent(), fail).requests[0].grpc).toBeUndefined();
    expect(() => parseEnvoyIntent(intent({}, { ...grpc, method: 'GET', expect: { status: 200 } }), fail)).toThrow('envoy.requests[0]: a gRPC call is a POST');
    expect(() => parseEnvoyIntent(intent({}, { ...grpc, bodyBytes: 256, expect: { status: 200 } }), fail))
      .toThrow('envoy.requests[0]: a gRPC call sends one empty message from 127.0.0.1 (no bodyBytes, streamSeconds, from, tlsVersion or handshake)');
    expect(() => parseEnvoyIntent(intent({}, { expect: { status: 200, grpcStatus: 0 } }), fail)).toThrow('envoy.requests[0].expect.grpcStatus needs grpc: true');
    expect(() => parseEnvoyIntent(intent({}, { ...grpc, expect: { status: 200, grpcStatus: 17 } }), fail))
      .toThrow('envoy.requests[0].expect.grpcStatus must be a gRPC status code from 0 to 16, got 17');
  });

  test('a gRPC stream the client keeps open: needs grpc and takes no grpc-status; misuse names the field', () => {
    const grpc = { grpc: true, method: undefined, path: '/inference.GRPCInferenceService/ModelStreamInfer', headers: {}, bodyBytes: undefined };
    const r = parseEnvoyIntent(intent({}, { ...grpc, grpcKeepOpen: true, expect: { status: 200 } }), fail).requests[0];
    expect(r.grpcKeepOpen).toBe(true);
    expect(parseEnvoyIntent(intent({}, { ...grpc, expect: { status: 200 } }), fail).requests[0].grpcKeepOpen).toBeUndefined();
    expect(() => parseEnvoyIntent(intent({}, { grpcKeepOpen: true, expect: { status: 200 } }), fail)).toThrow('envoy.requests[0].grpcKeepOpen needs grpc: true');
    expect(() => parseEnvoyIntent(intent({}, { ...grpc, grpcKeepOpen: 'yes', expect: { status: 200 } }), fail)).toThrow('envoy.requests[0].grpcKeepOpen must be true or false');
    expect(() => parseEnvoyIntent(intent({}, { ...grpc, grpcKeepOpen: true, expect: { status: 200, grpcStatus: 0 } }), fail))
      .toThrow('envoy.requests[0].expect.grpcStatus: a stream the client keeps open ends when the client cancels it, without a grpc-status');
  });
});

