import * as fs from 'fs';
import * as YAML from 'yaml';

/** One reviewed exception: a finding of a tool, on matching objects, with the reason it is accepted. */
export interface Suppression {
  readonly tool: string;
  readonly check: string;
  /** Glob over `Kind/namespace/name` (`*` matches any run of characters); every object when omitted. */
  readonly object?: string;
  /** Example name; every example when omitted. */
  readonly example?: string;
  readonly reason: string;
}

function globToRegExp(glob: string): RegExp {
  return new RegExp('^' + glob.split('*').map(s => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
}

export class Suppressions {
  static load(file: string): Suppressions {
    if (!fs.existsSync(file)) return new Suppressions([]);
    const raw = YAML.parse(fs.readFileSync(file, 'utf8')) ?? {};
    const list: Suppression[] = (raw.suppressions ?? []).map((s: any, i: number) => {
      if (!s?.tool || !s.check) throw new Error(`${file}: suppressions[${i}] needs tool and check`);
      if (!s.reason || String(s.reason).trim().length < 10) {
        throw new Error(`${file}: suppressions[${i}] (${s.tool} ${s.check}) needs a reason of at least 10 characters`);
      }
      return { tool: s.tool, check: String(s.check), object: s.object, example: s.example, reason: String(s.reason).trim() };
    });
    return new Suppressions(list);
  }

  private readonly used = new Set<Suppression>();

  constructor(private readonly list: Suppression[]) {}

  /** The suppression covering this finding, if any. */
  find(tool: string, check: string, objectRef: string, example: string): Suppression | undefined {
    const s = this.list.find(x => x.tool === tool && x.check === check
      && (x.example === undefined || x.example === example)
      && (x.object === undefined || globToRegExp(x.object).test(objectRef)));
    if (s) this.used.add(s);
    return s;
  }

  unused(): Suppression[] {
    return this.list.filter(s => !this.used.has(s));
  }
}
