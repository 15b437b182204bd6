import { spawn } from 'child_process';
import * as http from 'http';
import { AddressInfo } from 'net';
import { nginxConfig, stopChild, waitFor } from '../../../conformance/waf/edge-processes';

describe('nginxConfig', () => {
  const conf = nginxConfig('/tmp/edge', 'warn', 18000, 18001, ['modsecurity_rules_file /tmp/edge/llm-waf.conf;', 'server { server_name a.example.com; }']);

  test('everything under the work dir, ModSecurity on, nginx\'s own body size check lifted', () => {
    expect(conf).toMatch(/^pid \/tmp\/edge\/nginx\.pid;$/m);
    expect(conf).toMatch(/^error_log \/tmp\/edge\/error\.log warn;$/m);
    expect(conf).toMatch(/^ {2}modsecurity on;$/m);
    expect(conf).toMatch(/^ {2}client_max_body_size 0;$/m);
    for (const temp of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) expect(conf).toContain(`${temp}_temp_path /tmp/edge/${temp};`);
  });

  test('the given lines at http level, between the backend and the default server', () => {
    const backend = conf.indexOf('listen 127.0.0.1:18001;');
    const rules = conf.indexOf('modsecurity_rules_file /tmp/edge/llm-waf.conf;');
    const server = conf.indexOf('server_name a.example.com;');
    const fallback = conf.indexOf('listen 127.0.0.1:18000 default_server;');
    expect([backend, rules, server, fallback].every((i) => i > 0)).toBe(true);
    expect(backend < rules && rules < server && server < fallback).toBe(true);
    expect(conf.trim().endsWith('}')).toBe(true);
  });
});

describe('waitFor and stopChild', () => {
  test('waitFor returns once a server answers on the port', async () => {
    const server = http.createServer((_, res) => res.end('ok'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      await expect(waitFor((server.address() as AddressInfo).port)).resolves.toBeUndefined();
    } finally {
      server.close();
    }
  });

  test('stopChild ends a process that ignores SIGTERM', async () => {
    const child = spawn('sh', ['-c', 'trap "" TERM; while :; do sleep 1; done'], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 200));
    const exited = new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_, signal) => r(signal)));
    await stopChild(child);
    expect(await exited).toBe('SIGKILL');
  }, 10000);
});
