import { SecurityReport } from '../../src';
import { isDay, suppressionState, validateSuppressions } from '../../src/checks/suppression-judgement';

const ids = ['SAI-NET-1'];
const ok = { ruleId: 'SAI-NET-1', reason: 'migration', expires: '2027-01-31' };

test('a suppression names a known rule, gives a reason, a real day and an object as findings name it', () => {
  expect(() => validateSuppressions([ok], ids)).not.toThrow();
  expect(() => validateSuppressions([{ ...ok, ruleId: 'SAI-NET-9' }], ids)).toThrow('Invalid suppressions[0].ruleId: "SAI-NET-9". Name one of the rule pack\'s rules: SAI-NET-1.');
  expect(() => validateSuppressions([{ ...ok, reason: ' ' }], ids)).toThrow('Invalid suppressions[0].reason: " ". Say why the finding is accepted');
  expect(() => validateSuppressions([ok, { ...ok, expires: '2027-02-30' }], ids)).toThrow('Invalid suppressions[1].expires: "2027-02-30". Give the last day the suppression holds as YYYY-MM-DD');
  expect(() => validateSuppressions([{ ...ok, expires: undefined as any }], ids)).toThrow('Invalid suppressions[0].expires: undefined.');
  expect(() => validateSuppressions([{ ...ok, object: 'debug' }], ids)).toThrow('Invalid suppressions[0].object: "debug". Name the object as findings do: Kind/namespace/name');
});

test('the report validates suppressions and the day it judges on before any finding', () => {
  expect(() => SecurityReport.fromManifests([], { suppressions: [{ ...ok, ruleId: 'nope' }] })).toThrow(/Invalid suppressions\[0\]\.ruleId: "nope"/);
  expect(() => SecurityReport.fromManifests([], { asOf: '31/01/2027' })).toThrow('Invalid asOf: "31/01/2027". Give the day suppressions are judged on as YYYY-MM-DD');
});

test('a suppression holds through its expiry day and expires the day after', () => {
  expect(suppressionState(ok, '2027-01-31')).toBe('active');
  expect(suppressionState(ok, '2027-02-01')).toBe('expired');
  expect(isDay('2028-02-29')).toBe(true);
  expect(isDay('2027-02-29')).toBe(false);
});
