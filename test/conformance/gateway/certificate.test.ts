import { X509Certificate } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { certificateAuthority, clientCertificate, selfSignedCertificate, signedCertificate, tlsSecret } from '../../../conformance/gateway/certificate';

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

describe('certificateAuthority and signedCertificate', () => {
  test('a CA, and a server certificate it signed for the names given, which another CA\'s certificate does not verify', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certificate-'));
    try {
      const ca = certificateAuthority(path.join(dir, 'ca'), 'models CA');
      const other = certificateAuthority(path.join(dir, 'other'), 'other CA');
      const caX = new X509Certificate(ca.certificate);
      expect(caX.ca).toBe(true);
      const server = new X509Certificate(signedCertificate(path.join(dir, 'server'), ca, ['chat.llm.svc']).certificate);
      expect(server.ca).toBe(false);
      expect(server.subjectAltName).toBe('DNS:chat.llm.svc');
      expect(server.checkHost('chat.llm.svc')).toBe('chat.llm.svc');
      expect(server.checkIssued(caX)).toBe(true);
      expect(server.verify(caX.publicKey)).toBe(true);
      expect(server.checkIssued(new X509Certificate(other.certificate))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('no DNS name is an error', () => {
    expect(() => signedCertificate(os.tmpdir(), { certificate: '', privateKey: '' }, [])).toThrow('a certificate needs at least one DNS name');
  });
});

describe('clientCertificate', () => {
  test('a client certificate (clientAuth, not a CA) the CA signed, which another CA does not verify', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certificate-'));
    try {
      const ca = certificateAuthority(path.join(dir, 'ca'), 'clients CA');
      const other = certificateAuthority(path.join(dir, 'other'), 'other CA');
      const c = clientCertificate(path.join(dir, 'client'), ca, 'alice');
      const x = new X509Certificate(c.certificate);
      expect(x.subject).toBe('CN=alice');
      expect(x.ca).toBe(false);
      expect(x.keyUsage).toStrictEqual(['1.3.6.1.5.5.7.3.2']);
      expect(x.verify(new X509Certificate(ca.certificate).publicKey)).toBe(true);
      expect(x.verify(new X509Certificate(other.certificate).publicKey)).toBe(false);
      expect(c.privateKey).toContain('PRIVATE KEY');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
