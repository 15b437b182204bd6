import { X509Certificate } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { selfSignedCertificate, tlsSecret } from '../../../conformance/gateway/certificate';

describe('selfSignedCertificate', () => {
  test('a one-day certificate for every DNS name given, with its key', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certificate-'));
    try {
      const c = selfSignedCertificate(dir, ['chat.example.com', 'api.example.com']);
      const x = new X509Certificate(c.certificate);
      expect(x.subjectAltName).toBe('DNS:chat.example.com, DNS:api.example.com');
      expect(x.checkHost('chat.example.com')).toBe('chat.example.com');
      expect(new Date(x.validTo).getTime() - new Date(x.validFrom).getTime()).toBe(24 * 3600 * 1000);
      expect(c.privateKey).toContain('PRIVATE KEY');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('no DNS name is an error', () => {
    expect(() => selfSignedCertificate(os.tmpdir(), [])).toThrow('a certificate needs at least one DNS name');
  });
});

describe('tlsSecret', () => {
  test('a kubernetes.io/tls Secret with the PEMs base64-encoded', () => {
    expect(tlsSecret('edge', 'gw-tls', { certificate: 'CERT', privateKey: 'KEY' })).toStrictEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'gw-tls', namespace: 'edge' },
      type: 'kubernetes.io/tls',
      data: { 'tls.crt': 'Q0VSVA==', 'tls.key': 'S0VZ' },
    });
  });
});
