import { CLOUD_METADATA_CIDRS } from '../../../../src/facts/cloud-metadata-endpoints';
import { cidrContains, parseCidr } from '../../../../src/options/cidr';
import {
  CANONICAL_IPV4_REGEX, EMBEDDED_IPV4_IN_IPV6_REGEX, EMBEDDED_METADATA_IP_REGEX, METADATA_CIDRS, METADATA_HOSTNAME_REGEX, NUMERIC_HOST_REGEX,
  URL_FIELD_SHAPE_REGEX,
} from '../../../../src/render/waf/detectors/ssrf';


describe('SSRF host patterns', () => {
  test('metadata host names', () => {
    expect(new RegExp(METADATA_HOSTNAME_REGEX).test('metadata.google.internal')).toBe(true);
    expect(new RegExp(METADATA_HOSTNAME_REGEX).test('metadata.google.internal.')).toBe(true);
    expect(new RegExp(METADATA_HOSTNAME_REGEX).test('images.example.com')).toBe(false);
  });
  test('non-canonical numeric notations are numeric but not canonical', () => {
    for (const h of ['2852039166', '0xa9fea9fe', '0251.0376.0251.0376', '169.254.43518']) {
      expect(new RegExp(NUMERIC_HOST_REGEX).test(h)).toBe(true);
      expect(new RegExp(CANONICAL_IPV4_REGEX).test(h)).toBe(false);
    }
    expect(new RegExp(CANONICAL_IPV4_REGEX).test('93.184.216.34')).toBe(true);
  });
  test('wildcard DNS and IPv6 forms embedding the metadata address', () => {
    expect(new RegExp(EMBEDDED_METADATA_IP_REGEX).test('169.254.169.254.nip.io')).toBe(true);
    expect(new RegExp(EMBEDDED_METADATA_IP_REGEX).test('a9fea9fe.sslip.io')).toBe(true);
    expect(new RegExp(EMBEDDED_IPV4_IN_IPV6_REGEX).test('::ffff:169.254.169.254')).toBe(true);
    expect(new RegExp(EMBEDDED_IPV4_IN_IPV6_REGEX).test('2001:db8::1')).toBe(false);
  });
});

describe('metadata ranges', () => {
  test('cover every curated cloud metadata endpoint, the link-local ranges and "this host"', () => {
    const ranges = METADATA_CIDRS.map((c) => parseCidr('range', c.includes('/') ? c : `${c}/${c.includes(':') ? 128 : 32}`));
    for (const endpoint of CLOUD_METADATA_CIDRS) {
      expect({ endpoint, covered: ranges.some((r) => cidrContains(r, parseCidr('endpoint', endpoint))) }).toStrictEqual({ endpoint, covered: true });
    }
    expect(METADATA_CIDRS).toStrictEqual(['169.254.0.0/16', '100.100.100.200/32', 'fd00:ec2::254', 'fe80::/10', '0.0.0.0/8']);
  });
});

describe('URL field shape', () => {
  // The engines' \A and \z are JavaScript's ^ and $ without the m flag (the whole value).
  const shape = new RegExp(URL_FIELD_SHAPE_REGEX.replace(/^\(\?i\)/, '').replace(/^\\A/, '^').replace(/\\z$/, '$'), 'i');
  test('is anchored at the start and the end of the whole value, not of a line (both engines compile @rx multi-line)', () => {
    expect(URL_FIELD_SHAPE_REGEX.startsWith('(?i)\\A(?:')).toBe(true);
    expect(URL_FIELD_SHAPE_REGEX.endsWith(')\\z')).toBe(true);
    expect(shape.test('https://example.com/a.png\nhttp://169.254.169.254/')).toBe(false);
  });
  test.each([
    'https://upload.wikimedia.org/a.png',
    'HTTP://Example.COM/x?markers=color:red|label:A',
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==',
    'data:image/jpeg;base64,/9j/4AAQSkZJRg==',
    'data:audio/wav;codec=pcm;base64,UklGRg==',
  ])('accepts %p', (url) => {
    expect(shape.test(url)).toBe(true);
  });
  test.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'gopher://127.0.0.1:6379/_',
    'data:text/html,<script>alert(1)</script>',
    'data:image/svg+xml,<svg onload=alert(1)>',
    'data:image/png;base64,iVBOR<script>',
    'https://example.com/"><script>alert(1)</script>',
    'https://example.com\\@169.254.169.254/',
    'https://exa mple.com/',
  ])('refuses %p', (url) => {
    expect(shape.test(url)).toBe(false);
  });
});
