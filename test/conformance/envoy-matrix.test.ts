import { EnvoyRequest, MIN_BODY_BYTES } from '../../conformance/suite/envoy-intent';
import { evaluateRequest, locationProblems, jsonBody, requestLabel, STREAM_END, streamEvent, streamReceived, tokenClaims } from '../../conformance/suite/envoy-matrix';

function request(expect: Partial<EnvoyRequest['expect']> = {}): EnvoyRequest {
  return {
    name: 'valid token',
    method: 'POST',
    path: '/v1/chat/completions',
    host: 'chat.example.com',
    headers: {},
    repeat: 1,
    repeatPauseMs: 0,
    expect: { status: 200, reachesBackend: true, backendReceives: {}, backendLacks: [], ...expect },
  };
}

describe('tokenClaims', () => {
  test('standard claims from the spec, expiry relative to now, extra claims as given', () => {
    expect(tokenClaims({ key: 'k', subject: 'alice', audience: 'chat', issuer: 'https://i', expiresIn: -60, claims: { scope: 'chat' } }, 1000))
      .toStrictEqual({ iat: 1000, exp: 940, iss: 'https://i', aud: 'chat', sub: 'alice', scope: 'chat' });
  });

  test('claims left out of the spec are absent from the token', () => {
    expect(tokenClaims({ key: 'k', expiresIn: 300, claims: {} }, 1000)).toStrictEqual({ iat: 1000, exp: 1300 });
  });
});

describe('jsonBody', () => {
  test('a JSON chat request of exactly the asked size', () => {
    const body = jsonBody(4096);
    expect(Buffer.byteLength(body)).toBe(4096);
    expect(JSON.parse(body).messages[0].role).toBe('user');
    expect(Buffer.byteLength(jsonBody(MIN_BODY_BYTES))).toBe(MIN_BODY_BYTES);
  });

  test('smaller than the smallest chat request is an error', () => {
    expect(() => jsonBody(MIN_BODY_BYTES - 1)).toThrow(`a JSON chat request takes at least ${MIN_BODY_BYTES} bytes, not ${MIN_BODY_BYTES - 1}`);
  });
});

describe('evaluateRequest', () => {
  test('holds when status, backend reach and headers are as expected', () => {
    const r = request({ backendReceives: { 'x-jwt-subject': 'alice' }, backendLacks: ['authorization'] });
    expect(evaluateRequest(r, { status: 200, body: '', backendHeaders: { 'x-jwt-subject': 'alice' } })).toStrictEqual([]);
  });

  test('a wrong status fails, with the start of the answer', () => {
    expect(evaluateRequest(request({ status: 403, reachesBackend: false }), { status: 401, body: 'Jwt is missing' }))
      .toStrictEqual(['status 401, expected 403 (Jwt is missing)']);
  });

  test('a refused request that reached the backend fails', () => {
    expect(evaluateRequest(request({ status: 401, reachesBackend: false }), { status: 401, body: '', backendHeaders: {} }))
      .toStrictEqual(['reached the backend, expected it not to']);
  });

  test('a gRPC call fails on another grpc-status, or none, and holds on the expected one', () => {
    const r = { ...request({ status: 200, reachesBackend: false, grpcStatus: 16 }), grpc: true };
    expect(evaluateRequest(r, { status: 200, body: '', grpcStatus: 16 })).toStrictEqual([]);
    expect(evaluateRequest(r, { status: 200, body: '', grpcStatus: 0 })).toStrictEqual(['grpc-status 0, expected 16']);
    expect(evaluateRequest(r, { status: 200, body: '' })).toStrictEqual(['grpc-status (none), expected 16']);
    expect(requestLabel(r)).toBe('request "valid token" (gRPC POST chat.example.com/v1/chat/completions)');
  });

  test('a gRPC stream the client keeps open fails unless an answer message reached it while its side was open', () => {
    const r = { ...request({ status: 200 }), grpc: true, grpcKeepOpen: true };
    const backendHeaders = {};
    expect(evaluateRequest(r, { status: 200, body: '', messageWhileOpen: true, backendHeaders })).toStrictEqual([]);
    const held = 'no answer message within 5 s while the client\'s side of the stream stayed open (the gateway held the request until the client would end it)';
    expect(evaluateRequest(r, { status: 200, body: '', messageWhileOpen: false, backendHeaders })).toStrictEqual([held]);
    expect(evaluateRequest(r, { status: 0, body: '' })).toStrictEqual(['status 0, expected 200', held, 'did not reach the backend, expected it to']);
    expect(requestLabel(r)).toBe('request "valid token" (gRPC POST chat.example.com/v1/chat/completions, the client\'s side kept open)');
  });

  test('a request that should reach the backend and did not fails', () => {
    expect(evaluateRequest(request(), { status: 200, body: '' })).toStrictEqual(['did not reach the backend, expected it to']);
  });

  test('a header the backend must receive, missing or different, fails', () => {
    const r = request({ backendReceives: { 'x-jwt-subject': 'alice' } });
    expect(evaluateRequest(r, { status: 200, body: '', backendHeaders: {} })).toStrictEqual(['the backend received x-jwt-subject: (none), expected "alice"']);
    expect(evaluateRequest(r, { status: 200, body: '', backendHeaders: { 'x-jwt-subject': 'bob' } }))
      .toStrictEqual(['the backend received x-jwt-subject: "bob", expected "alice"']);
  });

  test('a header the backend must not receive, present, fails', () => {
    expect(evaluateRequest(request({ backendLacks: ['authorization'] }), { status: 200, body: '', backendHeaders: { authorization: 'Bearer x' } }))
      .toStrictEqual(['the backend received authorization, expected it to be removed before the backend']);
  });
});

describe('evaluateRequest on a logout', () => {
  const logout = request({ status: 302, reachesBackend: false, clearsCookies: ['OauthHMAC', 'AccessToken'] });
  test('holds when the answer clears every cookie named', () => {
    expect(evaluateRequest(logout, {
      status: 302, body: '', setCookie: ['OauthHMAC-1=deleted; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT', 'AccessToken-1=; Max-Age=0'],
    })).toStrictEqual([]);
  });

  test('a cookie set again, or not cleared at all, fails naming it', () => {
    expect(evaluateRequest(logout, { status: 302, body: '', setCookie: ['OauthHMAC-1=deleted; Max-Age=0', 'AccessToken-1=still; Max-Age=300'] }))
      .toStrictEqual(['the answer does not clear the cookies AccessToken (it cleared OauthHMAC-1)']);
    expect(evaluateRequest(logout, { status: 302, body: '' })).toStrictEqual(['the answer does not clear the cookies OauthHMAC, AccessToken (it cleared none)']);
  });
});

describe('evaluateRequest on redirects', () => {
  const location = { url: 'https://127.0.0.1:18443/authorize', query: { client_id: 'chat-ui', redirect_uri: 'https://chat.example.com/oauth2/callback' }, scopeIncludes: ['openid'] };
  const redirect = request({ status: 302, reachesBackend: false, location });
  const good = 'https://127.0.0.1:18443/authorize?client_id=chat-ui&redirect_uri=https%3A%2F%2Fchat.example.com%2Foauth2%2Fcallback&response_type=code&scope=openid%20profile&state=x';

  test('holds when the Location header points where it must, with the query parameters and scopes', () => {
    expect(evaluateRequest(redirect, { status: 302, body: '', location: good })).toStrictEqual([]);
    expect(locationProblems(location, good.replace('scope=openid%20profile', 'scope=profile+openid'))).toStrictEqual([]);
  });

  test('fails without a Location header, or with one that is not a URL', () => {
    expect(evaluateRequest(redirect, { status: 302, body: '' })).toStrictEqual(['no Location header, expected a redirect to https://127.0.0.1:18443/authorize']);
    expect(locationProblems(location, '/authorize')).toStrictEqual(['the Location header "/authorize" is not an absolute URL, expected a redirect to https://127.0.0.1:18443/authorize']);
  });

  test('fails on another URL, a missing or different parameter, a missing scope', () => {
    expect(locationProblems(location, good.replace('127.0.0.1:18443', 'idp.example.com'))).toStrictEqual(['redirected to https://idp.example.com/authorize, expected https://127.0.0.1:18443/authorize']);
    expect(locationProblems(location, good.replace('client_id=chat-ui&', ''))).toStrictEqual(['the redirect\'s client_id is (none), expected "chat-ui"']);
    expect(locationProblems(location, good.replace('client_id=chat-ui', 'client_id=other'))).toStrictEqual(['the redirect\'s client_id is "other", expected "chat-ui"']);
    expect(locationProblems(location, good.replace('scope=openid%20profile', 'scope=profile'))).toStrictEqual(['the redirect\'s scope "profile" lacks openid']);
  });
});

describe('evaluateRequest on TLS handshakes and streams', () => {
  const refused = { ...request({ status: 0, handshake: 'refused', reachesBackend: false }), tlsVersion: 'TLSv1.2' as const };

  test('a handshake Envoy must refuse holds when it was refused, and fails when it completed', () => {
    expect(evaluateRequest(refused, { status: 0, body: '', handshakeError: 'tlsv1 alert protocol version' })).toStrictEqual([]);
    expect(evaluateRequest(refused, { status: 200, body: '', backendHeaders: {} }))
      .toStrictEqual(['the TLS handshake completed (status 200), expected Envoy to refuse it', 'reached the backend, expected it not to']);
  });

  test('a refused handshake fails a request that expects an answer', () => {
    expect(evaluateRequest(request(), { status: 0, body: '', handshakeError: 'tlsv1 alert protocol version' }))
      .toStrictEqual(['the TLS handshake was refused (tlsv1 alert protocol version), expected it to complete']);
  });

  test('a stream holds when every event and [DONE] arrived, and fails when it was cut short', () => {
    const streamed = { ...request(), streamSeconds: 3 };
    const whole = [1, 2, 3].map(streamEvent).join('') + STREAM_END;
    expect(evaluateRequest(streamed, { status: 200, body: whole, backendHeaders: {} })).toStrictEqual([]);
    expect(evaluateRequest(streamed, { status: 200, body: [1, 2].map(streamEvent).join(''), backendHeaders: {} }))
      .toStrictEqual(['the stream ended after 2 of 3 events, without [DONE]']);
  });

  test('counts the events of a stream body and sees its end', () => {
    expect(streamReceived(streamEvent(1) + streamEvent(2) + STREAM_END)).toStrictEqual({ events: 2, done: true });
    expect(streamReceived('')).toStrictEqual({ events: 0, done: false });
  });
});

describe('requestLabel', () => {
  test('names the request, its method, host and path, and how often it was sent', () => {
    expect(requestLabel(request())).toBe('request "valid token" (POST chat.example.com/v1/chat/completions)');
    expect(requestLabel({ ...request(), repeat: 4 })).toBe('request "valid token" (POST chat.example.com/v1/chat/completions, sent 4 times)');
  });

  test('names the loopback address a request is sent from', () => {
    expect(requestLabel({ ...request(), from: '127.0.0.3', repeat: 2 })).toBe('request "valid token" (POST chat.example.com/v1/chat/completions from 127.0.0.3, sent 2 times)');
  });

  test('names the TLS version the client offers alone and the stream it asks for', () => {
    expect(requestLabel({ ...request(), tlsVersion: 'TLSv1.2', streamSeconds: 17 }))
      .toBe('request "valid token" (POST chat.example.com/v1/chat/completions, TLSv1.2 only, a 17 s event stream)');
  });
});
