import { wafProfileModel } from '../../../src/model/waf-profile-model';
import { RouteContentType } from '../../../src/options/route-content-type';
import { LlmWafProfile } from '../../../src/options/waf/llm-waf-profile';
import { WafRoute } from '../../../src/options/waf/waf-render-context';
import { costRules } from '../../../src/render/waf/cost-rules';

const CHAT: WafRoute = { path: '/v1/chat/completions', pathMatch: 'Exact', methods: ['POST'] };
const AUDIO: WafRoute = { path: '/v1/audio/transcriptions', pathMatch: 'Exact', methods: ['POST'], contentTypes: [RouteContentType.MULTIPART_FORM_DATA] };

describe('costRules', () => {
  test('caps cost fields of JSON bodies', () => {
    const text = costRules(wafProfileModel(new LlmWafProfile()), { routes: [CHAT] }).join('\n');
    expect(text).toContain('SecRule ARGS:json.max_tokens "@gt 8192"');
    expect(text).not.toContain('ARGS:json.model');
  });

  test('the model allow-list covers the model field of multipart forms when a route takes them', () => {
    const profile = wafProfileModel(new LlmWafProfile({ allowedModels: ['whisper-large-v3'] }));
    expect(costRules(profile, { routes: [CHAT] }).join('\n')).toContain('SecRule ARGS:json.model "!@rx \\A(?:whisper\\-large\\-v3)\\z"');
    expect(costRules(profile, { routes: [CHAT, AUDIO] }).join('\n')).toContain('SecRule ARGS:json.model|ARGS_POST:model "!@rx \\A(?:whisper\\-large\\-v3)\\z"');
  });
});
