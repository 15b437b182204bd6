import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkEnvoy, locateGatewayEngines } from '../../../conformance/suite/checks/envoy';
import { parseEnvoyIntent } from '../../../conformance/suite/envoy-intent';
import { Intent } from '../../../conformance/suite/intent';

function fail(msg: string): never {
  throw new Error(msg);
}

const envoy = parseEnvoyIntent({
  listener: 'edge/gw/http',
  requests: [{ name: 'no token', method: 'POST', path: '/v1/chat/completions', host: 'chat.example.com', expect: { status: 401 } }],
}, fail);

function intent(withEnvoy: boolean): Intent {
  return { example: 'ex', dir: '.', needsCrds: false, setup: [], deployers: [], admission: [], audit: [], envoy: withEnvoy ? envoy : undefined };
}

describe('checkEnvoy without its engines', () => {
  const saved = process.env.CDK8S_SECURE_AI_CACHE;
  let cache: string;
  beforeEach(() => {
    cache = fs.mkdtempSync(path.join(os.tmpdir(), 'envoy-check-'));
    process.env.CDK8S_SECURE_AI_CACHE = cache;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.CDK8S_SECURE_AI_CACHE;
    else process.env.CDK8S_SECURE_AI_CACHE = saved;
    fs.rmSync(cache, { recursive: true, force: true });
  });

  test('an example with an envoy section is an error naming the missing engine and how to install it', async () => {
    const r = await checkEnvoy({ intent: intent(true), objects: [], workDir: cache });
    expect(r.error).toMatch(/egctl-v[0-9.]+\/bin\/egctl is missing: run `npm run engines:install:gateway`/);
    expect(r.passed).toBe(0);
    expect(() => locateGatewayEngines()).toThrow(/is missing: run `npm run engines:install:gateway`/);
  });

  test('an example without an envoy section asserts nothing and needs no engine', async () => {
    const r = await checkEnvoy({ intent: intent(false), objects: [], workDir: cache });
    expect(r).toStrictEqual({ check: 'envoy', passed: 0, failures: [], suppressed: [] });
  });
});
