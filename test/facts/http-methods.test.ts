import { HTTP_METHODS } from '../../src/facts/http-methods';

test('HTTP methods are the upper-case methods a route may allow, without CONNECT and TRACE', () => {
  expect(HTTP_METHODS).toStrictEqual(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
});
