import { comment } from './seclang';
import { WafProfileModel } from '../../model/waf-profile-model';

/**
 * Engine directives: rule engine mode, request body access and limits, response body access,
 * and an audit log that never carries bodies.
 * @internal
 */
export function engineSettings(model: WafProfileModel): string {
  const bodyBytes = model.maxRequestBodyKiB * 1024;
  const lines = [
    `SecRuleEngine ${model.mode.secRuleEngine}`,
    'SecRequestBodyAccess On',
    `SecRequestBodyLimit ${bodyBytes}`,
    `SecRequestBodyNoFilesLimit ${bodyBytes}`,
    'SecRequestBodyLimitAction Reject',
    `SecResponseBodyAccess ${model.responseInspection ? 'On' : 'Off'}`,
  ];
  if (model.responseInspection) {
    lines.push('SecResponseBodyMimeType application/json', 'SecResponseBodyLimit 1048576', 'SecResponseBodyLimitAction ProcessPartial');
  }
  lines.push(
    comment('Audit log without request or response bodies: matched values never reach the log (detectors log masked hints).'),
    'SecAuditEngine RelevantOnly',
    'SecAuditLogParts ABFHZ',
  );
  return lines.join('\n');
}
