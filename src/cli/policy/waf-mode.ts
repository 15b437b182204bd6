/**
 * The WAF engine mode an object's rules set, from the SecLang they carry (a ConfigMap's data, an
 * annotation, a wasm plugin's configuration): the last `ctl:ruleEngine=` if any (the mode on the
 * endpoint's hosts), else `SecRuleEngine`. Comment lines do not count.
 * @internal
 */
export function wafModeOf(o: any): string | undefined {
  const lines = JSON.stringify([o.data ?? {}, o.metadata?.annotations ?? {}, o.spec ?? {}])
    .replace(/\\n/g, '\n').split('\n').filter((l) => !/^\s*#/.test(l)).join('\n');
  const ctl = [...lines.matchAll(/ctl:ruleEngine=(On|DetectionOnly|Off)/gi)].map((m) => m[1]);
  const engine = [...lines.matchAll(/SecRuleEngine\s+(On|DetectionOnly|Off)/gi)].map((m) => m[1]);
  const mode = ctl.length > 0 ? ctl[ctl.length - 1] : engine[engine.length - 1];
  if (mode === undefined) return undefined;
  return { on: 'blocking', detectiononly: 'detection', off: 'off' }[mode.toLowerCase()];
}
