/**
 * The configuration Envoy Gateway pushes to its rate-limit service for the global rate limits of
 * a Gateway's listeners, computed from the xDS IR that `egctl x translate --to ir` prints. It
 * follows Envoy Gateway v1.9.1's BuildRateLimitServiceConfig (internal/xds/translator/ratelimit.go):
 * one configuration per domain (the listener's name, or a shared rule's name), and under it one
 * descriptor per route whose chain matches the actions the translator puts on that xDS route
 * (header matches, method, path, client CIDR with a distinct address, query parameters, or none).
 */

type Obj = { [key: string]: any };

/** A descriptor of Envoy's rate-limit service configuration (its YAML field names). */
export interface RateLimitDescriptor {
  key: string;
  value?: string;
  rate_limit?: { unit: string; requests_per_unit: number };
  shadow_mode?: boolean;
  descriptors?: RateLimitDescriptor[];
}

/** One file of the rate-limit service's configuration directory. */
export interface RateLimitServiceConfig {
  readonly domain: string;
  readonly descriptors: RateLimitDescriptor[];
}

const isShared = (rule: Obj) => rule?.shared === true;
const ruleDescriptor = (rule: number, match: number) => `rule-${rule}-match-${match}`;

/** Envoy Gateway's stripRuleIndexSuffix: a shared rule's domain. */
function sharedDomain(name: string): string {
  const i = name.lastIndexOf('/rule/');
  return i !== -1 ? name.slice(0, i) : name.replace('/', '-');
}

function isMatchSet(rule: Obj): boolean {
  return (rule.headerMatches ?? []).length > 0 || (rule.methodMatches ?? []).length > 0 || rule.pathMatch != null
    || rule.cidrMatch != null || (rule.queryParamMatches ?? []).length > 0;
}

/** Envoy Gateway's buildRateLimitServiceDescriptors: one descriptor chain per global rule of the route. */
function routeDescriptors(rules: Obj[]): RateLimitDescriptor[] {
  return rules.map((rule, rIdx) => {
    const shared = isShared(rule);
    const idx = rules.slice(0, rIdx).filter((r) => isShared(r) === shared).length;
    const chain: RateLimitDescriptor[] = [];
    const shadow = rule.shadowMode === true ? { shadow_mode: true } : {};
    (rule.headerMatches ?? []).forEach((m: Obj, mIdx: number) => {
      const key = ruleDescriptor(idx, mIdx);
      chain.push(m.distinct ? { key, ...shadow } : { key, value: key, ...shadow });
    });
    if ((rule.methodMatches ?? []).length > 0) chain.push({ key: `rule-${idx}-method`, value: `rule-${idx}-method`, ...shadow });
    if (rule.pathMatch != null) chain.push({ key: `rule-${idx}-path`, value: `rule-${idx}-path`, ...shadow });
    if (rule.cidrMatch != null) {
      chain.push({ key: 'masked_remote_address', value: rule.cidrMatch.invert ? `!${rule.cidrMatch.cidr}` : rule.cidrMatch.cidr, ...shadow });
      if (rule.cidrMatch.distinct) chain.push({ key: 'remote_address', ...shadow });
    }
    const offset = (rule.headerMatches ?? []).length;
    (rule.queryParamMatches ?? []).forEach((m: Obj, mIdx: number) => {
      const key = ruleDescriptor(idx, offset + mIdx);
      chain.push(m.distinct ? { key, ...shadow } : { key, value: key, ...shadow });
    });
    if (!isMatchSet(rule)) chain.push({ key: ruleDescriptor(idx, -1), value: ruleDescriptor(idx, -1), ...shadow });
    chain[chain.length - 1].rate_limit = { unit: String(rule.limit.unit).toLowerCase(), requests_per_unit: rule.limit.requests };
    for (let i = chain.length - 1; i > 0; i--) chain[i - 1].descriptors = [chain[i]];
    return chain[0];
  });
}

function sameChain(a: RateLimitDescriptor, b: RateLimitDescriptor): boolean {
  const [da, db] = [a.descriptors ?? [], b.descriptors ?? []];
  return a.key === b.key && a.value === b.value && da.length === db.length && da.every((d, i) => sameChain(d, db[i]));
}

/** The rate-limit service configuration for the HTTP listeners of one Gateway's xDS IR (`xdsIR[<namespace>/<gateway>]`). */
export function rateLimitServiceConfig(gatewayIr: Obj): RateLimitServiceConfig[] {
  const domains = new Map<string, RateLimitDescriptor[]>();
  for (const listener of gatewayIr.http ?? []) {
    for (const route of listener.routes ?? []) {
      const rules: Obj[] = route.traffic?.rateLimit?.global?.rules ?? [];
      if (rules.length === 0) continue;
      const descriptors = routeDescriptors(rules);
      rules.forEach((rule, i) => {
        const domain = isShared(rule) ? sharedDomain(rule.name) : listener.name;
        const key = isShared(rule) ? rule.name : route.name;
        const list = domains.get(domain) ?? [];
        domains.set(domain, list);
        let top = list.find((d) => d.key === key);
        if (!top) {
          top = { key, value: key, descriptors: [] };
          list.push(top);
        }
        // Envoy Gateway's descriptorsEqual: by keys and values only, so of two rules with the same
        // selectors only the first one's limit is configured
        if (!top.descriptors!.some((d) => sameChain(d, descriptors[i]))) top.descriptors!.push(descriptors[i]);
      });
    }
  }
  return [...domains].map(([domain, descriptors]) => ({ domain, descriptors }));
}
