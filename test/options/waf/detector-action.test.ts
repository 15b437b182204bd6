import { DetectorAction } from '../../../src/options/waf/detector-action';

test('DetectorAction names', () => {
  expect([DetectorAction.BLOCK, DetectorAction.LOG, DetectorAction.OFF].map((a) => a.name)).toStrictEqual(['BLOCK', 'LOG', 'OFF']);
});
