import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startRateLimitService } from '../../../conformance/gateway/rate-limit-service';

describe('startRateLimitService', () => {
  test('fails, with the log, when redis-server does not start', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rate-limit-service-'));
    try {
      const script = path.join(dir, 'redis-server');
      fs.writeFileSync(script, '#!/bin/sh\necho "cannot bind 127.0.0.1"\nexit 3\n', { mode: 0o755 });
      await expect(startRateLimitService(dir, { redis: script, ratelimit: '/nonexistent' }, []))
        .rejects.toThrow(/redis-server exited with 3: cannot bind 127\.0\.0\.1/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
