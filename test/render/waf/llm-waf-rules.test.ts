import { wafProfileModel } from '../../../src/model/waf-profile-model';
import { CrsFamily } from '../../../src/options/waf/crs-family';
import { CrsRuleSet } from '../../../src/options/waf/crs-rule-set';
import { DetectorAction } from '../../../src/options/waf/detector-action';
import { LlmWafProfile } from '../../../src/options/waf/llm-waf-profile';
import { LlmWafProfileProps } from '../../../src/options/waf/llm-waf-profile-props';
import { WafMode } from '../../../src/options/waf/waf-mode';
import { WafRenderContext } from '../../../src/options/waf/waf-render-context';
import { renderCorazaDirectives, renderLlmWafRules } from '../../../src/render/waf/llm-waf-rules';

const context: WafRenderContext = {
  routes: [
    { path: '/v1/chat/completions', pathMatch: 'Exact', methods: ['POST'] },
    { path: '/v1/models', pathMatch: 'Prefix', methods: ['GET', 'HEAD'] },
  ],
  hosts: ['llm.example.com'],
  crsRuleSet: CrsRuleSet.DEBIAN,
};

/** The rules file of a profile with `props`. */
function rulesOf(props: LlmWafProfileProps, ctx: WafRenderContext = context): string {
  return renderLlmWafRules(wafProfileModel(new LlmWafProfile(props)), ctx);
}

/** The Coraza directives of a profile with `props`. */
function corazaOf(props: LlmWafProfileProps, ctx: WafRenderContext = context): string {
  return renderCorazaDirectives(wafProfileModel(new LlmWafProfile(props)), ctx);
}

/** Every rule id in the text, in order. */
function ruleIds(rules: string): number[] {
  return [...rules.matchAll(/"id:(\d+),/g)].map((m) => parseInt(m[1], 10));
}

// The title is the key of the stored snapshot (kept from when the profile rendered itself):
// the rules must stay byte-identical.
describe('LlmWafProfile.renderRules', () => {
  const rules = rulesOf({});

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
    // Anchored at the ends of the whole path: both engines compile @rx multi-line, where $ also matches before a line break.
    expect(rules).toContain('SecRule REQUEST_FILENAME "@rx \\A\\/v1\\/chat\\/completions\\z"');
    expect(rules).toContain('SecRule REQUEST_FILENAME "@rx \\A\\/v1\\/models(?:/|\\z)"');
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
    const exclusion = rules.indexOf('SecRuleUpdateTargetByTag "OWASP_CRS" "!ARGS:/\\Ajson\\.messages\\.[^.]+\\.content(?:\\.[^.]+\\.text)?\\z/"');
    expect(setup).toBeGreaterThan(0);
    expect(firstRule).toBeGreaterThan(setup);
    expect(crs942).toBeGreaterThan(firstRule);
    expect(exclusion).toBeGreaterThan(crs942);
    expect(rules).toContain('Include /usr/share/modsecurity-crs/rules/REQUEST-901-*.conf');
    expect(rules).toContain('Include /usr/share/modsecurity-crs/rules/REQUEST-949-*.conf');
    expect(rules).not.toContain('REQUEST-933-');
  });

  test('merges a prompt field and its one sub-field into one CRS exclusion (no "|" in variable regexes)', () => {
    const excl = rules.split('\n').filter((l) => l.startsWith('SecRuleUpdateTargetByTag "OWASP_CRS" "!ARGS:/\\Ajson') && !l.includes('url(?:'));
    expect(excl).toContain('SecRuleUpdateTargetByTag "OWASP_CRS" "!ARGS:/\\Ajson\\.prompt(?:\\.[^.]+)?\\z/"');
    expect(excl).toContain('SecRuleUpdateTargetByTag "OWASP_CRS" "!ARGS:/\\Ajson\\.suffix\\z/"');
    expect(excl).toHaveLength(7);
    for (const l of excl) expect(l.slice(l.indexOf('/'))).not.toContain('|');
    const two = rulesOf({ promptFields: ['input', 'input.*', 'input.*.text'] });
    expect(two).toContain('"!ARGS:/\\Ajson\\.input\\z/"');
    expect(two).toContain('"!ARGS:/\\Ajson\\.input\\.[^.]+(?:\\.text)?\\z/"');
  });

  test('URL fields of message content parts are excluded from CRS and judged whole: an http(s) URL or inline base64 media', () => {
    const excl = rules.split('\n').filter((l) => l.startsWith('SecRuleUpdateTargetByTag "OWASP_CRS" "!ARGS:/\\Ajson\\.messages\\.[^.]+\\.content\\.[^.]+\\.'));
    expect(excl).toStrictEqual(['url', 'image_url', 'audio_url', 'video_url', 'file_url']
      .map((f) => `SecRuleUpdateTargetByTag "OWASP_CRS" "!ARGS:/\\Ajson\\.messages\\.[^.]+\\.content\\.[^.]+\\.${f}(?:\\.url)?\\z/"`));
    // A URL field elsewhere (e.g. a top-level "url") keeps CRS.
    expect(rules).not.toContain('"!ARGS:/\\.url\\z/"');
    expect(rules.indexOf(excl[0])).toBeGreaterThan(rules.indexOf('Include /usr/share/modsecurity-crs/rules/REQUEST-949-*.conf'));
    const shape = rules.split('\n\n').find((b) => b.includes('neither an http(s) URL nor an inline base64'))!;
    expect(shape).toContain('"!@rx (?i)\\A(?:https?://');
    expect(shape).toContain(';base64,[a-z0-9+/]*={0,2})\\z"');
    expect(shape).toContain('deny');
    expect(rulesOf({ urlFields: ['picture'] })).toContain('SecRuleUpdateTargetByTag "OWASP_CRS" "!ARGS:/\\Ajson\\.messages\\.[^.]+\\.content\\.[^.]+\\.picture(?:\\.url)?\\z/"');
  });

  test('prompt injection: one @pm gate and one combined regex per class, matched values never logged', () => {
    for (const r of [rules, corazaOf({})]) {
      const blocks = r.split('\n\n').filter((b) => b.includes('setvar:tx.llm_prompt_injection=1'));
      expect(blocks.map((b) => /setvar:tx\.llm_prompt_injection_signature=([a-z-]+)/.exec(b)![1])).toStrictEqual([
        'instruction-override', 'system-prompt-extraction', 'role-marker', 'persona-jailbreak', 'encoded-instruction', 'instruction-override-cyrillic',
      ]);
      for (const b of blocks) {
        expect(b).toContain('nolog');
        expect(b.match(/"@rx /g)!.length).toBeLessThanOrEqual(2);
      }
      const enforce = r.split('\n\n').find((b) => b.startsWith('SecRule TX:llm_prompt_injection "@eq 1"'))!;
      expect(enforce).toContain("logdata:'signature %{tx.llm_prompt_injection_signature} in %{tx.llm_prompt_injection_field} (value masked)'");
      expect(enforce).not.toMatch(/MATCHED_VAR}|%\{TX\.0\}|%\{tx\.0\}/);
    }
  });

  test('detectors: @pm gates (a union pass first on RE2), number shapes only on fields with a digit, no t:lowercase copies of prompts', () => {
    for (const r of [rules, corazaOf({})]) {
      const detectors = r.slice(r.indexOf('# Sensitive data'), r.indexOf('# SSRF'));
      expect(detectors).toContain('SecRule ARGS "@pm akia asia');
      expect(detectors).toContain('SecRule TX:llm_candidate_tokens "@eq 1"');
      // PCRE: a prefilter per prompt-injection signature; RE2 (coraza-proxy-wasm): one union pass of the signatures first.
      if (r === rules) {
        expect(detectors).toContain('SecRule ARGS "@pm ignore disregard');
      } else {
        const union = detectors.split('\n\n').find((b) => b.includes('setvar:tx.llm_candidate_phrases=1'))!;
        expect(union.startsWith('SecRule ARGS "@rx (?:(?i:')).toBe(true);
        expect(union).toContain('ignore|disregard');
      }
      expect(detectors).not.toContain('t:lowercase');
      expect(detectors).toContain('SecRule ARGS "@rx (?i)\\b(?:ssn|social security');
      // A digit anywhere (byte range), then a 6-digit shape: "max_tokens": 256 does not trigger the number signatures.
      expect(detectors).toContain('SecRule ARGS "@validateByteRange 0-47,58-255"');
      // PCRE: the union of the number prefilters; RE2: the union of the number signatures themselves.
      if (r === rules) expect(detectors).toMatch(/SecRule MATCHED_VARS "@rx \(\?:[^"]*\[0-9\]\{4\}\[ -\]\?\[0-9\]\{4\}\|/);
      else expect(detectors).toContain('SecRule MATCHED_VARS "@rx (?:(?i:\\b(?:card|visa');
      expect(detectors).not.toMatch(/\|\[0-9\]\{3\}\|/);
    }
  });

  test('sets the paranoia level for CRS 3 and CRS 4', () => {
    const r = rulesOf({ paranoiaLevel: 3 });
    expect(r).toContain('setvar:tx.paranoia_level=3');
    expect(r).toContain('setvar:tx.blocking_paranoia_level=3');
  });

  test('detection mode', () => {
    expect(rulesOf({ mode: WafMode.DETECT })).toContain('SecRuleEngine DetectionOnly\n');
  });

  test('detectors never log matched values', () => {
    const detect = rules.split('\n\n').filter((b) => b.includes('setvar:tx.llm_jwts=1'));
    expect(detect.length).toBe(1);
    expect(detect[0]).toContain('nolog');
    expect(rules).toContain("logdata:'signature %{tx.llm_jwts_signature} in %{tx.llm_jwts_field} (value masked)'");
    expect(rules).toContain('SecAuditLogParts ABFHZ');
  });

  test('a LOG action passes, OFF removes the class', () => {
    const r = rulesOf({ sensitiveData: { jwts: DetectorAction.LOG, paymentCards: DetectorAction.OFF } });
    const jwt = r.split('\n\n').find((b) => b.startsWith('SecRule TX:llm_jwts "@eq 1"'))!;
    expect(jwt).toContain('pass');
    expect(jwt).not.toContain('deny');
    expect(r).not.toContain('llm_payment_cards');
    const pi = rules.split('\n\n').find((b) => b.startsWith('SecRule TX:llm_prompt_injection "@eq 1"'))!;
    expect(pi).toContain('deny');
  });

  test('model allow-list', () => {
    const r = rulesOf({ allowedModels: ['llama-3.1-8b-instruct', 'bge-small'] });
    expect(r).toContain('SecRule ARGS:json.model "!@rx \\A(?:llama\\-3\\.1\\-8b\\-instruct|bge\\-small)\\z"');
  });

  test('SSRF rules cover metadata in every notation; private ranges optional', () => {
    expect(rules).toContain('169.254.0.0/16');
    expect(rules).toContain('fd00:ec2::254');
    expect(rules).toContain('metadata\\.google\\.internal');
    expect(rules).toContain('10.0.0.0/8');
    const noPrivate = rulesOf({ blockPrivateUrls: false });
    expect(noPrivate).toContain('169.254.0.0/16');
    expect(noPrivate).not.toContain('10.0.0.0/8');
  });

  test('without CRS there is no CRS include or exclusion', () => {
    const r = rulesOf({ crs: false });
    expect(r).not.toContain('Include');
    expect(r).not.toContain('OWASP_CRS');
  });

  test('CRS families are selectable', () => {
    const r = rulesOf({ crsFamilies: [CrsFamily.SQLI] });
    expect(r).toContain('REQUEST-942-*.conf');
    expect(r).not.toContain('REQUEST-941-*.conf');
  });

  test('response inspection is off by default and renders phase 4 rules when on', () => {
    expect(rules).toContain('SecResponseBodyAccess Off');
    const r = rulesOf({ responseInspection: true });
    expect(r).toContain('SecResponseBodyAccess On');
    expect(r).toContain('SecRule RESPONSE_BODY');
    expect(r).toMatch(/TX:llm_response_leak "@eq 1"[^]*?deny/);
  });

  test('defaults to the ingress-nginx CRS location', () => {
    const r = rulesOf({}, { routes: context.routes });
    expect(r).toContain('Include /etc/nginx/owasp-modsecurity-crs/crs-setup.conf');
  });
});

describe('renderCorazaDirectives', () => {
  test('Coraza directives use coraza-proxy-wasm\'s embedded CRS names and no @verifyCC', () => {
    const r = corazaOf({});
    // coraza-proxy-wasm names its CRS setup file @crs-setup-conf; @crs-setup.conf.example is not in its tree.
    expect(r).toContain('Include @crs-setup-conf\n');
    expect(r).not.toContain('@crs-setup.conf.example');
    expect(r).toContain('Include @owasp_crs/REQUEST-942-*.conf');
    expect(r).not.toContain('@verifyCC');
    expect(rulesOf({})).toContain('@verifyCC');
  });
});

describe('renderLlmWafRules', () => {
  test('fails when the context is invalid', () => {
    expect(() => rulesOf({}, { routes: [] })).toThrow(/context.routes is empty/);
  });
});
