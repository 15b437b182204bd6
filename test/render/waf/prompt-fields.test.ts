import { promptFieldGroups, promptFieldRegex } from '../../../src/render/waf/prompt-fields';

describe('prompt fields', () => {
  test('a path becomes a regex over argument names, "*" any one segment', () => {
    expect(promptFieldRegex('messages.*.content')).toBe('messages\\.[^.]+\\.content');
  });

  test('a path and its one sub-path share a regex; two sub-paths do not', () => {
    expect(promptFieldGroups(['prompt', 'prompt.*'])).toStrictEqual(['prompt(?:\\.[^.]+)?']);
    expect(promptFieldGroups(['input', 'input.*', 'input.*.text'])).toStrictEqual(['input', 'input\\.[^.]+(?:\\.text)?']);
  });
});
