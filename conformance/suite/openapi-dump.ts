import * as fs from 'fs';
import * as path from 'path';
import { ApiClient } from './api-client';

/**
 * Writes the API server's OpenAPI v3 documents as `<dir>/api/v1.json`, `<dir>/apis/<group>/<version>.json`:
 * the layout kubectl-validate reads with --local-schemas. The schemas are those of the exact
 * Kubernetes version the suite builds, so offline validation needs no download.
 */
export async function dumpOpenApi(api: ApiClient, dir: string): Promise<number> {
  const index = await api.request('GET', '/openapi/v3');
  if (index.status !== 200) throw new Error(`GET /openapi/v3: ${index.status}`);
  // group-versions only: api/v1 and apis/<group>/<version>
  const entries = Object.entries<any>(index.body.paths ?? {}).filter(([p]) => p === 'api/v1' || /^apis\/[^/]+\/[^/]+$/.test(p));
  await ApiClient.mapLimit(entries, 4, async ([p, v]) => {
    const doc = await api.request('GET', v.serverRelativeURL);
    if (doc.status !== 200) throw new Error(`GET ${v.serverRelativeURL}: ${doc.status}`);
    const file = path.join(dir, `${p}.json`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(doc.body));
  });
  return entries.length;
}
