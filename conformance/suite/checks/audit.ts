import * as fs from 'fs';
import * as path from 'path';
import { ExampleContext } from '../context';
import { toYaml } from '../manifests';
import { CheckResult, newResult } from '../report';

/** One request whose audit level is declared in the intent. */
export interface AuditCase {
  readonly name: string;
  /** `create` (of `object`), or `get` (of `object`'s kind and name, after it exists). */
  readonly verb: 'create' | 'get';
  readonly object: any;
  /** The level the API server must log it at; `None`: no event at all. */
  readonly level: 'None' | 'Metadata' | 'Request' | 'RequestResponse';
}

/** The audit events the API server wrote, from its log file (JSON lines). */
export function readAuditEvents(file: string): any[] {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim().length > 0).map((l) => JSON.parse(l));
}

/** The level an event of the probe was logged at, or `None` when the policy logged none. */
export function loggedLevel(events: any[], verb: string, object: any): string {
  const name = object.metadata?.name;
  const namespace = object.metadata?.namespace;
  const matching = events.filter((e) => e.stage === 'ResponseComplete' && e.verb === verb
    && e.objectRef?.name === name && (e.objectRef?.namespace ?? undefined) === namespace
    && (e.objectRef?.resource ?? '') === `${String(object.kind).toLowerCase()}s`);
  if (matching.length === 0) return 'None';
  return matching[matching.length - 1].level;
}

/**
 * The app's audit policy, loaded by the real API server, logs each declared request at the
 * declared level: the requests are made (as the cluster admin), then the levels are read back
 * from the API server's audit log.
 */
export async function checkAudit(ctx: ExampleContext, cases: AuditCase[], auditLog: string): Promise<CheckResult> {
  const r = newResult('audit-log');
  for (const c of cases) {
    const res = c.verb === 'create'
      ? ctx.kubectl.run(['create', '-f', '-'], toYaml(c.object))
      : ctx.kubectl.run(['get', String(c.object.kind).toLowerCase(), c.object.metadata.name, ...(c.object.metadata.namespace ? ['-n', c.object.metadata.namespace] : [])]);
    if (res.code !== 0) r.failures.push(`"${c.name}": the ${c.verb} request failed: ${res.stderr.trim()}`);
  }
  // The log backend writes each event as the request completes; give the last one a moment.
  let events: any[] = [];
  for (let i = 0; i < 20; i++) {
    events = readAuditEvents(auditLog);
    const last = cases[cases.length - 1];
    if (last === undefined || last.level === 'None' || loggedLevel(events, last.verb, last.object) !== 'None') break;
    await new Promise((res) => setTimeout(res, 250));
  }
  for (const c of cases) {
    const level = loggedLevel(events, c.verb, c.object);
    if (level === c.level) r.passed++;
    else r.failures.push(`"${c.name}": ${c.verb} ${c.object.kind}/${c.object.metadata?.namespace ?? ''}/${c.object.metadata?.name} logged at ${level}, expected ${c.level} (${path.basename(auditLog)})`);
  }
  return r;
}
