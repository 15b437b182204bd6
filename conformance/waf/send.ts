/**
 * Sends corpus requests to an engine on loopback, byte for byte (no path normalisation).
 */
import * as http from 'http';
import { CorpusRequest } from './corpus';

export interface Answer {
  readonly status: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

/** A request whose body is bytes, sent as they are (a multipart upload with a binary file). */
export interface BinaryRequest extends CorpusRequest {
  readonly bodyBytes: Buffer;
}

export function send(port: number, req: CorpusRequest | BinaryRequest, host: string, extraHeaders: { [k: string]: string } = {},
  timeoutMs = 30000): Promise<Answer> {
  const body = 'bodyBytes' in req ? req.bodyBytes
    : req.bodyText !== undefined ? req.bodyText : req.body !== undefined ? JSON.stringify(req.body) : undefined;
  const headers: { [k: string]: string } = { host, ...req.headers, ...extraHeaders };
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    // `connection: close` asks for a fresh connection: a kept-alive one may be closing under us.
    const fresh = headers.connection === 'close';
    const r = http.request({ host: '127.0.0.1', port, method: req.method, path: req.path, headers, agent: fresh ? false : agent, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    r.on('error', reject);
    r.on('timeout', () => r.destroy(new Error('timeout')));
    if (body !== undefined) r.write(body);
    r.end();
  });
}

/** Runs tasks with a bounded concurrency, keeping order of results. */
export async function pool<T, R>(items: T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let i = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (i < items.length) {
      const k = i++;
      results[k] = await fn(items[k]);
    }
  });
  await Promise.all(workers);
  return results;
}
