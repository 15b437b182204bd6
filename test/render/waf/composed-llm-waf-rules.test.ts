import { wafProfileModel } from '../../../src/model/waf-profile-model';
import { ModelServer } from '../../../src/options/model-server';
import { RouteContentType } from '../../../src/options/route-content-type';
import { DetectorAction } from '../../../src/options/waf/detector-action';
import { LlmWafProfile } from '../../../src/options/waf/llm-waf-profile';
import { WafMode } from '../../../src/options/waf/waf-mode';
import { ComposedWafPart, composeLlmWafRules, groupTag, INGRESS_NGINX_BASE_CONFIG, removedIdRanges, searchTreeSplits, sectionTag } from '../../../src/render/waf/composed-llm-waf-rules';

/** The default profile on an endpoint whose body limit is 1 MiB. */
const PROFILE = wafProfileModel(new LlmWafProfile(), 1024);
const CHAT = [{ path: '/v1/chat/completions', pathMatch: 'Exact', methods: ['POST'] }];
const OPTS = { baseConfig: INGRESS_NGINX_BASE_CONFIG, verifyCc: true };

function part(name: string, overrides: Partial<ComposedWafPart> = {}): ComposedWafPart {
  return {
    endpoint: `ns/${name}`,
    context: { routes: CHAT, hosts: [`${name}.example.com`] },
    profile: PROFILE,
    transactionIdPrefix: `llm-waf_ns_${name}_`,
    ...overrides,
  };
}

function ids(text: string): number[] {
  return [...text.matchAll(/"id:(\d+),/g)].map((m) => Number(m[1]));
}

/**
 * The engines' phase-1 dispatch, run on the rendered rules: each Host or UNIQUE_ID rule is
 * evaluated unless a skip is under way; a rule whose (negated) `@rx` or `@pm` holds sets its variables
 * and skips to its marker (skipAfter) or over the next n rules (skip:n, a marker counted as a rule). Returns the group and body limit set, and how many rules it evaluated.
 */
function dispatch(text: string, host: string, uniqueId: string): { group: string; limit: string; evaluated: number } {
  const blocks = text.slice(text.indexOf('# Dispatch'), text.indexOf('# Gates')).split('\n\n');
  let target: string | undefined;
  let evaluated = 0;
  let [group, limit] = ['0', '0'];
  let skip = 0;
  for (const b of blocks) {
    const marker = /^SecMarker "([^"]+)"/.exec(b)?.[1];
    if (target !== undefined) {
      if (marker === target) target = undefined;
      continue;
    }
    if (skip > 0 && /^Sec(Rule|Action|Marker) /.test(b)) {
      skip--;
      continue;
    }
    const rule = /^SecRule (REQUEST_HEADERS:Host|UNIQUE_ID) "(!?)@(rx|pm) ([^"]+)"/.exec(b);
    if (!rule) continue;
    evaluated++;
    const value = rule[1] === 'UNIQUE_ID' ? uniqueId : b.includes('t:lowercase') ? host.toLowerCase() : host;
    // @pm: any of its words anywhere, ASCII letters in either case.
    const holds = rule[3] === 'rx' ? new RegExp(rule[4]).test(value) : rule[4].split(' ').some((w) => value.toLowerCase().includes(w.toLowerCase()));
    if (holds === (rule[2] === '!')) continue;
    group = /setvar:tx\.llm_group=(\d+)/.exec(b)?.[1] ?? group;
    limit = /setvar:tx\.llm_body_limit=(\d+)/.exec(b)?.[1] ?? limit;
    target = /skipAfter:([A-Z0-9-]+)/.exec(b)?.[1];
    skip = Number(/skip:(\d+)/.exec(b)?.[1] ?? 0);
  }
  return { group, limit, evaluated };
}

/**
 * The engines' walk in one phase over skip rules on TX:`variable` (`@eq`, `!@eq`, `@gt`): a skip
 * rule whose operator holds for `value` skips to its marker. Returns how many skip rules it
 * evaluated, and the `tagKind-nn` tags of the other rules it ran.
 */
function walkSkips(blocks: string[], variable: string, tagKind: string, value: number, phase: number): { evaluated: number; ran: string[] } {
  let target: string | undefined;
  let evaluated = 0;
  const ran = new Set<string>();
  for (const b of blocks) {
    const marker = /^SecMarker "([^"]+)"/.exec(b)?.[1];
    if (target !== undefined) {
      if (marker === target) target = undefined;
      continue;
    }
    if (!b.includes(`phase:${phase},`)) continue;
    const skip = new RegExp(`^SecRule TX:${variable} "(!?@eq|@gt) (\\d+)"[\\s\\S]*skipAfter:([A-Z0-9-]+)`).exec(b);
    if (skip) {
      evaluated++;
      const v = Number(skip[2]);
      const holds = skip[1] === '@eq' ? value === v : skip[1] === '!@eq' ? value !== v : value > v;
      if (holds) target = skip[3];
    } else {
      const tag = new RegExp(`tag:cdk8s-secure-ai/llm-waf/${tagKind}-(\\d+)`).exec(b)?.[1];
      if (tag) ran.add(tag);
    }
  }
  return { evaluated, ran: [...ran] };
}

describe('composeLlmWafRules', () => {
  test('base configuration first, no global engine mode, global limit is the largest, partial processing', () => {
    const text = composeLlmWafRules([part('a'), part('b', { profile: wafProfileModel(new LlmWafProfile(), 2) })], OPTS);
    expect(text).toContain(`Include ${INGRESS_NGINX_BASE_CONFIG}\n`);
    expect(text).not.toMatch(/^SecRuleEngine/m);
    expect(text).not.toMatch(/^Include .*crs/im);
    expect(text).toContain('SecRequestBodyLimit 1048576\n');
    expect(text).toContain('SecRequestBodyLimitAction ProcessPartial');
    expect(text).toContain('setvar:tx.llm_body_limit=2048');
  });

  test('every rule id is unique and in 7400000-7499999; every group rule carries its group tag, every detector rule its section\'s', () => {
    const text = composeLlmWafRules([part('a'), part('b', { profile: wafProfileModel(new LlmWafProfile({ mode: WafMode.DETECT })) })], OPTS);
    const all = ids(text);
    expect(new Set(all).size).toBe(all.length);
    expect(all.every((id) => id >= 7400000 && id <= 7499999)).toBe(true);
    for (const g of [1, 2]) {
      const groupIds = [...text.matchAll(new RegExp(`"id:(74${String(g).padStart(2, '0')}\\d{3}),\\\\\\n  tag:([^,]+),`, 'g'))];
      expect(groupIds.length).toBeGreaterThan(50);
      // A detector section takes the detector ids (74gg300-74gg599) of the first group that uses it.
      const ofSection = (id: string) => Number(id.slice(4)) >= 300 && Number(id.slice(4)) <= 599;
      expect(groupIds.filter((m) => !ofSection(m[1])).every((m) => m[2] === groupTag(g))).toBe(true);
      expect(groupIds.filter((m) => ofSection(m[1])).every((m) => m[2] === sectionTag(g))).toBe(true);
    }
    expect(text).toContain('ctl:ruleEngine=On');
    expect(text).toContain('ctl:ruleEngine=DetectionOnly');
  });

  test('endpoints with one profile and routes share a group; other hosts skip every group', () => {
    const text = composeLlmWafRules([part('a'), part('b'), part('c', { context: { routes: [{ path: '/v1/embeddings', pathMatch: 'Exact', methods: ['POST'] }], hosts: ['c.example.com'] } })], OPTS);
    expect(text).toContain('# Group 1: ns/a, ns/b.');
    expect(text).toContain('# Group 2: ns/c.');
    expect(text).toContain('SecRule TX:llm_group "!@eq 1" \\\n  "id:7401001,\\\n  tag:cdk8s-secure-ai/llm-waf/group-01,\\\n  phase:1,');
    expect(text).not.toContain(`ctl:ruleRemoveByTag=${groupTag(1)}`);
    for (const g of ['1', '2']) {
      // One skip per phase the group has rules in (1, 2), to the marker that ends the group.
      expect(text.match(new RegExp(`"!@eq ${g}"[^"]*"[^"]*skipAfter:END-CDK8S-SECURE-AI-LLM-WAF-GROUP-0${g}"`, 'g'))).toHaveLength(2);
      expect(text).toContain(`\nSecMarker "END-CDK8S-SECURE-AI-LLM-WAF-GROUP-0${g}"`);
    }
    // The search tree's one split (groups 1 and 2: above 1, skip group 1), per phase.
    expect(text.match(/"@gt 1"[^"]*"[^"]*skipAfter:END-CDK8S-SECURE-AI-LLM-WAF-GROUP-01"/g)).toHaveLength(2);
    // Host: any case, a port, a trailing dot; the marker of the Ingress.
    expect(text).toContain('"@rx ^(?:a\\.example\\.com|b\\.example\\.com)\\.?(?::[0-9]*)?$"');
    expect(text).toContain('"@rx ^(?:llm\\-waf_ns_a_|llm\\-waf_ns_b_)"');
    // ACME HTTP-01 challenges skip our rules: the whole path must be one, not only its first line
    // ("/.well-known/acme-challenge/x%0A/v1/models" is decoded to two lines and is not).
    expect(text).toContain('SecRule REQUEST_FILENAME "@rx \\A/\\.well-known/acme-challenge/[A-Za-z0-9_-]+\\z"');
  });

  test('a request walks a few rules to its group, whatever the number of groups, and runs no other group\'s rules', () => {
    const n = 99;
    const parts = Array.from({ length: n }, (_, i) => part(`e${i + 1}`, {
      context: { routes: [{ path: `/v${i + 1}`, pathMatch: 'Exact', methods: ['POST'] }], hosts: [`e${i + 1}.example.com`] },
    }));
    const blocks = composeLlmWafRules(parts, OPTS).split('\n\n');
    const walk = (group: number, phase: number) => walkSkips(blocks, 'llm_group', 'group', group, phase);
    for (const phase of [1, 2]) {
      expect(walk(0, phase)).toStrictEqual({ evaluated: 1, ran: [] });
      for (const g of [1, 2, 49, 50, 51, 98, 99]) {
        const w = walk(g, phase);
        expect({ g, ran: w.ran }).toStrictEqual({ g, ran: [String(g).padStart(2, '0')] });
        // the other hosts' skip, at most 7 splits, the group's own skip and its skip past the rest
        expect(w.evaluated).toBeLessThanOrEqual(10);
      }
    }
  });

  test('groups whose profiles detect alike share one detector section, rendered once; a group that detects nothing has none', () => {
    const capped = (max: number) => wafProfileModel(new LlmWafProfile({ costFieldCaps: [{ field: 'max_tokens', max }] }), 1024);
    const embeddings = { routes: [{ path: '/v1/embeddings', pathMatch: 'Exact', methods: ['POST'] }], hosts: ['c.example.com'] };
    const logOnly = wafProfileModel(new LlmWafProfile({ promptInjection: DetectorAction.LOG }), 1024);
    const off = DetectorAction.OFF;
    const none = wafProfileModel(new LlmWafProfile({
      promptInjection: off,
      sensitiveData: Object.fromEntries(['cloudCredentials', 'vcsCredentials', 'privateKeys', 'chatTokens', 'paymentTokens', 'jwts', 'paymentCards', 'nationalIds']
        .map((k) => [k, off])),
    }), 1024);
    const text = composeLlmWafRules([part('a', { profile: capped(100) }), part('b', { profile: capped(200) }), part('c', { context: embeddings }),
      part('d', { profile: logOnly }), part('e', { profile: none })], OPTS);
    for (let g = 1; g <= 5; g++) expect(text).toContain(`# Group ${g}: ns/${'abcde'[g - 1]}.`);
    expect(text).toContain('# Detector section 1: groups 1, 2, 3.');
    expect(text).toContain('# Detector section 2: groups 4.');
    expect(text).not.toContain('# Detector section 3');
    // The prompt-injection signatures once per section, not once per group.
    expect(text.match(/setvar:tx\.llm_prompt_injection_signature=system-prompt-extraction/g)).toHaveLength(2);
    // Each group's preamble names its section (group 5 none: TX:llm_detectors stays 0 from the dispatch).
    for (const [g, d] of [[1, 1], [2, 1], [3, 1], [4, 2]]) {
      expect(text).toMatch(new RegExp(`"id:740${g}000,\\\\\\n  tag:${groupTag(g)},[^"]*ctl:requestBodyAccess=On,\\\\\\n  setvar:tx\\.llm_detectors=${d},`));
    }
    expect(text).not.toMatch(/"id:7405000,[^"]*llm_detectors/);
    expect(text).toContain('setvar:tx.llm_detectors=0');
    // Section 1's rules sit in group 1's detector ids, section 2's in group 4's.
    expect(text).toMatch(/"id:74013\d\d,\\\n  tag:cdk8s-secure-ai\/llm-waf\/detectors-01,/);
    expect(text).toMatch(/"id:74043\d\d,\\\n  tag:cdk8s-secure-ai\/llm-waf\/detectors-02,/);
    // After every group, in phase 2.
    expect(text.indexOf('# Detector section 1:')).toBeGreaterThan(text.indexOf('SecMarker "END-CDK8S-SECURE-AI-LLM-WAF-GROUPS"'));
    const noDetectors = composeLlmWafRules([part('e', { profile: none })], OPTS);
    expect(noDetectors).not.toContain('TX:llm_detectors');
    expect(noDetectors).not.toContain('Detector section');
  });

  test('a request walks a few rules to its detector section, whatever the number of sections, and runs no other section\'s rules', () => {
    // 99 detector configurations: seven detectors, each blocking or logging.
    const actions = [DetectorAction.BLOCK, DetectorAction.LOG];
    const n = 99;
    // The k-th detector of configuration i blocks or logs by the k-th binary digit of i.
    const action = (i: number, k: number) => actions[Math.floor(i / 2 ** k) % 2];
    const parts = Array.from({ length: n }, (_, i) => part(`e${i + 1}`, {
      profile: wafProfileModel(new LlmWafProfile({
        promptInjection: action(i, 0),
        sensitiveData: {
          cloudCredentials: action(i, 1),
          jwts: action(i, 2),
          privateKeys: action(i, 3),
          paymentCards: action(i, 4),
          vcsCredentials: action(i, 5),
          chatTokens: action(i, 6),
        },
      }), 1024),
    }));
    const text = composeLlmWafRules(parts, OPTS);
    const all = ids(text);
    expect(new Set(all).size).toBe(all.length);
    expect(text).toContain(`# Detector section ${n}: groups ${n}.`);
    const blocks = text.slice(text.indexOf('SecMarker "END-CDK8S-SECURE-AI-LLM-WAF-GROUPS"')).split('\n\n');
    const walk = (section: number) => walkSkips(blocks, 'llm_detectors', 'detectors', section, 2);
    expect(walk(0)).toStrictEqual({ evaluated: 1, ran: [] });
    for (let d = 1; d <= n; d++) {
      const w = walk(d);
      expect({ d, ran: w.ran }).toStrictEqual({ d, ran: [String(d).padStart(2, '0')] });
      // the no-section skip, at most 7 splits for 99 sections, the section's own skip and its skip past the rest
      expect(w.evaluated).toBeLessThanOrEqual(10);
    }
  });

  test('searchTreeSplits: one split per level before the first group of each range', () => {
    expect([...searchTreeSplits(1)]).toStrictEqual([]);
    expect([...searchTreeSplits(2)]).toStrictEqual([[1, [1]]]);
    expect([...searchTreeSplits(5)]).toStrictEqual([[1, [3, 2, 1]], [4, [4]]]);
    expect(Math.max(...[...searchTreeSplits(99).values()].map((s) => s.length))).toBe(7);
  });

  test('removedIdRanges: files of consecutive numbers share a range, in order, whatever the input order', () => {
    expect(removedIdRanges([])).toStrictEqual([]);
    expect(removedIdRanges([913, 905, 911, 912, 920, 922, 950, 951])).toStrictEqual([[905, 905], [911, 913], [920, 920], [922, 922], [950, 951]]);
  });

  test('routes that take different bodies are different groups', () => {
    const upload = (contentTypes?: RouteContentType[]) => ({ routes: [{ path: '/upload', pathMatch: 'Exact', methods: ['POST'], contentTypes }] });
    const text = composeLlmWafRules([
      part('a', { context: { ...upload(), hosts: ['a.example.com'] } }),
      part('b', { context: { ...upload([RouteContentType.JSON]), hosts: ['b.example.com'] } }),
      part('c', { context: { ...upload([RouteContentType.MULTIPART_FORM_DATA]), hosts: ['c.example.com'] } }),
    ], OPTS);
    expect(text).toContain('# Group 1: ns/a, ns/b.');
    expect(text).toContain('# Group 2: ns/c.');
    expect(text).toMatch(/"id:7402\d{3},\\\n  tag:cdk8s-secure-ai\/llm-waf\/group-02,[^"]*setvar:tx\.llm_route_multipart=1/);
  });

  test('on our hosts the engine mode is switched before the body limits, so that these refuse in phase 1', () => {
    const embeddings = { routes: [{ path: '/v1/embeddings', pathMatch: 'Exact', methods: ['POST'] }], hosts: ['c.example.com'] };
    const text = composeLlmWafRules([part('a'), part('b', { profile: wafProfileModel(new LlmWafProfile({ mode: WafMode.DETECT }), 1024) }), part('c', { context: embeddings })], OPTS);
    const on = text.indexOf('SecRule TX:llm_group "@rx ^(?:1|3)$"');
    const detect = text.indexOf('SecRule TX:llm_group "@rx ^(?:2)$"');
    const limit = text.indexOf('SecRule REQUEST_HEADERS:Content-Length "@gt %{tx.llm_body_limit}"');
    expect(on).toBeGreaterThan(text.indexOf('ctl:ruleRemoveByTag=cdk8s-secure-ai/llm-waf/our-hosts'));
    expect(text.slice(on, detect)).toMatch(/phase:1,[^"]*ctl:ruleEngine=On,\\\n  tag:cdk8s-secure-ai\/llm-waf\/our-hosts"/);
    expect(text.slice(detect, limit)).toMatch(/phase:1,[^"]*ctl:ruleEngine=DetectionOnly,\\\n  tag:cdk8s-secure-ai\/llm-waf\/our-hosts"/);
    expect(on).toBeLessThan(limit);
    expect(detect).toBeLessThan(limit);
    // Set once per request: the groups' own rules do not switch it again.
    expect(text.match(/ctl:ruleEngine=/g)).toHaveLength(2);
  });

  test('dispatch: exact hosts before wildcards, the most specific wildcard first, the Ingress marker last and winning', () => {
    const a = part('a', { context: { routes: CHAT, hosts: ['*.example.com'] } });
    const b = part('b', { context: { routes: CHAT, hosts: ['*.b.example.com', 'b.example.org'] }, profile: wafProfileModel(new LlmWafProfile(), 2) });
    const c = part('c', { context: { routes: [{ path: '/v1/embeddings', pathMatch: 'Exact', methods: ['POST'] }], hosts: ['b.example.com'] } });
    const cases: Array<[string, string, string | undefined]> = [
      ['x.example.com', 'r1', 'a'],
      ['x.y.example.com', 'r1', 'a'],
      ['x.b.example.com', 'r1', 'b'],
      ['X.B.Example.COM.:8443', 'r1', 'b'],
      ['b.example.org', 'r1', 'b'],
      ['b.example.com', 'r1', 'c'],
      ['example.com', 'r1', undefined],
      ['evil-example.com', 'r1', undefined],
      ['x.example.com.evil.org', 'r1', undefined],
      // Hosts that hold our hosts' names (the splits' @pm holds): the leaves decide.
      ['xb.example.org', 'r1', undefined],
      ['b.example.org.evil', 'r1', undefined],
      ['b.example.com.b.example.org.x.b.example.com', 'r1', 'b'],
      ['b.example.orgb.example.com', 'r1', 'a'],
      // A transaction id that holds a marker but does not start with one.
      ['evil.org', 'x-llm-waf_ns_c_r1', undefined],
      // The marker names the location nginx chose, whatever the Host header says.
      ['evil.org', 'llm-waf_ns_c_r1', 'c'],
      ['x.example.com', 'llm-waf_ns_b_r1', 'b'],
      ['b.example.com', 'llm-waf_ns_a_r1', 'a'],
    ];
    // In either order of the endpoints: *.b.example.com is more specific than *.example.com.
    for (const order of [[a, b, c], [c, b, a]]) {
      const text = composeLlmWafRules(order, OPTS);
      const groupOf = new Map([...text.matchAll(/^# Group (\d+): (.*)\.$/gm)].flatMap((m) => m[2].split(', ').map((e) => [e.slice(3), m[1]] as const)));
      const limitOf = new Map([['a', '1048576'], ['b', '2048'], ['c', '1048576']]);
      for (const [host, id, endpoint] of cases) {
        const d = dispatch(text, host, id);
        const want = endpoint ? { group: groupOf.get(endpoint), limit: limitOf.get(endpoint) } : { group: '0', limit: '0' };
        expect({ host, id, group: d.group, limit: d.limit }).toStrictEqual({ host, id, ...want });
      }
    }
  });

  test('dispatch: a request evaluates a few rules, whatever the number of endpoints', () => {
    const n = 99;
    const parts = Array.from({ length: n }, (_, i) => part(`e${i + 1}`, {
      context: { routes: [{ path: `/v${i + 1}`, pathMatch: 'Exact', methods: ['POST'] }], hosts: [`e${i + 1}.example.com`, `*.e${i + 1}.example.net`] },
    }));
    const text = composeLlmWafRules(parts, OPTS);
    // Other hosts without a marker: the root of each tree.
    expect(dispatch(text, 'tenant.example.org', 'abc')).toStrictEqual({ group: '0', limit: '0', evaluated: 3 });
    for (let g = 1; g <= n; g++) {
      const own = { group: String(g), limit: '1048576' };
      // Host: the root, at most 7 splits and the leaf; the wildcard tree is skipped; the marker tree's root.
      const byHost = dispatch(text, `e${g}.example.com`, 'abc');
      expect({ g, ...byHost, evaluated: byHost.evaluated <= 10 }).toStrictEqual({ g, ...own, evaluated: true });
      const byWildcard = dispatch(text, `x.e${g}.example.net`, 'abc');
      expect({ g, ...byWildcard, evaluated: byWildcard.evaluated <= 11 }).toStrictEqual({ g, ...own, evaluated: true });
      const byMarker = dispatch(text, 'tenant.example.org', `llm-waf_ns_e${g}_abc`);
      expect({ g, ...byMarker, evaluated: byMarker.evaluated <= 11 }).toStrictEqual({ g, ...own, evaluated: true });
    }
  });

  test('CRS is tuned at run time on our hosts: paranoia, families not kept removed, prompt fields excluded', () => {
    const text = composeLlmWafRules([part('a')], OPTS);
    expect(text).toContain('setvar:tx.paranoia_level=1');
    expect(text).toContain('ctl:ruleRemoveById=920000-920999');
    // Files of consecutive numbers in one range; the Ruby leakage file (956) too.
    expect(text).toContain('ctl:ruleRemoveById=911000-913999');
    expect(text).toContain('ctl:ruleRemoveById=950000-956999');
    expect(text).not.toContain('ctl:ruleRemoveById=911000-911999');
    expect(text).not.toContain('ctl:ruleRemoveById=942000-942999');
    expect(text).toContain('SecRuleUpdateTargetByTag "OWASP_CRS" "!ARGS:/\\Ajson\\.prompt(?:\\.[^.]+)?\\z/"');
    const noCrs = composeLlmWafRules([part('a', { profile: wafProfileModel(new LlmWafProfile({ crs: false })) })], OPTS);
    expect(noCrs).toContain('ctl:ruleRemoveByTag=OWASP_CRS');
    expect(noCrs).not.toContain('SecRuleUpdateTargetByTag');
  });

  test('a hundred endpoints of a few kinds fit one ConfigMap, with unique ids', () => {
    const servers = [ModelServer.vllm(), ModelServer.tgi(), ModelServer.openAiCompatible()];
    const profiles = [new LlmWafProfile(), new LlmWafProfile({ paranoiaLevel: 2, allowedModels: ['llama-3.1-8b-instruct'] })];
    const parts = Array.from({ length: 100 }, (_, i) => part(`e${i}`, {
      context: {
        routes: servers[i % 3].routes.map((r) => ({ path: r.path, pathMatch: r.match?.value ?? 'Exact', methods: r.methods ?? ['POST'], contentTypes: r.contentTypes })),
        hosts: [`e${i}.example.com`, `e${i}.internal.example.com`],
      },
      // Body limits differ between endpoints of one group: the dispatch sets each host's.
      profile: wafProfileModel(profiles[i % 2], (1 + (i % 4)) * 1024),
    }));
    const text = composeLlmWafRules(parts, OPTS);
    const size = Buffer.byteLength(text);
    expect(size).toBeLessThan(1024 * 1024);
    // Three kinds of routes (vLLM's Responses and audio routes set it apart from any
    // OpenAI-compatible server) x 2 profiles: six groups, each rendered once for its endpoints.
    expect(text).toContain('# Group 6:');
    expect(text).not.toContain('# Group 7:');
    const all = ids(text);
    expect(new Set(all).size).toBe(all.length);
  });

  test('fails when a host belongs to two endpoints', () => {
    expect(() => composeLlmWafRules([part('a'), part('b', { context: { routes: CHAT, hosts: ['a.example.com'] } })], OPTS))
      .toThrow(/Invalid hosts of ns\/b: "a\.example\.com"\. ns\/a already serves this host on the same controller/);
  });

  test('fails when an endpoint has no host', () => {
    expect(() => composeLlmWafRules([part('a', { context: { routes: CHAT } })], OPTS)).toThrow(/Invalid hosts of ns\/a: \[\]\. .*give the endpoint at least one host/);
  });

  test('fails on a bad, reused or overlapping transaction-id marker', () => {
    expect(() => composeLlmWafRules([part('a', { transactionIdPrefix: 'a b' })], OPTS)).toThrow(/Invalid transaction-id marker of ns\/a: "a b"\. Use letters, digits/);
    expect(() => composeLlmWafRules([part('a'), part('b', { transactionIdPrefix: 'llm-waf_ns_a_' })], OPTS)).toThrow(/ns\/a already uses this marker/);
    expect(() => composeLlmWafRules([part('a', { transactionIdPrefix: 'x' }), part('b', { transactionIdPrefix: 'xy' })], OPTS)).toThrow(/Invalid transaction-id marker of ns\/b: "xy". It starts with ns\/a's marker "x"/);
  });

  test('fails when the dispatch needs more rules than its id block holds', () => {
    const many = Array.from({ length: 481 }, (_, i) => part(`e${i}`, { profile: wafProfileModel(new LlmWafProfile(), i + 1) }));
    expect(() => composeLlmWafRules(many, OPTS)).toThrow(/Invalid endpoints of one controller: 481\. Their hosts, transaction-id markers and body limits need 1924 dispatch rules, more than the 960/);
    expect(() => composeLlmWafRules(many.slice(0, 240), OPTS)).not.toThrow();
  });

  test('fails on a bad body limit, no parts, or more than 99 groups', () => {
    expect(() => composeLlmWafRules([part('a', { profile: { ...PROFILE, maxRequestBodyKiB: 0 } })], OPTS)).toThrow(/Invalid body limit of ns\/a: 0\. Use a positive whole number of KiB/);
    expect(() => composeLlmWafRules([], OPTS)).toThrow(/Invalid WAF parts: \[\]\. Compose at least one/);
    const many = Array.from({ length: 100 }, (_, i) => part(`e${i}`, { context: { routes: [{ path: `/p${i}`, pathMatch: 'Exact', methods: ['POST'] }], hosts: [`e${i}.example.com`] } }));
    expect(() => composeLlmWafRules(many, OPTS)).toThrow(/Invalid WAF rule groups of one controller: 100\. At most 99/);
  });
});
