import { ACCESS_LOG_FIELDS, jsonAccessLogFormat, TLS12_CIPHERS } from '../../src/render/controller-access-log';

test('the access log is valid JSON once nginx fills it, and never logs credentials or the query string', () => {
  const filled = jsonAccessLogFormat().replace(/\$[a-z_0-9]+/g, 'v');
  expect(Object.keys(JSON.parse(filled))).toStrictEqual(ACCESS_LOG_FIELDS.map(([k]) => k));
  expect(jsonAccessLogFormat()).not.toMatch(/http_authorization|http_cookie|api_key|\$args|\$query_string|\$request_uri|\$request"/);
  expect(TLS12_CIPHERS.split(':').every((c) => c.startsWith('ECDHE-') && /GCM|CHACHA20/.test(c))).toBe(true);
});
