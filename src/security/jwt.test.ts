import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, createHmac } from 'node:crypto';
import { JwtError, keyId, looksLikeJwt, signJwt, unverifiedClaims, verifyJwt } from './jwt.js';

const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherEc = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

test('ES256 and RS256 tokens verify with their public key and carry header, claims and kid', () => {
  for (const [alg, pair] of [['ES256', ec], ['RS256', rsa]] as const) {
    const token = signJwt({ sub: 'x', n: 1 }, pair.privateKey, keyId(pair.publicKey));
    assert.ok(looksLikeJwt(token));
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as Record<string, string>;
    assert.deepEqual(header, { alg, kid: keyId(pair.publicKey), typ: 'JWT' });
    assert.deepEqual(verifyJwt(token, pair.publicKey), { sub: 'x', n: 1 });
    assert.deepEqual(unverifiedClaims(token), { sub: 'x', n: 1 });
  }
});

test('tampered claims, another key, "none" and an algorithm swap do not verify', () => {
  const token = signJwt({ sub: 'alice' }, ec.privateKey, 'k');
  const [header, , signature] = token.split('.');
  assert.throws(() => verifyJwt(`${header}.${b64({ sub: 'admin' })}.${signature}`, ec.publicKey), JwtError);
  assert.throws(() => verifyJwt(token, otherEc.publicKey), /invalid token signature/);
  assert.throws(() => verifyJwt(`${b64({ alg: 'none' })}.${b64({ sub: 'admin' })}.`, ec.publicKey), /unexpected token algorithm "none"/);
  // HS256 signed with the public key as the secret: the classic confusion attack.
  const input = `${b64({ alg: 'HS256' })}.${b64({ sub: 'admin' })}`;
  const hmac = createHmac('sha256', ec.publicKey.export({ type: 'spki', format: 'pem' })).update(input).digest('base64url');
  assert.throws(() => verifyJwt(`${input}.${hmac}`, ec.publicKey), /unexpected token algorithm "HS256"/);
  assert.throws(() => verifyJwt('a.b', ec.publicKey), /malformed/);
  assert.throws(() => verifyJwt(`${header}.!!!.${signature}`, ec.publicKey), JwtError);
  assert.equal(looksLikeJwt('abc123'), false);
});
