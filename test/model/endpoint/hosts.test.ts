import { InferenceBackend, InferenceRoute, ModelServer, PathMatch } from '../../../src';
import { hostsModel, routesModel } from '../../../src/model/endpoint/hosts';
import { WeakenedControl } from '../../../src/model/weakening';
import { DIGEST_IMAGE, synthEndpoint } from '../../support/endpoint-fixtures';

describe('hostsModel', () => {
  test('accepts fully-qualified names', () => {
    expect(hostsModel(['llm.example.com', 'a1.example.com'])).toStrictEqual(['llm.example.com', 'a1.example.com']);
  });

  test.each(['10.0.0.1', '192.168.1.20', '2001:db8::1', '[2001:db8::1]', '::1'])('fails when a host is the IP address %s', (ip) => {
    expect(() => hostsModel(['llm.example.com', ip])).toThrow(
      new RegExp(`^Invalid hosts\\[1\\]: ${JSON.stringify(ip).replace(/[[\]]/g, '\\$&')}\\. An Ingress host must be a DNS name, not an IP address`));
  });
});

describe('routesModel', () => {
  const custom = (...routes: InferenceRoute[]) => ModelServer.custom(routes);

  test('fails when a custom route matches every path without the named opt-out', () => {
    expect(() => routesModel(custom({ path: '/predict' }, { path: '/', match: PathMatch.PREFIX }), []))
      .toThrow(/^Invalid modelServer routes\[1\]\.path: "\/"\. "\/" as a Prefix matches every path and exposes every API of the model server/);
    expect(() => routesModel(custom({ path: '/', match: PathMatch.PREFIX, everyPathInsecureReason: 'short' }), []))
      .toThrow(/set everyPathInsecureReason to a reason of at least 10 characters/);
  });

  test('"/" as an exact path is one path, not every path', () => {
    const weakenings: WeakenedControl[] = [];
    expect(routesModel(custom({ path: '/', match: PathMatch.EXACT }), weakenings).map((r) => r.path)).toStrictEqual(['/']);
    expect(weakenings).toStrictEqual([]);
  });

  test('with the opt-out, the route is kept and reported as a weakened control', () => {
    const weakenings: WeakenedControl[] = [];
    routesModel(custom({ path: '/', match: PathMatch.PREFIX, everyPathInsecureReason: 'legacy scoring server with one API' }), weakenings);
    expect(weakenings).toStrictEqual([{
      option: 'modelServer routes[0]: / (Prefix), everyPathInsecureReason',
      effect: 'Every path of the model server is exposed, management and internal APIs included. Reason given: legacy scoring server with one API',
    }]);
  });

  test('fails when the opt-out is set on a route that does not match every path', () => {
    expect(() => routesModel(custom({ path: '/predict', match: PathMatch.PREFIX, everyPathInsecureReason: 'legacy scoring server' }), []))
      .toThrow(/^Invalid modelServer routes\[0\]\.everyPathInsecureReason: "legacy scoring server"\. This route matches \/predict \(Prefix\), not every path/);
  });

  test('the endpoint\'s security report shows the opt-out', () => {
    const { endpoint } = synthEndpoint({
      modelServer: custom({ path: '/', match: PathMatch.PREFIX, everyPathInsecureReason: 'legacy scoring server with one API' }),
      // A custom server is not told its port: the workload names it.
      backend: InferenceBackend.workload({ image: DIGEST_IMAGE, port: 8080 }),
    });
    expect(endpoint.weakenedControls.map((w) => w.option)).toContain('modelServer routes[0]: / (Prefix), everyPathInsecureReason');
  });
});
