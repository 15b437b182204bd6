import * as fs from 'fs';
import * as https from 'https';
import * as YAML from 'yaml';

/** A minimal HTTPS client for the API server, authenticated by the admin kubeconfig's client certificate. */
export class ApiClient {
  /** Runs fn over items with at most `limit` in flight, keeping order. */
  static async mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
    const out: R[] = new Array(items.length);
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return out;
  }

  private readonly server: URL;
  private readonly agent: https.Agent;

  constructor(kubeconfig: string) {
    const kc = YAML.parse(fs.readFileSync(kubeconfig, 'utf8'));
    const cluster = kc.clusters[0].cluster;
    const user = kc.users[0].user;
    this.server = new URL(cluster.server);
    this.agent = new https.Agent({
      keepAlive: true,
      maxSockets: 8,
      ca: fs.readFileSync(cluster['certificate-authority']),
      cert: fs.readFileSync(user['client-certificate']),
      key: fs.readFileSync(user['client-key']),
    });
  }

  request(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const data = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = https.request({
        host: this.server.hostname,
        port: this.server.port,
        path,
        method,
        agent: this.agent,
        headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      }, res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: any = text;
          try { parsed = JSON.parse(text); } catch { /* not JSON */ }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      });
      req.on('error', reject);
      if (data) req.write(data);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
