import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { InvalidTokenError, ServiceAccountTokens } from './service-account-tokens.js';
import { signJwt } from './jwt.js';

const key = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
const tokens = new ServiceAccountTokens(key);
const subject = { namespace: 'ci', serviceAccount: { name: 'deployer', uid: 'u-1' } };

test('an issued token carries kube-apiserver claims and verifies back to its service account', () => {
  const now = new Date('2030-01-01T00:00:00Z');
  const issued = tokens.issue(subject, tokens.apiAudiences, 3600, now);
  assert.equal(issued.expiration.toISOString(), '2030-01-01T01:00:00.000Z');
  const claims = JSON.parse(Buffer.from(issued.token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
  assert.equal(claims.sub, 'system:serviceaccount:ci:deployer');
  assert.equal(claims.iss, 'https://kubernetes.default.svc.cluster.local');
  assert.deepEqual(claims.aud, ['https://kubernetes.default.svc.cluster.local']);
  assert.deepEqual(claims['kubernetes.io'], { namespace: 'ci', serviceaccount: { name: 'deployer', uid: 'u-1' } });
  assert.deepEqual(tokens.verify(issued.token, new Date('2030-01-01T00:30:00Z')), { ...subject, expiresAt: issued.expiration });
  const bound = tokens.issue({ ...subject, bound: { kind: 'Secret', name: 's', uid: 'u-2' } }, tokens.apiAudiences, 3600, now);
  assert.deepEqual(tokens.verify(bound.token, now)?.bound, { kind: 'Secret', name: 's', uid: 'u-2' });
});

test('expired, not-yet-valid, tampered and wrong-audience tokens are invalid; other issuers are not ours', () => {
  const now = new Date('2030-01-01T00:00:00Z');
  const issued = tokens.issue(subject, tokens.apiAudiences, 600, now);
  assert.throws(() => tokens.verify(issued.token, new Date('2030-01-01T00:10:00Z')), /expired/);
  assert.throws(() => tokens.verify(issued.token, new Date('2029-12-31T23:00:00Z')), /not valid yet/);
  const [h, p, s] = issued.token.split('.');
  const claims = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
  const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'system:serviceaccount:kube-system:admin' })).toString('base64url');
  assert.throws(() => tokens.verify(`${h}.${forged}.${s}`, now), InvalidTokenError);
  const elsewhere = tokens.issue(subject, ['https://vault.example.com'], 600, now);
  assert.throws(() => tokens.verify(elsewhere.token, now), /audiences/);
  const foreign = signJwt({ iss: 'https://accounts.example.com', sub: 'x' }, key, 'k');
  assert.equal(tokens.verify(foreign, now), undefined);
  assert.equal(tokens.verify('not-a-jwt', now), undefined);
  const otherKey = new ServiceAccountTokens(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey);
  assert.throws(() => otherKey.verify(issued.token, now), /invalid token signature/);
});
