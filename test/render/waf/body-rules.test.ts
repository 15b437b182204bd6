import { wafProfileModel } from '../../../src/model/waf-profile-model';
import { RouteContentType } from '../../../src/options/route-content-type';
import { LlmWafProfile } from '../../../src/options/waf/llm-waf-profile';
import { WafRoute } from '../../../src/options/waf/waf-render-context';
import { bodyRules } from '../../../src/render/waf/body-rules';

const PROFILE = wafProfileModel(new LlmWafProfile());
const CHAT: WafRoute = { path: '/v1/chat/completions', pathMatch: 'Exact', methods: ['POST'] };
const AUDIO: WafRoute = { path: '/v1/audio/transcriptions', pathMatch: 'Exact', methods: ['POST'], contentTypes: [RouteContentType.MULTIPART_FORM_DATA] };
const MULTIPART_TYPE = 'SecRule REQUEST_HEADERS:Content-Type "@rx ^multipart/form-data[ \\t]*;[ \\t]*boundary=[0-9a-z\'()+_,./:=?-]{1,70}$"';

describe('bodyRules', () => {
  test('a JSON API: JSON content types everywhere, nothing of multipart', () => {
    const text = bodyRules(PROFILE, { routes: [CHAT] }).join('\n');
    expect(text).toMatch(/SecRule REQUEST_HEADERS:Content-Type "@rx \^\(\?:application\\\/json\)[^"]*" \\\n(?:  [^\n]*\n)*  setvar:tx\.llm_content_type_ok=1"/);
    expect(text).not.toMatch(/multipart|MULTIPART|llm_route_json/);
  });

  test('routes that take multipart: JSON only where a route takes it, multipart only where a route takes it', () => {
    const text = bodyRules(PROFILE, { routes: [CHAT, AUDIO] }).join('\n');
    // JSON: accepted when the route takes JSON.
    expect(text).toMatch(/SecRule REQUEST_HEADERS:Content-Type "@rx \^\(\?:application\\\/json\)[^"]*" \\\n(?:  [^\n]*\n)*  chain"\n  SecRule TX:llm_route_json "@eq 1" \\\n    "setvar:tx\.llm_content_type_ok=1"/);
    // multipart/form-data with its boundary: accepted when the route takes it; the raw body is not scanned by CRS.
    const start = text.indexOf(MULTIPART_TYPE);
    expect(start).toBeGreaterThan(0);
    const rule = text.slice(start, text.indexOf('\nSecRule', start + 1));
    expect(rule).toContain('ctl:ruleRemoveTargetByTag=OWASP_CRS;REQUEST_BODY');
    expect(rule).toContain('SecRule TX:llm_route_multipart "@eq 1" \\\n    "setvar:tx.llm_content_type_ok=1"');
    // Both before the refusal of any other content type.
    expect(start).toBeLessThan(text.indexOf('status:415'));
  });

  test('multipart bodies are strictly validated, in phase 2', () => {
    const text = bodyRules(PROFILE, { routes: [CHAT, AUDIO] }).join('\n');
    expect(text).toMatch(/SecRule MULTIPART_STRICT_ERROR "!@eq 0" \\\n  "id:731\d\d,\\\n  phase:2,\\\n  t:none,\\\n  deny,\\\n  status:400,/);
    expect(text).toMatch(/SecRule MULTIPART_UNMATCHED_BOUNDARY "@eq 1" \\\n  "id:731\d\d,\\\n  phase:2,\\\n  t:none,\\\n  deny,\\\n  status:400,/);
  });

  test('without CRS, no CRS target is removed for multipart bodies', () => {
    const text = bodyRules(wafProfileModel(new LlmWafProfile({ crs: false })), { routes: [CHAT, AUDIO] }).join('\n');
    expect(text).toContain(MULTIPART_TYPE);
    expect(text).not.toContain('OWASP_CRS');
  });
});
