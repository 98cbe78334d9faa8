// Compact JWS (JWT) signing and verification with node:crypto: ES256 for EC P-256 keys, RS256 for RSA
// keys. Verification accepts only the algorithm that matches the key, so "none" and algorithm
// confusion never verify.

import { createHash, sign, verify, type KeyObject } from 'node:crypto';

export type JwtClaims = Record<string, unknown>;

export class JwtError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JwtError';
  }
}

function algorithmFor(key: KeyObject): 'ES256' | 'RS256' {
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  throw new JwtError(`unsupported signing key type ${key.asymmetricKeyType ?? 'unknown'}; use an EC P-256 or RSA key`);
}

function encodePart(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decodePart(part: string, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new JwtError(`malformed token ${what}`);
}

/** The key id kube-apiserver style: base64url of the SHA-256 of the public key's DER. */
export function keyId(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64url');
}

export function signJwt(claims: JwtClaims, privateKey: KeyObject, kid: string): string {
  const alg = algorithmFor(privateKey);
  const input = `${encodePart({ alg, kid, typ: 'JWT' })}.${encodePart(claims)}`;
  const signature = sign('sha256', Buffer.from(input), alg === 'ES256' ? { key: privateKey, dsaEncoding: 'ieee-p1363' } : privateKey);
  return `${input}.${signature.toString('base64url')}`;
}

/** True when the text has the shape of a compact JWS (three base64url parts). */
export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}

/** The claims without checking anything (to find the issuer before choosing how to verify). */
export function unverifiedClaims(token: string): JwtClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new JwtError('malformed token');
  return decodePart(parts[1]!, 'claims');
}

/** The claims when the signature verifies with `publicKey`; throws JwtError otherwise. Time claims are the caller's to check. */
export function verifyJwt(token: string, publicKey: KeyObject): JwtClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new JwtError('malformed token');
  const header = decodePart(parts[0]!, 'header');
  const alg = algorithmFor(publicKey);
  if (header.alg !== alg) throw new JwtError(`unexpected token algorithm ${JSON.stringify(header.alg)}`);
  const signature = Buffer.from(parts[2]!, 'base64url');
  const input = Buffer.from(`${parts[0]}.${parts[1]}`);
  const ok = verify('sha256', input, alg === 'ES256' ? { key: publicKey, dsaEncoding: 'ieee-p1363' } : publicKey, signature);
  if (!ok) throw new JwtError('invalid token signature');
  return decodePart(parts[1]!, 'claims');
}
