import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { stringify } from 'yaml';
import { parseEncryptionConfig } from './config.js';
import { AESGCM_PREFIX, DecryptionError, EncryptionTransformer } from './encryption-transformer.js';

const SECRET_KEY = '/core/secrets/default/db-password';
const SECRET_JSON = JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db-password', namespace: 'default' }, data: { password: Buffer.from('hunter2').toString('base64') } });
const CONFIGMAP_KEY = '/core/configmaps/default/settings';
const CONFIGMAP_JSON = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' }, data: { level: 'info' } });

const KEY1 = randomBytes(32).toString('base64');
const KEY2 = randomBytes(16).toString('base64');

type Provider = { aesgcm: { keys: { name: string; secret: string }[] } } | { identity: Record<string, never> };
const aesgcm = (...keys: [string, string][]): Provider => ({ aesgcm: { keys: keys.map(([name, secret]) => ({ name, secret })) } });
const identity: Provider = { identity: {} };

function transformer(rules: { resources: string[]; providers: Provider[] }[]): EncryptionTransformer {
  const text = stringify({ apiVersion: 'apiserver.config.k8s.io/v1', kind: 'EncryptionConfiguration', resources: rules });
  return new EncryptionTransformer(parseEncryptionConfig(text, 'test.yaml'), 'test.yaml');
}

describe('EncryptionTransformer', () => {
  test('round trip: a Secret is stored as k8s:enc:aesgcm:v1:<key>: with no trace of its content, and reads back', () => {
    const t = transformer([{ resources: ['secrets'], providers: [aesgcm(['key1', KEY1]), identity] }]);
    const stored = t.toStorage(SECRET_KEY, SECRET_JSON);
    assert.ok(stored.startsWith(`${AESGCM_PREFIX}key1:`), stored.slice(0, 40));
    for (const clear of ['hunter2', Buffer.from('hunter2').toString('base64'), 'db-password']) assert.ok(!stored.includes(clear), `stored form contains ${clear}`);
    assert.equal(t.fromStorage(SECRET_KEY, stored), SECRET_JSON);
    assert.notEqual(t.toStorage(SECRET_KEY, SECRET_JSON), stored, 'a fresh nonce per write');
    assert.deepEqual(t.takeStale(), [], 'a value in the current form is not stale');
  });

  test('each AES key size works', () => {
    for (const size of [16, 24, 32]) {
      const t = transformer([{ resources: ['secrets'], providers: [aesgcm(['k', randomBytes(size).toString('base64')])] }]);
      assert.equal(t.fromStorage(SECRET_KEY, t.toStorage(SECRET_KEY, SECRET_JSON)), SECRET_JSON, `${size} bytes`);
    }
  });

  test('the storage key is authenticated: a value copied under another key does not decrypt', () => {
    const t = transformer([{ resources: ['secrets'], providers: [aesgcm(['key1', KEY1]), identity] }]);
    const stored = t.toStorage(SECRET_KEY, SECRET_JSON);
    assert.throws(() => t.fromStorage('/core/secrets/default/other', stored), (err: Error) => err instanceof DecryptionError && /aesgcm key "key1".*does not decrypt/.test(err.message));
  });

  test('a tampered value does not decrypt', () => {
    const t = transformer([{ resources: ['secrets'], providers: [aesgcm(['key1', KEY1])] }]);
    const stored = t.toStorage(SECRET_KEY, SECRET_JSON);
    const body = Buffer.from(stored.slice(`${AESGCM_PREFIX}key1:`.length), 'base64');
    body[20] = body[20]! ^ 1;
    assert.throws(() => t.fromStorage(SECRET_KEY, `${AESGCM_PREFIX}key1:${body.toString('base64')}`), DecryptionError);
  });

  test('a key the configuration no longer lists: the error names it and says what to do, and shows no content', () => {
    const before = transformer([{ resources: ['secrets'], providers: [aesgcm(['old', KEY1])] }]);
    const stored = before.toStorage(SECRET_KEY, SECRET_JSON);
    const after = transformer([{ resources: ['secrets'], providers: [aesgcm(['new', KEY2]), identity] }]);
    assert.throws(() => after.fromStorage(SECRET_KEY, stored), (err: Error) => {
      assert.ok(err instanceof DecryptionError);
      assert.match(err.message, /aesgcm key "old", which test\.yaml does not list/);
      assert.match(err.message, /put that key back/);
      assert.ok(!err.message.includes(KEY1) && !err.message.includes('hunter2'));
      return true;
    });
  });

  test('same name, different secret: refused, naming the key', () => {
    const stored = transformer([{ resources: ['secrets'], providers: [aesgcm(['key1', KEY1])] }]).toStorage(SECRET_KEY, SECRET_JSON);
    const other = transformer([{ resources: ['secrets'], providers: [aesgcm(['key1', randomBytes(32).toString('base64')])] }]);
    assert.throws(() => other.fromStorage(SECRET_KEY, stored), /aesgcm key "key1" in test\.yaml does not decrypt it/);
  });

  test('identity fallback: plain JSON of an encrypted resource still reads, and is marked for re-encryption', () => {
    const t = transformer([{ resources: ['secrets'], providers: [aesgcm(['key1', KEY1]), identity] }]);
    assert.equal(t.fromStorage(SECRET_KEY, SECRET_JSON), SECRET_JSON);
    assert.deepEqual(t.takeStale(), [SECRET_KEY]);
    assert.deepEqual(t.takeStale(), [], 'taking clears the list');
  });

  test('without an identity provider plain JSON of an encrypted resource is refused', () => {
    const t = transformer([{ resources: ['secrets'], providers: [aesgcm(['key1', KEY1])] }]);
    assert.throws(() => t.fromStorage(SECRET_KEY, SECRET_JSON), /stored unencrypted and test\.yaml lists no identity provider/);
  });

  test('rotation: every listed key reads; values of an older key are stale until written again', () => {
    const old = transformer([{ resources: ['secrets'], providers: [aesgcm(['key1', KEY1]), identity] }]);
    const storedOld = old.toStorage(SECRET_KEY, SECRET_JSON);
    // New key first within the provider, and as a provider of its own in front: both write with key2.
    for (const providers of [[aesgcm(['key2', KEY2], ['key1', KEY1]), identity], [aesgcm(['key2', KEY2]), aesgcm(['key1', KEY1]), identity]]) {
      const t = transformer([{ resources: ['secrets'], providers }]);
      assert.equal(t.fromStorage(SECRET_KEY, storedOld), SECRET_JSON);
      assert.deepEqual(t.takeStale(), [SECRET_KEY]);
      const rewritten = t.toStorage(SECRET_KEY, SECRET_JSON);
      assert.ok(rewritten.startsWith(`${AESGCM_PREFIX}key2:`));
      assert.equal(t.fromStorage(SECRET_KEY, rewritten), SECRET_JSON);
      assert.deepEqual(t.takeStale(), []);
    }
  });

  test('a write clears the key from the stale list', () => {
    const t = transformer([{ resources: ['secrets'], providers: [aesgcm(['key1', KEY1]), identity] }]);
    t.fromStorage(SECRET_KEY, SECRET_JSON);
    t.toStorage(SECRET_KEY, SECRET_JSON);
    assert.deepEqual(t.takeStale(), []);
  });

  test('identity first: values are written plain and encrypted ones are stale (decrypting everything)', () => {
    const stored = transformer([{ resources: ['secrets'], providers: [aesgcm(['key1', KEY1])] }]).toStorage(SECRET_KEY, SECRET_JSON);
    const t = transformer([{ resources: ['secrets'], providers: [identity, aesgcm(['key1', KEY1])] }]);
    assert.equal(t.toStorage(SECRET_KEY, SECRET_JSON), SECRET_JSON);
    assert.equal(t.fromStorage(SECRET_KEY, stored), SECRET_JSON);
    assert.deepEqual(t.takeStale(), [SECRET_KEY]);
  });

  test('resources not configured are stored plain; one dropped from the config still reads and is rewritten plain', () => {
    const t = transformer([{ resources: ['secrets'], providers: [aesgcm(['key1', KEY1]), identity] }]);
    assert.equal(t.toStorage(CONFIGMAP_KEY, CONFIGMAP_JSON), CONFIGMAP_JSON);
    assert.equal(t.fromStorage(CONFIGMAP_KEY, CONFIGMAP_JSON), CONFIGMAP_JSON);
    assert.deepEqual(t.takeStale(), []);
    const both = transformer([{ resources: ['secrets', 'configmaps'], providers: [aesgcm(['key1', KEY1]), identity] }]);
    const encrypted = both.toStorage(CONFIGMAP_KEY, CONFIGMAP_JSON);
    assert.ok(encrypted.startsWith(AESGCM_PREFIX));
    assert.equal(t.fromStorage(CONFIGMAP_KEY, encrypted), CONFIGMAP_JSON);
    assert.deepEqual(t.takeStale(), [CONFIGMAP_KEY]);
  });

  test('rules match by group and resource, with wildcards; the first matching rule wins', () => {
    const t = transformer([
      { resources: ['secrets'], providers: [aesgcm(['s', KEY1])] },
      { resources: ['*.apps', 'widgets.example.com'], providers: [aesgcm(['apps', KEY2])] },
      { resources: ['*.'], providers: [identity] },
    ]);
    const prefixOf = (key: string) => t.toStorage(key, '{}').split(':').slice(0, 5).join(':');
    assert.equal(prefixOf('/core/secrets/ns/a'), 'k8s:enc:aesgcm:v1:s');
    assert.equal(prefixOf('/apps/deployments/ns/a'), 'k8s:enc:aesgcm:v1:apps');
    assert.equal(prefixOf('/example.com/widgets/ns/a'), 'k8s:enc:aesgcm:v1:apps');
    assert.equal(t.toStorage('/example.com/gadgets/ns/a', '{}'), '{}');
    assert.equal(t.toStorage('/core/configmaps/ns/a', '{}'), '{}');
    assert.equal(t.toStorage('/secrets/x', '{}'), '{}', 'a key of another shape is left alone');
    const all = transformer([{ resources: ['*.*'], providers: [aesgcm(['all', KEY1])] }]);
    assert.ok(all.toStorage('/example.com/gadgets/a', '{}').startsWith(`${AESGCM_PREFIX}all:`));
  });

  test('a provider Kurator does not implement is named when its values are read', () => {
    const t = transformer([{ resources: ['secrets'], providers: [aesgcm(['key1', KEY1]), identity] }]);
    assert.throws(() => t.fromStorage(SECRET_KEY, 'k8s:enc:aescbc:v1:key1:abcd'), /"aescbc" provider, which Kurator does not support/);
  });
});
