/**
 * The JSON access-log fields the endpoint relies on, as nginx variables. The query string and
 * credentials (`Authorization`, API-key and cookie headers) are never logged: `$uri` is the path
 * without the query.
 * @internal
 */
export const ACCESS_LOG_FIELDS: [string, string][] = [
  ['time', '$time_iso8601'],
  ['request_id', '$request_id'],
  ['client_address', '$remote_addr'],
  ['host', '$host'],
  ['method', '$request_method'],
  ['path', '$uri'],
  ['status', '$status'],
  ['request_length', '$request_length'],
  ['bytes_sent', '$bytes_sent'],
  ['request_time', '$request_time'],
  ['upstream_address', '$upstream_addr'],
  ['upstream_status', '$upstream_status'],
  ['upstream_latency', '$upstream_response_time'],
  ['user_agent', '$http_user_agent'],
];

/** A one-line JSON log format for nginx's `log_format ... escape=json`. @internal */
export function jsonAccessLogFormat(fields: [string, string][] = ACCESS_LOG_FIELDS): string {
  return `{${fields.map(([k, v]) => `"${k}":"${v}"`).join(',')}}`;
}

/** TLS ciphers for TLS 1.2 (TLS 1.3 suites are not configurable in nginx and are all strong). @internal */
export const TLS12_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');
