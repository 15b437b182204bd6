/**
 * Envoy's rate-limit service and its Redis, started on loopback for a proof: redis-server without
 * persistence, and the rate-limit service reading the configuration Envoy Gateway would push
 * (conformance/gateway/rate-limit-config.ts) from files. Every Envoy of the proof calls the same
 * service, so their counts are shared as the replicas of a Gateway share them in a cluster.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { stringify } from 'yaml';
import { freePort } from './free-port';
import { RateLimitServiceConfig } from './rate-limit-config';

/** A running rate-limit service. */
export interface RunningRateLimitService {
  /** Its gRPC port on 127.0.0.1 (what Envoy's rate-limit filter calls). */
  readonly grpcPort: number;
  /** Stops the service and Redis. */
  readonly stop: () => Promise<void>;
}

/** Starts `bin` with its output in `logFile` (the descriptor is the child's alone once it runs). */
function spawnLogged(bin: string, args: string[], logFile: string, env?: NodeJS.ProcessEnv): ChildProcess {
  const fd = fs.openSync(logFile, 'w');
  try {
    return spawn(bin, args, { stdio: ['ignore', fd, fd], env });
  } finally {
    fs.closeSync(fd);
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function get(port: number, urlPath: string): Promise<{ status: number; body: string } | undefined> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath }, (m) => {
      let body = '';
      m.on('data', (c) => { body += c; });
      m.on('end', () => resolve({ status: m.statusCode ?? 0, body }));
    });
    req.on('error', () => resolve(undefined));
  });
}

async function until(what: string, logFile: string, child: ChildProcess, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}: ${fs.readFileSync(logFile, 'utf8').slice(-1500)}`);
    if (await ready()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} not ready after 20 s: ${fs.readFileSync(logFile, 'utf8').slice(-1500)}`);
}

/**
 * Starts redis-server and the rate-limit service (`ratelimit`, built by conformance/engines/envoy-gateway.sh)
 * with `configs`, under `dir`; resolves once the service has loaded every domain of them.
 */
export async function startRateLimitService(dir: string, binaries: { ratelimit: string; redis: string },
  configs: RateLimitServiceConfig[]): Promise<RunningRateLimitService> {
  const children: ChildProcess[] = [];
  const stop = async () => { for (const c of children.reverse()) await stopChild(c); };
  try {
    const redisPort = await freePort();
    const redisLog = path.join(dir, 'redis.log');
    const redis = spawnLogged(binaries.redis, ['--bind', '127.0.0.1', '--port', String(redisPort), '--save', '', '--appendonly', 'no', '--dir', dir], redisLog);
    children.push(redis);
    await until('redis-server', redisLog, redis, async () => /Ready to accept connections/.test(fs.readFileSync(redisLog, 'utf8')));

    // RUNTIME_ROOT/RUNTIME_SUBDIRECTORY/config/*.yaml: one file per domain
    const configDir = path.join(dir, 'runtime', 'ratelimit', 'config');
    fs.mkdirSync(configDir, { recursive: true });
    configs.forEach((c, i) => fs.writeFileSync(path.join(configDir, `domain-${i}.yaml`), stringify(c)));
    const [port, grpcPort, debugPort] = [await freePort(), await freePort(), await freePort()];
    const logFile = path.join(dir, 'ratelimit.log');
    const service = spawnLogged(binaries.ratelimit, [], logFile, {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'warn',
      USE_STATSD: 'false',
      BACKEND_TYPE: 'redis',
      REDIS_SOCKET_TYPE: 'tcp',
      REDIS_URL: `127.0.0.1:${redisPort}`,
      RUNTIME_ROOT: path.join(dir, 'runtime'),
      RUNTIME_SUBDIRECTORY: 'ratelimit',
      RUNTIME_WATCH_ROOT: 'false',
      HOST: '127.0.0.1',
      PORT: String(port),
      GRPC_HOST: '127.0.0.1',
      GRPC_PORT: String(grpcPort),
      DEBUG_HOST: '127.0.0.1',
      DEBUG_PORT: String(debugPort),
    });
    children.push(service);
    await until('the rate-limit service', logFile, service, async () => (await get(port, '/healthcheck'))?.status === 200);
    // A configuration it refuses is logged, and the service then limits nothing: fail instead.
    const refused = /Error loading new configuration[^\n]*/.exec(fs.readFileSync(logFile, 'utf8'));
    if (refused) throw new Error(`the rate-limit service refused the configuration Envoy Gateway would push: ${refused[0]}`);
    const loaded = (await get(debugPort, '/rlconfig'))?.body ?? '';
    const missing = configs.filter((c) => !loaded.includes(c.domain));
    if (missing.length > 0) throw new Error(`the rate-limit service did not load domain ${missing.map((c) => c.domain).join(', ')}: ${loaded.slice(0, 500)}`);
    return { grpcPort, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
