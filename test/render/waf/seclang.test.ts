import { actionText, argsNamed, comment, escapeRegex, secAction, secRule, wholeValueRegex } from '../../../src/render/waf/seclang';

describe('seclang', () => {
  test('escapeRegex escapes metacharacters and quotes', () => {
    expect(escapeRegex('/v1/a.b+c')).toBe('\\/v1\\/a\\.b\\+c');
    expect(escapeRegex('a"b')).toBe('a\\x22b');
  });

  test('actionText drops quotes and newlines', () => {
    expect(actionText("it's \"x\"\nnext")).toBe('its x next');
  });

  test('secRule renders a chain as separate directives', () => {
    expect(secRule({
      variables: 'TX:a',
      operator: '@eq 1',
      actions: ['id:1', 'phase:1', 'deny'],
      chain: [{ variables: 'REQUEST_METHOD', operator: '!@within GET', actions: [] }],
    })).toBe('SecRule TX:a "@eq 1" \\\n  "id:1,\\\n  phase:1,\\\n  deny,\\\n  chain"\n  SecRule REQUEST_METHOD "!@within GET"');
  });

  test('secRule escapes double quotes in operators', () => {
    expect(secRule({ variables: 'ARGS', operator: '@rx "', actions: ['id:1'] })).toContain('"@rx \\""');
  });

  test('fails when an operator spans lines', () => {
    expect(() => secRule({ variables: 'ARGS', operator: '@rx a\nb', actions: [] })).toThrow(/must be one line/);
  });

  test('secAction and comment', () => {
    expect(secAction(['id:1', 'pass'])).toBe('SecAction \\\n  "id:1,\\\n  pass"');
    expect(comment('a\n\nb')).toBe('# a\n#\n# b');
  });
});

describe('wholeValueRegex', () => {
  test('anchors a ^...$ regex at the ends of the whole value, which multi-line @rx does not', () => {
    expect(wholeValueRegex('^/v1/chat/completions$')).toBe('\\A/v1/chat/completions\\z');
    expect(wholeValueRegex('^/generate(?:_stream)?$')).toBe('\\A/generate(?:_stream)?\\z');
  });

  test('refuses a regex that is not anchored at both ends, naming it', () => {
    expect(() => wholeValueRegex('/v1/models$')).toThrow('wholeValueRegex: "/v1/models$" is not anchored as ^...$');
    expect(() => wholeValueRegex('^/v1/models')).toThrow(/is not anchored/);
    expect(() => wholeValueRegex('^/cost\\$')).toThrow(/is not anchored/);
  });
});

describe('argsNamed', () => {
  test('selects arguments by their whole name (\\A...\\z: the engines read a selector\'s ^...$ multi-line)', () => {
    expect(argsNamed('json\\.prompt(?:\\.[^.]+)?')).toBe('ARGS:/\\Ajson\\.prompt(?:\\.[^.]+)?\\z/');
  });

  test('selects by the end of the name only when asked', () => {
    expect(argsNamed('\\.image_url', true)).toBe('ARGS:/\\.image_url\\z/');
  });

  test('refuses a "|" (ModSecurity\'s parser refuses it in a variable regex), naming the regex', () => {
    expect(() => argsNamed('json\\.(?:prompt|input)')).toThrow('argsNamed: "json\\\\.(?:prompt|input)" has a "|"');
  });
});
