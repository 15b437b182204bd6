import { wafProfileModel } from '../../../src/model/waf-profile-model';
import { CrsFamily } from '../../../src/options/waf/crs-family';
import { InferenceApiSchema } from '../../../src/options/waf/inference-api-schema';
import { LlmWafProfile } from '../../../src/options/waf/llm-waf-profile';
import { LlmWafProfileProps } from '../../../src/options/waf/llm-waf-profile-props';
import { WafRoute } from '../../../src/options/waf/waf-render-context';
import { schemaArgumentPaths, schemaKeyRegex, schemaOperations, schemaRules } from '../../../src/render/waf/schema-rules';

const CHAT: WafRoute = { path: '/v1/chat/completions', pathMatch: 'Exact', methods: ['POST'] };
const GENERATE: WafRoute = { path: '/generate', pathMatch: 'Exact', methods: ['POST'] };
const CUSTOM: WafRoute = { path: '/predict', pathMatch: 'Exact', methods: ['POST'] };

function render(props: LlmWafProfileProps, routes: WafRoute[] = [CHAT]): string {
  return schemaRules(wafProfileModel(new LlmWafProfile(props)), { routes }).join('\n');
}

describe('schemaRules', () => {
  test('a refused request is logged by the name of its field, never by a value or the query string', () => {
    const rules = schemaRules(wafProfileModel(new LlmWafProfile({})),
      { routes: [CHAT, GENERATE, { path: '/v2/models/m1/infer', pathMatch: 'Exact', methods: ['POST'] }] });
    // Rules over ARGS_NAMES may log what they matched (a key); every other rule logs names only.
    const valueRules = rules.filter((r) => r.includes('logdata:') && !/SecRule ARGS_NAMES /.test(r));
    expect(valueRules.length).toBeGreaterThan(5);
    for (const r of valueRules) expect(r).toContain("logdata:'%{MATCHED_VAR_NAME}'");
    expect(rules.join('\n')).not.toContain('%{QUERY_STRING}');
  });

  test('nothing on routes of no known API: the CRS stays there', () => {
    expect(render({}, [CUSTOM])).toBe('');
    expect(render({ apiSchemas: [] }, [CHAT])).toBe('');
  });

  test('only the operations of the context\'s routes', () => {
    const m = wafProfileModel(new LlmWafProfile());
    expect(schemaOperations(m, { routes: [CHAT, CUSTOM] }).map((f) => f.op.name)).toStrictEqual(['vllm_chat']);
    expect(schemaOperations(m, { routes: [GENERATE, { path: '/v2/models/m1/infer', pathMatch: 'Exact', methods: ['POST'] }] }).map((f) => f.op.name))
      .toStrictEqual(['tgi_generate', 'kserve_v2_infer']);
    const tgiOnly = wafProfileModel(new LlmWafProfile({ apiSchemas: [InferenceApiSchema.TGI_3] }));
    expect(schemaOperations(tgiOnly, { routes: [CHAT, GENERATE] }).map((f) => f.op.name))
      .toStrictEqual(['tgi_generate']);
  });

  test('the operation is found in phase 1 and the CRS is switched off on its route', () => {
    const text = render({});
    expect(text).toContain('SecRule REQUEST_FILENAME "@rx \\A/v1/chat/completions\\z"');
    expect(text).toContain('setvar:tx.llm_schema=vllm_chat,\\\n  ctl:ruleRemoveByTag=OWASP_CRS"');
  });

  test('named CRS families keep running on schema routes; all of them with crsOnSchemaRoutes', () => {
    const subset = render({ schemaRouteCrsFamilies: [CrsFamily.PROTOCOL_ATTACK, CrsFamily.JAVA] });
    expect(subset).not.toContain('ctl:ruleRemoveByTag=OWASP_CRS');
    expect(subset).toContain('ctl:ruleRemoveById=930000-930999');
    expect(subset).toContain('ctl:ruleRemoveById=942000-942999');
    expect(subset).not.toContain('ctl:ruleRemoveById=921000-921999');
    expect(subset).not.toContain('ctl:ruleRemoveById=944000-944999');
    const all = render({ crsOnSchemaRoutes: true });
    expect(all).not.toContain('ctl:ruleRemove');
    expect(all).toContain('setvar:tx.llm_schema=vllm_chat"');
    expect(render({ crs: false })).not.toContain('ctl:');
  });

  test('unknown keys are refused by one allow-list over the argument names of both engines', () => {
    const text = render({});
    expect(text).toContain('SecRule TX:llm_schema "@streq vllm_chat"');
    expect(text).toMatch(/SecRule ARGS_NAMES "!@rx \\Ajson\\\.\(\?:messages\|messages\\\.\(\?:array_\)\?\[0-9\]\+\\\.role\|/);
    // The engines' \A and \z are JavaScript's ^ and $ without the m flag: the whole name, not one of its lines.
    const allow = new RegExp(`^${/SecRule ARGS_NAMES "!@rx \\A(json.*)\\z"/.exec(text)![1]}$`);
    for (const name of ['json.messages', 'json.messages.array_0.role', 'json.messages.0.role', 'json.messages.1.content.0.image_url.url',
      'json.tools.array_0.function.parameters.properties.city.type', 'json.logit_bias.50256', 'json.stop', 'json.stop.1']) {
      expect(allow.test(name)).toBe(true);
    }
    for (const name of ['json.chat_template', 'json.debug', 'json.messages.0.secret', 'json', 'json.messages.x.role', 'debug', 'json.stop\nsecret']) {
      expect(allow.test(name)).toBe(false);
    }
  });

  test('allowUnknownFieldsInsecure drops the allow-list, never the refusal of templates', () => {
    const text = render({ allowUnknownFieldsInsecure: true });
    expect(text).not.toContain('@streq vllm_chat');
    expect(text).toContain('SecRule ARGS_NAMES "@rx ^json\\.(?:chat_template|chat_template_kwargs|logits_processors|prompt_embeds|mm_processor_kwargs|kv_transfer_params|vllm_xargs)(?:\\.|$)"');
  });

  test('types, enumerations, identifiers and caps, gated by the schema\'s operations', () => {
    const text = render({});
    // One schema on the endpoint: every schema route is one of its operations, so the gate is a count.
    expect(text).not.toContain('SecRule TX:llm_schema "@rx');
    expect(text).toMatch(/SecRule &TX:llm_schema "@eq 1" \\\n {2}"id:736[0-9]{2},\\\n {2}phase:2,\\\n {2}t:none,\\\n {2}deny,\\\n {2}status:400,\\\n {2}log,\\\n {2}tag:cdk8s-secure-ai\/llm-waf,\\\n {2}msg:'LLM WAF: temperature, /);
    // Two schemas (vLLM and TGI routes): each value rule is gated by its schema's operations.
    const two = render({}, [CHAT, GENERATE]);
    expect(two).toContain('SecRule TX:llm_schema "@rx ^(?:vllm_chat)$"');
    expect(two).toMatch(/SecRule TX:llm_schema "@rx \^\(\?:tgi_[a-z_|]+\)\$"/);
    expect(text).toMatch(/ARGS:json\.temperature\|ARGS:json\.top_p\|.* "!@rx \\A\(\?:-\?\[0-9\]/);
    expect(text).toContain('ARGS:/\\Ajson\\.messages\\.(?:array_)?[0-9]+\\.role\\z/ "!@rx \\A(?:system|developer|user|assistant|tool|function|null)?\\z"');
    expect(text).toContain('SecRule ARGS:json.model "!@rx \\A[A-Za-z0-9._:@/+=-]{0,256}\\z"');
    expect(text).toContain('SecRule ARGS:json.top_logprobs|ARGS:json.prompt_logprobs "@gt 20"');
    expect(text).toContain('SecRule ARGS:json.top_k|ARGS:json.truncate_prompt_tokens "!@rx \\A(?:-1|[0-9]{1,10}|null)?\\z"');
  });

  test('TGI\'s nested token caps follow the profile\'s cost-field caps', () => {
    const text = render({ costFieldCaps: [{ field: 'max_new_tokens', max: 512 }] }, [GENERATE]);
    expect(text).toContain('SecRule ARGS:json.parameters.max_new_tokens "@gt 512"');
    expect(text).toContain('SecRule ARGS:json.parameters.best_of "!@rx \\A(?:[0-9]{1,10}|null)?\\z"');
    expect(text).not.toContain('ARGS:json.parameters.best_of "@gt');
  });

  test('guided-decoding patterns are capped in length', () => {
    const text = render({ maxGuidedPatternLength: 1000 });
    expect(text).toContain('ARGS:json.guided_regex|ARGS:json.guided_grammar|ARGS:json.guided_json|');
    expect(text).toContain('|ARGS:json.parameters.grammar.value "@gt 1000"');
    expect(text).toContain('t:length');
  });

  test('a query string is refused on schema routes', () => {
    expect(render({})).toContain('SecRule &ARGS_GET "@gt 0"');
  });
});

describe('schemaKeyRegex and schemaArgumentPaths', () => {
  test('array indexes of both engines, free sub-trees, array paths', () => {
    expect(schemaKeyRegex('messages.*.role')).toBe('messages\\.(?:array_)?[0-9]+\\.role');
    expect(schemaKeyRegex('logit_bias.**')).toBe('logit_bias(?:\\..+)?');
    expect(schemaArgumentPaths(['messages.*.content.*.type', 'messages.*.role', 'prompt.*.*']))
      .toStrictEqual(['messages', 'messages.*.content', 'messages.*.content.*.type', 'messages.*.role', 'prompt', 'prompt.*', 'prompt.*.*']);
  });
});
