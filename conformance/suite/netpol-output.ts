/** Parsing of np-guard netpol-analyzer `list` text output: `src => dst : connections`. */

export interface ConnLine {
  readonly src: string;
  readonly dst: string;
  /** Normalised: `all`, or sorted `PROTO ports` items joined by `, `. */
  readonly conns: string;
}

/**
 * `All Connections` becomes `all`; otherwise one `PROTO port` item per port or range, sorted.
 * A bare port inherits the protocol before it (the analyzer prints `TCP 443,5000`).
 */
export function normaliseConns(items: string[]): string {
  const flat = items.flatMap(i => i.split(',')).map(i => i.trim().replace(/\s+/g, ' ')).filter(i => i.length > 0);
  if (flat.some(i => /^all( connections)?$/i.test(i))) return 'all';
  if (flat.length === 0) return 'none';
  const out = new Set<string>();
  let proto = '';
  for (const item of flat) {
    const m = /^(TCP|UDP|SCTP)\s*(.*)$/i.exec(item);
    if (m) {
      proto = m[1].toUpperCase();
      out.add(m[2] ? `${proto} ${m[2]}` : proto);
    } else {
      out.add(proto ? `${proto} ${item}` : item);
    }
  }
  return [...out].sort().join(', ');
}

export function parseConnList(text: string): ConnLine[] {
  const out: ConnLine[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const arrow = line.indexOf(' => ');
    const colon = line.lastIndexOf(' : ');
    if (arrow < 0 || colon < arrow) continue;
    out.push({ src: line.slice(0, arrow).trim(), dst: line.slice(arrow + 4, colon).trim(), conns: normaliseConns([line.slice(colon + 3)]) });
  }
  return out;
}

function ipToInt(ip: string): number {
  const p = ip.split('.').map(Number);
  if (p.length !== 4 || p.some(x => !Number.isInteger(x) || x < 0 || x > 255)) throw new Error(`not an IPv4 address: ${ip}`);
  return ((p[0] * 256 + p[1]) * 256 + p[2]) * 256 + p[3];
}

/** Whether an analyzer IP-block endpoint (`a-b`, CIDRs or single IPs, comma-separated) holds ip. */
export function ipBlockContains(block: string, ip: string): boolean {
  if (block.includes('[') || !/^[0-9.,/\- ]+$/.test(block)) return false;
  const x = ipToInt(ip);
  return block.split(',').map(s => s.trim()).filter(Boolean).some(range => {
    if (range.includes('-')) {
      const [a, b] = range.split('-');
      return ipToInt(a) <= x && x <= ipToInt(b);
    }
    if (range.includes('/')) {
      const [base, bits] = range.split('/');
      const size = 2 ** (32 - Number(bits));
      const start = Math.floor(ipToInt(base) / size) * size;
      return start <= x && x < start + size;
    }
    return ipToInt(range) === x;
  });
}
