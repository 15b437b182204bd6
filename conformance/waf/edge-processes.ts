/**
 * The processes of the controller stand-ins (`shared-edge.ts`, `many-endpoints.ts`): nginx with
 * libmodsecurity and the Coraza harness, started on loopback and stopped, and the run's report.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { corazaBinary } from './engines';

/**
 * Writes the controller's default ModSecurity configuration (Debian's recommended one) into `dir`,
 * with its logs there too, and returns its path.
 */
export function writeModSecurityBase(dir: string): string {
  const base = fs.readFileSync('/etc/nginx/modsecurity.conf', 'utf8')
    .replace(/^SecAuditLog .*$/m, `SecAuditLog ${path.join(dir, 'audit.log')}`)
    .replace(/^SecUnicodeMapFile unicode\.mapping/m, 'SecUnicodeMapFile /etc/nginx/unicode.mapping');
  const file = path.join(dir, 'modsecurity.conf');
  fs.writeFileSync(file, base);
  return file;
}

/**
 * An nginx configuration for the stand-ins, everything under `dir`: one worker, ModSecurity on,
 * nginx's own body size check lifted (the WAF's limits are what refuse), the stand-in backend on
 * `backend` answering 200, `lines` at http level (rules, servers on `port`), and a default
 * server on `port` that answers 404.
 */
export function nginxConfig(dir: string, errorLogLevel: 'info' | 'warn', port: number, backend: number, lines: string[]): string {
  return `
load_module /usr/share/nginx/modules/ngx_http_modsecurity_module.so;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log ${errorLogLevel};
events { worker_connections 256; }
http {
  access_log off;
  server_names_hash_bucket_size 128;
  client_body_temp_path ${dir}/client_body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  client_max_body_size 0;
  client_body_buffer_size 1m;
  modsecurity on;
  server { listen 127.0.0.1:${backend}; location / { default_type application/json; return 200 '{"object":"stand-in"}'; } }
  ${lines.join('\n  ')}
  server { listen 127.0.0.1:${port} default_server; server_name _; location / { return 404; } }
}
`;
}

/** Waits up to 15 s for a server to answer on `port`. */
export async function waitFor(port: number): Promise<void> {
  for (let i = 0; i < 150; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const r = http.request({ host: '127.0.0.1', port, path: '/__ready', timeout: 1000 }, (res) => { res.resume(); resolve(true); });
      r.on('error', () => resolve(false));
      r.on('timeout', () => { r.destroy(); resolve(false); });
      r.end();
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no engine on port ${port}`);
}

/** Stops an nginx master gracefully and waits up to 5 s for it to go. */
export async function stopNginx(master: number): Promise<void> {
  try { process.kill(master, 'SIGQUIT'); } catch { /* gone */ }
  for (let i = 0; i < 50; i++) {
    try { process.kill(master, 0); } catch { return; }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts the Coraza harness on `port` in profile mode with `rules`, its output in `dir`/harness.log. */
export function startCoraza(dir: string, port: number, backend: number, rules: string): ChildProcess {
  const out = fs.openSync(path.join(dir, 'harness.log'), 'a');
  return spawn(corazaBinary(), ['-listen', `127.0.0.1:${port}`, '-backend', `127.0.0.1:${backend}`, '-mode', 'profile',
    '-rules', rules, '-error-log', path.join(dir, 'error.log')], { stdio: ['ignore', out, out] });
}

/** Stops a child process: SIGTERM, then SIGKILL after 3 s. */
export async function stopChild(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** Prints a check's lines and misses; exit code 1 on a miss, 2 when it could not run. */
export function report(run: Promise<{ lines: string[]; misses: string[] }>): void {
  run.then((r) => {
    for (const l of r.lines) console.log(l);
    for (const m of r.misses) console.log(`miss: ${m}`);
    if (r.misses.length > 0) process.exitCode = 1;
  }).catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(2); });
}
