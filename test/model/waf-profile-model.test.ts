import { wafProfileModel } from '../../src/model/waf-profile-model';
import { CrsFamily } from '../../src/options/waf/crs-family';
import { DetectorAction } from '../../src/options/waf/detector-action';
import { InferenceApiSchema } from '../../src/options/waf/inference-api-schema';
import { LlmWafProfile } from '../../src/options/waf/llm-waf-profile';
import { WafMode } from '../../src/options/waf/waf-mode';

describe('wafProfileModel', () => {
  test('the default profile as plain data', () => {
    const m = wafProfileModel(new LlmWafProfile());
    expect(m.mode).toBe(WafMode.BLOCK);
    expect(m.mode.secRuleEngine).toBe('On');
    expect(m.crs).toBe(true);
    expect(m.crsFamilies).toStrictEqual(CrsFamily.defaults().map((f) => ({ number: f.number, name: f.name })));
    expect(m.allowedContentTypes).toStrictEqual(['application/json']);
    expect(m.maxRequestBodyKiB).toBe(10240);
    expect(m.allowedModels).toBeUndefined();
    expect(m.responseInspection).toBeUndefined();
    expect(m.detectors.map((d) => d.key)).toStrictEqual([
      'cloud_credentials', 'vcs_credentials', 'private_keys', 'chat_tokens', 'payment_tokens',
      'jwts', 'payment_cards', 'national_ids', 'prompt_injection',
    ]);
    expect(m.detectors.every((d) => d.action === DetectorAction.BLOCK)).toBe(true);
  });

  test('the body limit: the profile\'s own, else the endpoint\'s, else 10 MiB rendered alone', () => {
    expect(wafProfileModel(new LlmWafProfile()).maxRequestBodyKiB).toBe(10240);
    expect(wafProfileModel(new LlmWafProfile(), 65536).maxRequestBodyKiB).toBe(65536);
    expect(wafProfileModel(new LlmWafProfile({ maxRequestBodyKiB: 2048 })).maxRequestBodyKiB).toBe(2048);
    expect(wafProfileModel(new LlmWafProfile({ maxRequestBodyKiB: 2048 }), 2048).maxRequestBodyKiB).toBe(2048);
  });

  test('detect mode, LOG and OFF detectors, response inspection', () => {
    const m = wafProfileModel(new LlmWafProfile({
      mode: WafMode.DETECT,
      sensitiveData: { jwts: DetectorAction.LOG, paymentCards: DetectorAction.OFF },
      promptInjection: DetectorAction.OFF,
      responseInspection: true,
      responseInspectionAction: DetectorAction.LOG,
    }));
    expect(m.mode).toBe(WafMode.DETECT);
    expect(m.mode.secRuleEngine).toBe('DetectionOnly');
    expect(m.detectors.find((d) => d.key === 'jwts')?.action).toBe(DetectorAction.LOG);
    expect(m.detectors.map((d) => d.key)).not.toContain('payment_cards');
    expect(m.detectors.map((d) => d.key)).not.toContain('prompt_injection');
    expect(m.responseInspection).toStrictEqual({ action: DetectorAction.LOG });
  });

  test('the model holds no reference to the profile\'s lists', () => {
    const p = new LlmWafProfile({ allowedModels: ['a'] });
    const m = wafProfileModel(p);
    expect(m.promptFields).not.toBe(p.promptFields);
    expect(m.allowedModels).toStrictEqual(['a']);
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });
});

describe('wafProfileModel request schemas', () => {
  test('schemas as plain data; the CRS families of schema routes', () => {
    const m = wafProfileModel(new LlmWafProfile({
      apiSchemas: [InferenceApiSchema.TGI_3], schemaRouteCrsFamilies: [CrsFamily.JAVA], maxGuidedPatternLength: 100,
    }));
    expect(m.apiSchemas.map((a) => a.name)).toStrictEqual(['tgi-3']);
    expect(m.apiSchemas[0].operations.map((o) => o.name)).toStrictEqual(['tgi_generate']);
    expect(m.schemaRouteCrsFamilies).toStrictEqual([944]);
    expect(m.allowUnknownFields).toBe(false);
    expect(m.maxGuidedPatternLength).toBe(100);
    expect(wafProfileModel(new LlmWafProfile({ crsOnSchemaRoutes: true })).schemaRouteCrsFamilies)
      .toStrictEqual(CrsFamily.defaults().map((f) => f.number));
    expect(wafProfileModel(new LlmWafProfile({ allowUnknownFieldsInsecure: true })).allowUnknownFields).toBe(true);
  });
});
