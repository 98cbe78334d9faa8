// ServiceAccount tokens as kube-apiserver issues them for the TokenRequest API: JWTs signed with the hub's
// service-account key, naming the account (and optionally a bound Pod or Secret) by name and uid.

import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { readIfExists, writePrivate } from './files.js';
import { keyId, looksLikeJwt, signJwt, unverifiedClaims, verifyJwt, JwtError } from './jwt.js';
import { serviceAccountUser } from './identities.js';

export const DEFAULT_ISSUER = 'https://kubernetes.default.svc.cluster.local';
/** kube-apiserver's limits for TokenRequest.spec.expirationSeconds. */
export const MIN_EXPIRATION_SECONDS = 600;
export const MAX_EXPIRATION_SECONDS = 2 ** 32;
export const DEFAULT_EXPIRATION_SECONDS = 3600;
const CLOCK_SKEW_SECONDS = 60;

export interface ObjectIdentity {
  name: string;
  uid: string;
}

export interface BoundObject extends ObjectIdentity {
  kind: 'Pod' | 'Secret';
}

export interface TokenSubject {
  namespace: string;
  serviceAccount: ObjectIdentity;
  bound?: BoundObject;
}

/** The subject of a verified token, and when the token stops being valid (its exp claim). */
export interface VerifiedSubject extends TokenSubject {
  expiresAt: Date;
}

export interface IssuedToken {
  token: string;
  expiration: Date;
}

/** A token this issuer signed that is no longer (or never was) valid. */
export class InvalidTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

/** Loads the signing key from `path`, creating an EC P-256 key there on first use. */
export async function ensureServiceAccountKey(path: string): Promise<KeyObject> {
  const existing = await readIfExists(path);
  if (existing) return createPrivateKey(existing);
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  await writePrivate(path, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  return privateKey;
}

interface KubernetesClaim {
  namespace?: unknown;
  serviceaccount?: { name?: unknown; uid?: unknown };
  pod?: { name?: unknown; uid?: unknown };
  secret?: { name?: unknown; uid?: unknown };
}

function identity(value: { name?: unknown; uid?: unknown } | undefined): ObjectIdentity | undefined {
  return value && typeof value.name === 'string' && typeof value.uid === 'string' ? { name: value.name, uid: value.uid } : undefined;
}

export class ServiceAccountTokens {
  private readonly publicKey: KeyObject;
  private readonly kid: string;

  constructor(
    private readonly privateKey: KeyObject,
    readonly issuer: string = DEFAULT_ISSUER,
    /** Audiences a token must name to authenticate to this API (kube-apiserver's --api-audiences; default: the issuer). */
    readonly apiAudiences: readonly string[] = [issuer],
  ) {
    this.publicKey = createPublicKey(privateKey);
    this.kid = keyId(this.publicKey);
  }

  issue(subject: TokenSubject, audiences: readonly string[], expirationSeconds: number, now = new Date()): IssuedToken {
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + expirationSeconds;
    const claim: Record<string, unknown> = { namespace: subject.namespace, serviceaccount: { name: subject.serviceAccount.name, uid: subject.serviceAccount.uid } };
    if (subject.bound) claim[subject.bound.kind === 'Pod' ? 'pod' : 'secret'] = { name: subject.bound.name, uid: subject.bound.uid };
    const claims = {
      aud: [...audiences],
      exp,
      iat,
      nbf: iat,
      iss: this.issuer,
      jti: randomUUID(),
      'kubernetes.io': claim,
      sub: serviceAccountUser(subject.namespace, subject.serviceAccount.name),
    };
    return { token: signJwt(claims, this.privateKey, this.kid), expiration: new Date(exp * 1000) };
  }

  /**
   * The subject of a token this issuer signed; undefined when the token is not one of its tokens (another
   * issuer, not a JWT). Throws InvalidTokenError when it is, but fails verification or has expired.
   */
  verify(token: string, now = new Date()): VerifiedSubject | undefined {
    if (!looksLikeJwt(token)) return undefined;
    let claims: Record<string, unknown>;
    try {
      if (unverifiedClaims(token).iss !== this.issuer) return undefined;
      claims = verifyJwt(token, this.publicKey);
    } catch (error) {
      if (error instanceof JwtError) throw new InvalidTokenError(error.message);
      throw error;
    }
    const seconds = now.getTime() / 1000;
    if (typeof claims.exp !== 'number' || claims.exp <= seconds) throw new InvalidTokenError('token has expired');
    if (typeof claims.nbf === 'number' && claims.nbf > seconds + CLOCK_SKEW_SECONDS) throw new InvalidTokenError('token is not valid yet');
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.some((a) => typeof a === 'string' && this.apiAudiences.includes(a))) throw new InvalidTokenError('token audiences do not include this API');
    const k8s = (claims['kubernetes.io'] ?? {}) as KubernetesClaim;
    const serviceAccount = identity(k8s.serviceaccount);
    if (typeof k8s.namespace !== 'string' || !serviceAccount) throw new InvalidTokenError('token does not name a service account');
    if (claims.sub !== serviceAccountUser(k8s.namespace, serviceAccount.name)) throw new InvalidTokenError('token subject does not match its service account');
    const subject: VerifiedSubject = { namespace: k8s.namespace, serviceAccount, expiresAt: new Date(claims.exp * 1000) };
    const pod = identity(k8s.pod);
    const secret = identity(k8s.secret);
    if (pod) subject.bound = { kind: 'Pod', ...pod };
    else if (secret) subject.bound = { kind: 'Secret', ...secret };
    return subject;
  }
}
