import { celList, celString } from '../../src/model/admission-policy-model';

test('CEL string literals escape quotes and backslashes', () => {
  expect(celString("a'b\\c")).toBe("'a\\'b\\\\c'");
  expect(celList(['x/', 'y/'])).toBe("['x/', 'y/']");
});
