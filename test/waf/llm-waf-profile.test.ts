import {
  CrsFamily, CrsRuleSet, DetectorAction, INGRESS_NGINX_RULES_PATH, LlmWafProfile, WafMode, WafRenderContext,
} from '../../src/waf';

const context: WafRenderContext = {
  routes: [
    { path: '/v1/chat/completions', pathMatch: 'Exact', methods: ['POST'] },
    { path: '/v1/models', pathMatch: 'Prefix', methods: ['GET', 'HEAD'] },
  ],
  hosts: ['llm.example.com'],
  crsRuleSet: CrsRuleSet.DEBIAN,
};

/** Every rule id in the text, in order. */
function ruleIds(rules: string): number[] {
  return [...rules.matchAll(/"id:(\d+),/g)].map((m) => parseInt(m[1], 10));
}

describe('LlmWafProfile.renderRules', () => {
  const rules = new LlmWafProfile().renderRules(context);

  test('matches the snapshot', () => {
    expect(rules).toMatchSnapshot();
  });

  test('rule ids are unique and in the profile range', () => {
    const ids = ruleIds(rules);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toBeGreaterThanOrEqual(73000);
      expect(id).toBeLessThanOrEqual(73999);
    }
  });

  test('blocks by default and parses JSON bodies', () => {
    expect(rules).toContain('SecRuleEngine On\n');
    expect(rules).toContain('ctl:requestBodyProcessor=JSON');
    expect(rules).toContain('SecRule REQBODY_ERROR "!@eq 0"');
    expect(rules).toContain(`SecRequestBodyLimit ${10240 * 1024}`);
  });

  test('renders Exact and Prefix routes with their methods', () => {
    expect(rules).toContain('SecRule REQUEST_FILENAME "@rx ^\\/v1\\/chat\\/completions$"');
    expect(rules).toContain('SecRule REQUEST_FILENAME "@rx ^\\/v1\\/models(?:/|$)"');
    expect(rules).toContain('SecRule REQUEST_METHOD "!@within POST"');
    expect(rules).toContain('SecRule REQUEST_METHOD "!@within GET HEAD"');
    expect(rules).toMatch(/&TX:llm_route_known "@eq 0"[^]*?status:404/);
  });

  test('refuses other hosts', () => {
    expect(rules).toContain('SecRule REQUEST_HEADERS:Host "!@rx ^(?:llm\\.example\\.com)(?::[0-9]{1,5})?$"');
  });

  test('caps cost fields', () => {
    expect(rules).toContain('SecRule ARGS:json.max_tokens "@gt 8192"');
    expect(rules).toContain('SecRule ARGS:json.n "@gt 4"');
    expect(rules).toContain('SecRule ARGS:json.best_of "@gt 4"');
  });

  test('includes CRS setup before and the kept families after the profile rules, then excludes prompt fields', () => {
    const setup = rules.indexOf('Include /etc/modsecurity/crs/crs-setup.conf');
    const firstRule = rules.indexOf('id:73010');
    const crs942 = rules.indexOf('Include /usr/share/modsecurity-crs/rules/REQUEST-942-*.conf');
    const exclusion = rules.indexOf('SecRuleUpdateTargetByTag "OWASP_CRS" "!ARGS:/^json\\.messages\\.[^.]+\\.content(?:\\.[^.]+\\.text)?$/"');
    expect(setup).toBeGreaterThan(0);
    expect(firstRule).toBeGreaterThan(setup);
    expect(crs942).toBeGreaterThan(firstRule);
    expect(exclusion).toBeGreaterThan(crs942);
    expect(rules).toContain('Include /usr/share/modsecurity-crs/rules/REQUEST-901-*.conf');
    expect(rules).toContain('Include /usr/share/modsecurity-crs/rules/REQUEST-949-*.conf');
    expect(rules).not.toContain('REQUEST-933-');
  });

  test('merges a prompt field and its one sub-field into one CRS exclusion (no "|" in variable regexes)', () => {
    const excl = rules.split('\n').filter((l) => l.startsWith('SecRuleUpdateTargetByTag'));
    expect(excl).toContain('SecRuleUpdateTargetByTag "OWASP_CRS" "!ARGS:/^json\\.prompt(?:\\.[^.]+)?$/"');
    expect(excl).toContain('SecRuleUpdateTargetByTag "OWASP_CRS" "!ARGS:/^json\\.suffix$/"');
    expect(excl).toHaveLength(7);
    for (const l of excl) expect(l.slice(l.indexOf('/'))).not.toContain('|');
    const two = new LlmWafProfile({ promptFields: ['input', 'input.*', 'input.*.text'] }).renderRules(context);
    expect(two).toContain('"!ARGS:/^json\\.input$/"');
    expect(two).toContain('"!ARGS:/^json\\.input\\.[^.]+(?:\\.text)?$/"');
  });

  test('detectors: @pm gates, number shapes only on fields with a digit, no t:lowercase copies of prompts', () => {
    for (const r of [rules, new LlmWafProfile().renderCorazaDirectives(context)]) {
      const detectors = r.slice(r.indexOf('# Sensitive data'), r.indexOf('# SSRF'));
      expect(detectors).toContain('SecRule ARGS "@pm akia asia');
      expect(detectors).toContain('SecRule TX:llm_candidate_tokens "@eq 1"');
      expect(detectors).toContain('SecRule ARGS "@pm ignore disregard');
      expect(detectors).not.toContain('t:lowercase');
      expect(detectors).toContain('SecRule ARGS "@rx (?i)\\b(?:ssn|social security');
      // A digit anywhere (byte range), then a 6-digit shape: "max_tokens": 256 does not trigger the number signatures.
      expect(detectors).toContain('SecRule ARGS "@validateByteRange 0-47,58-255"');
      expect(detectors).toMatch(/SecRule MATCHED_VARS "@rx \(\?:[^"]*\[0-9\]\{4\}\[ -\]\?\[0-9\]\{4\}\|/);
      expect(detectors).not.toMatch(/\|\[0-9\]\{3\}\|/);
    }
  });

  test('sets the paranoia level for CRS 3 and CRS 4', () => {
    const r = new LlmWafProfile({ paranoiaLevel: 3 }).renderRules(context);
    expect(r).toContain('setvar:tx.paranoia_level=3');
    expect(r).toContain('setvar:tx.blocking_paranoia_level=3');
  });

  test('detection mode', () => {
    expect(new LlmWafProfile({ mode: WafMode.DETECT }).renderRules(context)).toContain('SecRuleEngine DetectionOnly\n');
  });

  test('detectors never log matched values', () => {
    const detect = rules.split('\n\n').filter((b) => b.includes('setvar:tx.llm_jwts=1'));
    expect(detect.length).toBe(1);
    expect(detect[0]).toContain('nolog');
    expect(rules).toContain("logdata:'signature %{tx.llm_jwts_signature} in %{tx.llm_jwts_field} (value masked)'");
    expect(rules).toContain('SecAuditLogParts ABFHZ');
  });

  test('a LOG action passes, OFF removes the class', () => {
    const r = new LlmWafProfile({ sensitiveData: { jwts: DetectorAction.LOG, paymentCards: DetectorAction.OFF } }).renderRules(context);
    const jwt = r.split('\n\n').find((b) => b.startsWith('SecRule TX:llm_jwts "@eq 1"'))!;
    expect(jwt).toContain('pass');
    expect(jwt).not.toContain('deny');
    expect(r).not.toContain('llm_payment_cards');
    const pi = rules.split('\n\n').find((b) => b.startsWith('SecRule TX:llm_prompt_injection "@eq 1"'))!;
    expect(pi).toContain('deny');
  });

  test('model allow-list', () => {
    const r = new LlmWafProfile({ allowedModels: ['llama-3.1-8b-instruct', 'bge-small'] }).renderRules(context);
    expect(r).toContain('SecRule ARGS:json.model "!@rx ^(?:llama\\-3\\.1\\-8b\\-instruct|bge\\-small)$"');
  });

  test('SSRF rules cover metadata in every notation; private ranges optional', () => {
    expect(rules).toContain('169.254.0.0/16');
    expect(rules).toContain('fd00:ec2::254');
    expect(rules).toContain('metadata\\.google\\.internal');
    expect(rules).toContain('10.0.0.0/8');
    const noPrivate = new LlmWafProfile({ blockPrivateUrls: false }).renderRules(context);
    expect(noPrivate).toContain('169.254.0.0/16');
    expect(noPrivate).not.toContain('10.0.0.0/8');
  });

  test('without CRS there is no CRS include or exclusion', () => {
    const r = new LlmWafProfile({ crs: false }).renderRules(context);
    expect(r).not.toContain('Include');
    expect(r).not.toContain('OWASP_CRS');
  });

  test('CRS families are selectable', () => {
    const r = new LlmWafProfile({ crsFamilies: [CrsFamily.SQLI] }).renderRules(context);
    expect(r).toContain('REQUEST-942-*.conf');
    expect(r).not.toContain('REQUEST-941-*.conf');
  });

  test('response inspection is off by default and renders phase 4 rules when on', () => {
    expect(rules).toContain('SecResponseBodyAccess Off');
    const r = new LlmWafProfile({ responseInspection: true }).renderRules(context);
    expect(r).toContain('SecResponseBodyAccess On');
    expect(r).toContain('SecRule RESPONSE_BODY');
    expect(r).toMatch(/TX:llm_response_leak "@eq 1"[^]*?deny/);
  });

  test('defaults to the ingress-nginx CRS location', () => {
    const r = new LlmWafProfile().renderRules({ routes: context.routes });
    expect(r).toContain('Include /etc/nginx/owasp-modsecurity-crs/crs-setup.conf');
  });
});

describe('other deliveries', () => {
  test('Coraza directives use the embedded CRS and no @verifyCC', () => {
    const r = new LlmWafProfile().renderCorazaDirectives(context);
    expect(r).toContain('Include @crs-setup.conf.example');
    expect(r).toContain('Include @owasp_crs/REQUEST-942-*.conf');
    expect(r).not.toContain('@verifyCC');
    expect(new LlmWafProfile().renderRules(context)).toContain('@verifyCC');
  });

  test('ingress-nginx controller configuration', () => {
    expect(new LlmWafProfile().renderIngressNginxControllerConfig(context)).toStrictEqual({
      'enable-modsecurity': 'true',
      'enable-owasp-modsecurity-crs': 'false',
      'modsecurity-snippet': `Include ${INGRESS_NGINX_RULES_PATH}\n`,
    });
  });
});

describe('validation', () => {
  test.each([0, 5, 1.5])('fails when paranoiaLevel is %p', (v) => {
    expect(() => new LlmWafProfile({ paranoiaLevel: v })).toThrow(/paranoiaLevel must be an integer from 1 to 4, got/);
  });
  test('fails when maxRequestBodyKiB is 0', () => {
    expect(() => new LlmWafProfile({ maxRequestBodyKiB: 0 })).toThrow(/maxRequestBodyKiB must be an integer from 1 to .*got 0/);
  });
  test('fails when maxJsonDepth is 1', () => {
    expect(() => new LlmWafProfile({ maxJsonDepth: 1 })).toThrow(/maxJsonDepth must be an integer from 2/);
  });
  test('fails when maxArguments is negative', () => {
    expect(() => new LlmWafProfile({ maxArguments: -1 })).toThrow(/maxArguments must be an integer from 1/);
  });
  test('fails when a cost field name is not a field', () => {
    expect(() => new LlmWafProfile({ costFieldCaps: [{ field: 'max tokens', max: 1 }] })).toThrow(/costFieldCaps field "max tokens" is not a top-level JSON field name/);
  });
  test('fails when a cost field is listed twice', () => {
    expect(() => new LlmWafProfile({ costFieldCaps: [{ field: 'n', max: 1 }, { field: 'n', max: 2 }] })).toThrow(/lists "n" twice/);
  });
  test('fails when a cost cap is negative', () => {
    expect(() => new LlmWafProfile({ costFieldCaps: [{ field: 'n', max: -1 }] })).toThrow(/max for "n" must be an integer from 0/);
  });
  test('fails when allowedModels is empty', () => {
    expect(() => new LlmWafProfile({ allowedModels: [] })).toThrow(/allowedModels is empty/);
  });
  test('fails when a model name has a space', () => {
    expect(() => new LlmWafProfile({ allowedModels: ['a b'] })).toThrow(/allowedModels contains "a b"/);
  });
  test('fails when a prompt field is not a path', () => {
    expect(() => new LlmWafProfile({ promptFields: ['messages..content'] })).toThrow(/promptFields contains "messages..content"/);
  });
  test('fails when a URL field is not a name', () => {
    expect(() => new LlmWafProfile({ urlFields: ['image url'] })).toThrow(/urlFields contains "image url"/);
  });
  test('fails when a content type is not a media type', () => {
    expect(() => new LlmWafProfile({ allowedContentTypes: ['json'] })).toThrow(/allowedContentTypes contains "json"/);
  });
  test('fails when allowedContentTypes is empty', () => {
    expect(() => new LlmWafProfile({ allowedContentTypes: [] })).toThrow(/allowedContentTypes is empty/);
  });
  test('fails when crsFamilies is empty with CRS on', () => {
    expect(() => new LlmWafProfile({ crsFamilies: [] })).toThrow(/crsFamilies is empty while crs is on/);
  });
  test('fails when there are no routes', () => {
    expect(() => new LlmWafProfile().renderRules({ routes: [] })).toThrow(/context.routes is empty/);
  });
  test('fails when a route path is relative', () => {
    expect(() => new LlmWafProfile().renderRules({ routes: [{ path: 'v1', pathMatch: 'Exact', methods: ['GET'] }] })).toThrow(/route path "v1" is invalid/);
  });
  test('fails when pathMatch is unknown', () => {
    expect(() => new LlmWafProfile().renderRules({ routes: [{ path: '/v1', pathMatch: 'Regex', methods: ['GET'] }] })).toThrow(/pathMatch "Regex". Use "Exact" or "Prefix"/);
  });
  test('fails when a route has no methods', () => {
    expect(() => new LlmWafProfile().renderRules({ routes: [{ path: '/v1', pathMatch: 'Exact', methods: [] }] })).toThrow(/has no methods/);
  });
  test('fails when a method is unknown', () => {
    expect(() => new LlmWafProfile().renderRules({ routes: [{ path: '/v1', pathMatch: 'Exact', methods: ['FETCH'] }] })).toThrow(/has method "FETCH"/);
  });
  test('fails when a host is not a DNS name', () => {
    expect(() => new LlmWafProfile().renderRules({ routes: context.routes, hosts: ['LLM.Example.com'] })).toThrow(/host "LLM.Example.com" is not a lower-case DNS name/);
  });
});
