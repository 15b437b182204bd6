/**
 * A throw-away self-signed TLS certificate (openssl), the stand-in for the certificate a
 * platform's Gateway listener serves, and its `kubernetes.io/tls` Secret for egctl's input.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export interface SelfSignedCertificate {
  /** PEM. */
  readonly certificate: string;
  /** PEM. */
  readonly privateKey: string;
}

/** A self-signed ECDSA P-256 certificate for the given DNS names or IPv4 addresses, valid one day; made in `dir`. */
export function selfSignedCertificate(dir: string, hosts: string[]): SelfSignedCertificate {
  if (hosts.length === 0) throw new Error('a certificate needs at least one DNS name');
  const san = hosts.map((h) => (/^[0-9.]+$/.test(h) ? `IP:${h}` : `DNS:${h}`)).join(',');
  const key = path.join(dir, 'tls.key');
  const crt = path.join(dir, 'tls.crt');
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
    '-keyout', key, '-out', crt, '-subj', `/CN=${hosts[0]}`, '-addext', `subjectAltName=${san}`,
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  return { certificate: fs.readFileSync(crt, 'utf8'), privateKey: fs.readFileSync(key, 'utf8') };
}

/** The `kubernetes.io/tls` Secret `<namespace>/<name>` holding the certificate. */
export function tlsSecret(namespace: string, name: string, c: SelfSignedCertificate): any {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace },
    type: 'kubernetes.io/tls',
    data: { 'tls.crt': Buffer.from(c.certificate).toString('base64'), 'tls.key': Buffer.from(c.privateKey).toString('base64') },
  };
}

/** A throw-away CA (ECDSA P-256, valid one day), made in `dir`: the stand-in for the issuer of the model servers' certificates. */
export function certificateAuthority(dir: string, name: string): SelfSignedCertificate {
  const key = path.join(dir, 'ca.key');
  const crt = path.join(dir, 'ca.crt');
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
    '-keyout', key, '-out', crt, '-subj', `/CN=${name}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  return { certificate: fs.readFileSync(crt, 'utf8'), privateKey: fs.readFileSync(key, 'utf8') };
}

/** A server certificate for the given DNS names signed by `ca` (ECDSA P-256, valid one day), made in `dir`. */
export function signedCertificate(dir: string, ca: SelfSignedCertificate, hosts: string[]): SelfSignedCertificate {
  if (hosts.length === 0) throw new Error('a certificate needs at least one DNS name');
  fs.mkdirSync(dir, { recursive: true });
  const caKey = path.join(dir, 'issuer.key');
  const caCrt = path.join(dir, 'issuer.crt');
  fs.writeFileSync(caKey, ca.privateKey, { mode: 0o600 });
  fs.writeFileSync(caCrt, ca.certificate);
  const key = path.join(dir, 'tls.key');
  const csr = path.join(dir, 'tls.csr');
  const crt = path.join(dir, 'tls.crt');
  const ext = path.join(dir, 'ext.cnf');
  fs.writeFileSync(ext, `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\n`);
  execFileSync('openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', csr, '-subj', `/CN=${hosts[0]}`],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  execFileSync('openssl', ['x509', '-req', '-in', csr, '-CA', caCrt, '-CAkey', caKey, '-CAcreateserial', '-days', '1', '-out', crt, '-extfile', ext],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  return { certificate: fs.readFileSync(crt, 'utf8'), privateKey: fs.readFileSync(key, 'utf8') };
}

/** A client certificate (mutual TLS) for `commonName`, signed by `ca` (ECDSA P-256, valid one day, extended key usage clientAuth), made in `dir`. */
export function clientCertificate(dir: string, ca: SelfSignedCertificate, commonName: string): SelfSignedCertificate {
  fs.mkdirSync(dir, { recursive: true });
  const caKey = path.join(dir, 'issuer.key');
  const caCrt = path.join(dir, 'issuer.crt');
  fs.writeFileSync(caKey, ca.privateKey, { mode: 0o600 });
  fs.writeFileSync(caCrt, ca.certificate);
  const key = path.join(dir, 'client.key');
  const csr = path.join(dir, 'client.csr');
  const crt = path.join(dir, 'client.crt');
  const ext = path.join(dir, 'ext.cnf');
  fs.writeFileSync(ext, 'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\nbasicConstraints=critical,CA:FALSE\n');
  execFileSync('openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', csr, '-subj', `/CN=${commonName}`],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  execFileSync('openssl', ['x509', '-req', '-in', csr, '-CA', caCrt, '-CAkey', caKey, '-CAcreateserial', '-days', '1', '-out', crt, '-extfile', ext],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  return { certificate: fs.readFileSync(crt, 'utf8'), privateKey: fs.readFileSync(key, 'utf8') };
}
