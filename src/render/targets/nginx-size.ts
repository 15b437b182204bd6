/**
 * A size in KiB as nginx writes it (`client_max_body_size`, ingress-nginx's `proxy-body-size`,
 * F5 NGINX's `client-max-body-size`): whole MiB as `<n>m`, anything else as `<n>k`, so the
 * controller enforces exactly the byte count the WAF does.
 * @internal
 */
export function nginxSize(kib: number): string {
  if (!Number.isInteger(kib) || kib < 1) throw new Error(`nginxSize: ${kib} is not a positive whole number of KiB`);
  return kib % 1024 === 0 ? `${kib / 1024}m` : `${kib}k`;
}
