import { AdmissionAction } from '../../src';

test('AdmissionAction maps to validationActions; only DENY enforces', () => {
  expect(AdmissionAction.DENY.validationActions).toStrictEqual(['Deny', 'Audit']);
  expect(AdmissionAction.WARN.validationActions).toStrictEqual(['Warn', 'Audit']);
  expect(AdmissionAction.AUDIT.validationActions).toStrictEqual(['Audit']);
  expect([AdmissionAction.DENY.enforces, AdmissionAction.WARN.enforces, AdmissionAction.AUDIT.enforces]).toStrictEqual([true, false, false]);
});
