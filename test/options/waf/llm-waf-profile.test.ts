import { CrsFamily } from '../../../src/options/waf/crs-family';
import { DetectorAction } from '../../../src/options/waf/detector-action';
import { InferenceApiSchema } from '../../../src/options/waf/inference-api-schema';
import { LlmWafProfile } from '../../../src/options/waf/llm-waf-profile';
import { WafMode } from '../../../src/options/waf/waf-mode';

describe('LlmWafProfile', () => {
  test('secure defaults', () => {
    const p = new LlmWafProfile();
    expect(p.mode).toBe(WafMode.BLOCK);
    expect(p.paranoiaLevel).toBe(1);
    expect(p.crs).toBe(true);
    expect(p.crsFamilies).toStrictEqual(CrsFamily.defaults());
    expect(p.promptFields).toContain('messages.*.content');
    // Unset: the endpoint's body limit, or 10 MiB rendered alone (the policy model decides).
    expect(p._settings.maxRequestBodyKiB).toBeUndefined();
    expect(p._settings.blockPrivateUrls).toBe(true);
    expect(p._settings.responseInspection).toBe(false);
    expect(p._settings.sensitiveData.jwts).toBe(DetectorAction.BLOCK);
    expect(p._settings.promptInjection).toBe(DetectorAction.BLOCK);
  });

  test('normalises content types and keeps its own copies of the lists', () => {
    const promptFields = ['prompt'];
    const costFieldCaps = [{ field: 'max_tokens', max: 10 }];
    const p = new LlmWafProfile({ allowedContentTypes: [' Application/JSON '], promptFields, costFieldCaps });
    promptFields.push('input');
    costFieldCaps.push({ field: 'n', max: 1 });
    expect(p._settings.allowedContentTypes).toStrictEqual(['application/json']);
    expect(p.promptFields).toStrictEqual(['prompt']);
    expect(p._settings.costFieldCaps).toStrictEqual([{ field: 'max_tokens', max: 10 }]);
    expect(Object.isFrozen(p._settings)).toBe(true);
  });

  test('keeps a body limit that is set', () => {
    expect(new LlmWafProfile({ maxRequestBodyKiB: 20480 })._settings.maxRequestBodyKiB).toBe(20480);
  });

  test('a profile does not share its default lists with another', () => {
    const a = new LlmWafProfile();
    a.promptFields.push('extra');
    expect(new LlmWafProfile().promptFields).not.toContain('extra');
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
});

describe('LlmWafProfile request schemas', () => {
  test('defaults: every known schema, unknown fields refused, no CRS on schema routes, patterns of 4096 characters', () => {
    const s = new LlmWafProfile()._settings;
    expect(s.apiSchemas).toStrictEqual(InferenceApiSchema.all());
    expect(s.allowUnknownFieldsInsecure).toBe(false);
    expect(s.crsOnSchemaRoutes).toBe(false);
    expect(s.schemaRouteCrsFamilies).toStrictEqual([]);
    expect(s.maxGuidedPatternLength).toBe(4096);
  });

  test('a schema listed twice', () => {
    expect(() => new LlmWafProfile({ apiSchemas: [InferenceApiSchema.TGI_3, InferenceApiSchema.TGI_3] }))
      .toThrow('Invalid apiSchemas[1]: InferenceApiSchema.TGI_3. The schema is listed twice');
  });

  test('a value that is not a schema', () => {
    expect(() => new LlmWafProfile({ apiSchemas: [{ name: 'mine' } as any] }))
      .toThrow('Invalid apiSchemas[0]: { name: "mine" }. Use a member of InferenceApiSchema');
  });

  test('schema-route CRS families must be families the profile includes, with the CRS on', () => {
    expect(() => new LlmWafProfile({ crsFamilies: [CrsFamily.SQLI], schemaRouteCrsFamilies: [CrsFamily.JAVA] }))
      .toThrow('Invalid schemaRouteCrsFamilies[0]: CrsFamily.JAVA. Only families the profile includes can run on schema routes; add it to crsFamilies (now 942)');
    expect(() => new LlmWafProfile({ crs: false, schemaRouteCrsFamilies: [CrsFamily.JAVA] }))
      .toThrow('Invalid schemaRouteCrsFamilies[0]: CrsFamily.JAVA. The CRS is off');
    expect(() => new LlmWafProfile({ crs: false, crsOnSchemaRoutes: true }))
      .toThrow('Invalid crsOnSchemaRoutes: true. The CRS is off');
  });

  test('maxGuidedPatternLength must be a whole number of characters', () => {
    expect(() => new LlmWafProfile({ maxGuidedPatternLength: 0 })).toThrow('Invalid maxGuidedPatternLength: 0. Use a whole number of characters from 1 to 1048576');
    expect(() => new LlmWafProfile({ maxGuidedPatternLength: 2.5 })).toThrow('Invalid maxGuidedPatternLength: 2.5.');
  });
});
