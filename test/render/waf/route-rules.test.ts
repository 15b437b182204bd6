import { RouteContentType } from '../../../src/options/route-content-type';
import { WafRoute } from '../../../src/options/waf/waf-render-context';
import { routeRules } from '../../../src/render/waf/route-rules';

const CHAT: WafRoute = { path: '/v1/chat/completions', pathMatch: 'Exact', methods: ['POST'] };
const AUDIO: WafRoute = { path: '/v1/audio/transcriptions', pathMatch: 'Exact', methods: ['POST'], contentTypes: [RouteContentType.MULTIPART_FORM_DATA] };

/** The actions of the rule that recognises `path`. */
function routeRule(text: string, path: string): string {
  const escaped = path.replace(/\//g, '\\/');
  const m = new RegExp(`SecRule REQUEST_FILENAME "@rx \\\\A${escaped.replace(/\\/g, '\\\\')}\\\\z" \\\\\\n  "([^"]*)"`).exec(text);
  if (!m) throw new Error(`no rule for ${path}`);
  return m[1];
}

describe('routeRules', () => {
  test('when every route takes JSON, routes set no body flags', () => {
    const text = routeRules({ routes: [CHAT] }).join('\n');
    expect(routeRule(text, '/v1/chat/completions')).not.toContain('llm_route_json');
    expect(text).not.toContain('llm_route_multipart');
  });

  test('when routes differ, each route says which bodies it takes', () => {
    const text = routeRules({ routes: [CHAT, AUDIO, { ...CHAT, path: '/upload', contentTypes: [RouteContentType.JSON, RouteContentType.MULTIPART_FORM_DATA] }] }).join('\n');
    const chat = routeRule(text, '/v1/chat/completions');
    expect(chat).toContain('setvar:tx.llm_route_json=1');
    expect(chat).not.toContain('llm_route_multipart');
    const audio = routeRule(text, '/v1/audio/transcriptions');
    expect(audio).toContain('setvar:tx.llm_route_multipart=1');
    expect(audio).not.toContain('llm_route_json');
    expect(routeRule(text, '/upload')).toMatch(/setvar:tx\.llm_route_json=1,\\\n  setvar:tx\.llm_route_multipart=1/);
  });
});
