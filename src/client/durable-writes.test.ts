import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { builtinKinds } from '../api/builtin/index.js';
import { ApiServer } from '../apiserver/api-server.js';
import { openSqliteStore } from '../storage/sqlite.js';
import { createInProcessClient, type InProcessClient } from './inprocess.js';
import { resources } from './resources.js';
import { configMap } from './testing.js';
import { ClientError } from './types.js';

// On a durable store a write is accepted, then made durable by the SQLite writer thread, then readable:
// writes racing on one object meet while another is on its way to disk.
describe('concurrent writes to one object on a durable store', () => {
  let dir: string;
  let server: ApiServer;
  let client: InProcessClient;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kurator-durable-writes-'));
    server = new ApiServer({ log: pino({ level: 'silent' }), builtins: builtinKinds, namespaceRecheckMs: 50 });
    const cluster = await server.addCluster('', openSqliteStore(join(dir, 'state.db')));
    client = createInProcessClient(cluster, { fieldManager: 'durable-writes-test' });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('merge patches sent at once all land, none refused with a Conflict', async () => {
    await client.create(resources.configmaps, configMap('patched', {}));
    const patches = Array.from({ length: 20 }, (_, i) => client.patch(resources.configmaps, 'default', 'patched', 'merge', { data: { [`k${i}`]: String(i) } }));
    const results = await Promise.allSettled(patches);
    const refused = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason));
    assert.deepEqual(refused, []);
    const stored = await client.get(resources.configmaps, 'default', 'patched');
    assert.deepEqual(Object.keys(stored?.data ?? {}).sort(), Array.from({ length: 20 }, (_, i) => `k${i}`).sort());
  });

  test('an update that lost to a write on its way to disk gets its Conflict once the winner is readable', async () => {
    const created = await client.create(resources.configmaps, configMap('raced', { v: '0' }));
    const winner = client.update(resources.configmaps, { ...created, data: { v: 'winner' } });
    const loser = client.update(resources.configmaps, { ...created, data: { v: 'loser' } });
    await assert.rejects(loser, (error: unknown) => error instanceof ClientError && error.code === 409);
    // What a client does after a Conflict: read again. It finds the version that won, not the one it sent.
    const reread = await client.get(resources.configmaps, 'default', 'raced');
    assert.notEqual(reread?.metadata.resourceVersion, created.metadata.resourceVersion);
    assert.deepEqual(reread?.data, { v: 'winner' });
    await winner;
  });
});
