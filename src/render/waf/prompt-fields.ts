import { escapeRegex } from './seclang';

/**
 * A prompt-field path to a regex over engine argument names (ModSecurity `array_0` and Coraza `0` alike).
 * @internal
 */
export function promptFieldRegex(path: string): string {
  return path.split('.').map((seg) => (seg === '*' ? '[^.]+' : escapeRegex(seg))).join('\\.');
}

/**
 * Prompt-field paths as few regexes without "|": a path and one longer path under it share a
 * regex (`prompt` and `prompt.*` give `prompt(?:\.[^.]+)?`).
 * @internal
 */
export function promptFieldGroups(paths: string[]): string[] {
  const sorted = [...new Set(paths)].sort();
  const used = new Set<string>();
  const out: string[] = [];
  for (const base of sorted) {
    if (used.has(base)) continue;
    used.add(base);
    const under = sorted.filter((p) => !used.has(p) && p.startsWith(`${base}.`));
    if (under.length === 1) {
      used.add(under[0]);
      out.push(`${promptFieldRegex(base)}(?:\\.${promptFieldRegex(under[0].slice(base.length + 1))})?`);
    } else {
      out.push(promptFieldRegex(base));
    }
  }
  return out;
}
