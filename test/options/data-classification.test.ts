import { DataClassification } from '../../src';

test('DataClassification parses the four levels and refuses others', () => {
  expect(['public', 'internal', 'confidential', 'restricted'].map((v) => DataClassification.of(v).value))
    .toStrictEqual(['public', 'internal', 'confidential', 'restricted']);
  expect(() => DataClassification.of('Secret')).toThrow(/Invalid dataClassification: "Secret"/);
});
