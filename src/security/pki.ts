// Certificates for the hub: a CA, serving certificates with SANs and client certificates (CN = user,
// O = groups), all ECDSA P-256, PEM-encoded with PKCS#8 keys.

import { createPrivateKey, randomBytes, webcrypto, X509Certificate as NodeCertificate } from 'node:crypto';
import { isIP } from 'node:net';
import { x509 } from './x509.js';

/** A certificate and its private key, PEM-encoded. */
export interface KeyPairPem {
  certPem: string;
  keyPem: string;
}

export interface CertificateRequest {
  commonName: string;
  /** Subject O= values (for client certificates: the user's groups). */
  organizations?: string[];
  /** DNS names and IP addresses for the subjectAltName of serving certificates. */
  hosts?: string[];
  usage: 'server' | 'client';
  validDays: number;
  /** Default: now minus a minute of clock skew. */
  notBefore?: Date;
}

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 86_400_000;
const SKEW_MS = 60_000;

function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0]! &= 0x7f; // positive
  return bytes.toString('hex');
}

function pem(der: ArrayBuffer, label: string): string {
  const base64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${base64}${base64.endsWith('\n') ? '' : '\n'}-----END ${label}-----\n`;
}

type KeyPair = webcrypto.CryptoKeyPair;
type Key = webcrypto.CryptoKey;

async function generateKeys(): Promise<KeyPair> {
  return (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as KeyPair;
}

async function exportKey(key: Key): Promise<string> {
  return pem(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

/** The CA's private key as a WebCrypto signing key (any PEM form Node reads: PKCS#8, SEC1). */
async function importSigningKey(keyPem: string): Promise<Key> {
  const der = createPrivateKey(keyPem).export({ type: 'pkcs8', format: 'der' });
  return webcrypto.subtle.importKey('pkcs8', der, ALGORITHM, false, ['sign']);
}

function subject(commonName: string, organizations: readonly string[] = []): x509.JsonName {
  return [{ CN: [commonName] }, ...organizations.map((o) => ({ O: [o] }))];
}

export async function createCertificateAuthority(commonName: string, validDays: number): Promise<KeyPairPem> {
  const keys = await generateKeys();
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: subject(commonName),
    notBefore: new Date(now - SKEW_MS),
    notAfter: new Date(now + validDays * DAY_MS),
    keys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await exportKey(keys.privateKey) };
}

export async function issueCertificate(ca: KeyPairPem, request: CertificateRequest): Promise<KeyPairPem> {
  const keys = await generateKeys();
  const caCert = new x509.X509Certificate(ca.certPem);
  const notBefore = request.notBefore ?? new Date(Date.now() - SKEW_MS);
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
    new x509.ExtendedKeyUsageExtension([request.usage === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth]),
    await x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  if (request.hosts?.length) {
    extensions.push(new x509.SubjectAlternativeNameExtension(request.hosts.map((h) => ({ type: isIP(h) ? 'ip' : 'dns', value: h }))));
  }
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: subject(request.commonName, request.organizations),
    issuer: caCert.subject,
    notBefore,
    notAfter: new Date(notBefore.getTime() + request.validDays * DAY_MS),
    publicKey: keys.publicKey,
    signingKey: await importSigningKey(ca.keyPem),
    signingAlgorithm: ALGORITHM,
    extensions,
  });
  return { certPem: cert.toString('pem'), keyPem: await exportKey(keys.privateKey) };
}

/** True when `certPem` was signed by the CA certificate `caPem`. */
export function signedBy(certPem: string, caPem: string): boolean {
  try {
    const cert = new NodeCertificate(certPem);
    const ca = new NodeCertificate(caPem);
    return cert.checkIssued(ca) && cert.verify(ca.publicKey);
  } catch {
    return false;
  }
}

/** True when the certificate is valid for at least `marginDays` more days. */
export function validFor(certPem: string, marginDays: number): boolean {
  const cert = new NodeCertificate(certPem);
  return new Date(cert.validTo).getTime() - Date.now() > marginDays * DAY_MS;
}

/** True when every host (DNS name or IP address) appears in the certificate's subjectAltName. */
export function coversHosts(certPem: string, hosts: readonly string[]): boolean {
  const cert = new NodeCertificate(certPem);
  return hosts.every((h) => (isIP(h) ? cert.checkIP(h) !== undefined : cert.checkHost(h) !== undefined));
}

/** The user a client certificate names: CN is the user, each O a group. */
export function certificateSubject(der: Buffer): { commonName: string; organizations: string[] } {
  const cert = new x509.X509Certificate(der);
  return { commonName: cert.subjectName.getField('CN')[0] ?? '', organizations: cert.subjectName.getField('O') };
}
