// The sqlite store with encryption at rest: what reaches the file, what a restart reads back, and the
// background rewrite after a key rotation.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pino } from 'pino';
import { parse, stringify } from 'yaml';
import type { KubeObject } from '../../machinery/object.js';
import { openSqliteStore } from '../../storage/sqlite.js';
import { storedCurrentRows } from '../../storage/testing.js';
import { DEFAULT_ENCRYPTION_CONFIG_FILE, prepareEncryptionAtRest } from './index.js';

const log = pino({ level: 'silent' });

function secret(name: string, value: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'default' }, data: { value: Buffer.from(value).toString('base64') } };
}

/** The stored value of each key's newest log row, deletes left out (the store must be closed). */
function rawCurrent(path: string): Map<string, string> {
  return new Map(storedCurrentRows(path).map(([key, value]) => [key, value]));
}

test('sqlite store with the generated configuration: Secrets encrypted on disk, plain in memory and after a restart; rotation rewrites them', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kurator-at-rest-'));
  const path = join(dir, 'hub.db');
  try {
    const first = await prepareEncryptionAtRest({ dataDir: dir, log });
    assert.equal(first.configFile, join(dir, DEFAULT_ENCRYPTION_CONFIG_FILE));
    assert.equal((await stat(first.configFile)).mode & 0o777, 0o600);
    let store = openSqliteStore(path, { fsync: 'normal', transformer: first.transformer });
    const names = Array.from({ length: 250 }, (_, i) => `s${i}`);
    for (const name of names) await store.create(`/core/secrets/default/${name}`, secret(name, `v-${name}`));
    await store.create('/core/configmaps/default/cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'default' }, data: { k: 'plain-value' } });
    assert.equal(store.get('/core/secrets/default/s1')?.value.includes(Buffer.from('v-s1').toString('base64')), true, 'memory holds plain JSON');
    await store.close();

    let raw = rawCurrent(path);
    assert.ok(raw.get('/core/secrets/default/s1')!.startsWith('k8s:enc:aesgcm:v1:key1:'));
    assert.ok(raw.get('/core/configmaps/default/cm')!.includes('plain-value'), 'ConfigMaps are not configured: stored as they are');

    // Rotate: a new key first, the old one second; reopening finds every Secret stale.
    const file = parse(await readFile(first.configFile, 'utf8')) as { resources: { providers: { aesgcm?: { keys: { name: string; secret: string }[] } }[] }[] };
    file.resources[0]!.providers[0]!.aesgcm!.keys.unshift({ name: 'key2', secret: randomBytes(32).toString('base64') });
    await writeFile(first.configFile, stringify(file));
    const second = await prepareEncryptionAtRest({ dataDir: dir, log });
    store = openSqliteStore(path, { fsync: 'normal', transformer: second.transformer });
    assert.equal(store.get('/core/secrets/default/s7')?.object.data && (store.get('/core/secrets/default/s7')!.object.data as Record<string, string>).value, Buffer.from('v-s7').toString('base64'));
    const before = store.revision;
    const result = await second.reencryptStale(store).done;
    assert.deepEqual(result, { rewritten: names.length, skipped: 0, failed: 0, interrupted: false });
    assert.equal(store.revision, before + names.length, 'each Secret written once; the ConfigMap left alone');
    assert.deepEqual(await second.reencryptStale(store).done, { rewritten: 0, skipped: 0, failed: 0, interrupted: false }, 'nothing left');
    await store.close();
    raw = rawCurrent(path);
    for (const name of names) assert.ok(raw.get(`/core/secrets/default/${name}`)!.startsWith('k8s:enc:aesgcm:v1:key2:'), name);

    // The old key removed: everything still reads.
    file.resources[0]!.providers[0]!.aesgcm!.keys.pop();
    await writeFile(first.configFile, stringify(file));
    const third = await prepareEncryptionAtRest({ dataDir: dir, log });
    store = openSqliteStore(path, { fsync: 'normal', transformer: third.transformer });
    assert.equal(store.count('/core/secrets/'), names.length);
    await store.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a store holding values of a key the configuration lacks refuses to open, naming the key', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kurator-at-rest-'));
  const path = join(dir, 'hub.db');
  try {
    const first = await prepareEncryptionAtRest({ dataDir: dir, log });
    const store = openSqliteStore(path, { transformer: first.transformer });
    await store.create('/core/secrets/default/a', secret('a', 'x'));
    await store.close();
    const other = join(dir, 'other.yaml');
    await writeFile(other, stringify({ apiVersion: 'apiserver.config.k8s.io/v1', kind: 'EncryptionConfiguration', resources: [{ resources: ['secrets'], providers: [{ aesgcm: { keys: [{ name: 'fresh', secret: randomBytes(32).toString('base64') }] } }, { identity: {} }] }] }));
    const second = await prepareEncryptionAtRest({ dataDir: dir, configFile: other, log });
    assert.throws(() => openSqliteStore(path, { transformer: second.transformer }), /\/core\/secrets\/default\/a: it is encrypted with aesgcm key "key1", which .*other\.yaml does not list/);
    // The file is released after the failed open.
    const again = openSqliteStore(path, { transformer: first.transformer });
    assert.equal(again.count('/core/secrets/'), 1);
    await again.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a database written before encryption was configured is encrypted at the first start with it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kurator-at-rest-'));
  const path = join(dir, 'hub.db');
  try {
    let store = openSqliteStore(path);
    await store.create('/core/secrets/default/old', secret('old', 'legacy-value'));
    await store.close();
    assert.ok(rawCurrent(path).get('/core/secrets/default/old')!.includes(Buffer.from('legacy-value').toString('base64')));
    const encryption = await prepareEncryptionAtRest({ dataDir: dir, log });
    store = openSqliteStore(path, { transformer: encryption.transformer });
    assert.deepEqual(await encryption.reencryptStale(store).done, { rewritten: 1, skipped: 0, failed: 0, interrupted: false });
    await store.close();
    assert.ok(rawCurrent(path).get('/core/secrets/default/old')!.startsWith('k8s:enc:aesgcm:v1:key1:'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a missing --encryption-provider-config file is named', async () => {
  await assert.rejects(prepareEncryptionAtRest({ dataDir: tmpdir(), configFile: '/nonexistent/enc.yaml', log }), /encryption provider config \/nonexistent\/enc\.yaml does not exist/);
});
