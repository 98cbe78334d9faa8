import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { startHub, type Hub } from '../hub/hub.js';
import { loadKubeconfig } from './kubeconfig.js';
import type { KubeObject } from '../machinery/object.js';
import type { Informer } from './controller-types.js';
import { createHttpClient } from './http.js';
import { createInformer } from './informer.js';
import { createInProcessClient, type InProcessClient } from './inprocess.js';
import { resources } from './resources.js';
import { configMap, startTestCluster, waitFor, type TestCluster } from './testing.js';
import { ClientError, type Client } from './types.js';

interface Counted {
  client: Client;
  lists: number;
  watches: number;
}

/** Counts the lists and watches an informer makes. */
function counted(inner: Client): Counted {
  const counts: Counted = { client: inner, lists: 0, watches: 0 };
  counts.client = {
    get: (...a) => inner.get(...a),
    create: (...a) => inner.create(...a),
    update: (...a) => inner.update(...a),
    patch: (...a) => inner.patch(...a),
    delete: (...a) => inner.delete(...a),
    list: (...a) => {
      counts.lists++;
      return inner.list(...a);
    },
    watch: (...a) => {
      counts.watches++;
      return inner.watch(...a);
    },
  };
  return counts;
}

/** Records handler calls as "add a", "update a 5->7", "delete a". */
function record(informer: Informer): string[] {
  const log: string[] = [];
  const rv = (o: KubeObject): string => o.metadata.resourceVersion ?? '';
  informer.addHandlers({
    add: (o) => log.push(`add ${o.metadata.name}`),
    update: (old, o) => log.push(`update ${o.metadata.name} ${old.metadata.labels?.v ?? ''}->${o.metadata.labels?.v ?? ''}${rv(old) === rv(o) ? ' SAME-RV' : ''}`),
    delete: (o) => log.push(`delete ${o.metadata.name}`),
  });
  return log;
}


/** An informer asked for metadata only caches PartialObjectMetadata and still sees every change. */
async function checkMetadataOnly(reader: Client, writer: Client, prefix: string): Promise<void> {
  await writer.create(resources.configmaps, configMap(`${prefix}1`, { secret: 'value-1' }, 'default', { app: `${prefix}meta`, v: '1' }));
  const informer = createInformer(reader, resources.configmaps, { labelSelector: `app=${prefix}meta`, metadataOnly: true });
  const log = record(informer);
  await informer.start();
  await writer.patch(resources.configmaps, 'default', `${prefix}1`, 'merge', { data: { secret: 'value-2' } });
  await writer.patch(resources.configmaps, 'default', `${prefix}1`, 'merge', { metadata: { labels: { v: '2' } } });
  await writer.create(resources.configmaps, configMap(`${prefix}2`, { secret: 'value-3' }, 'default', { app: `${prefix}meta`, v: '1' }));
  await writer.delete(resources.configmaps, 'default', `${prefix}1`);
  await waitFor(() => log.length === 5, 'five changes seen');
  assert.deepEqual(log, [`add ${prefix}1`, `update ${prefix}1 1->1`, `update ${prefix}1 1->2`, `add ${prefix}2`, `delete ${prefix}1`]);
  const cached = informer.get('default', `${prefix}2`)!;
  assert.equal(cached.kind, 'PartialObjectMetadata');
  assert.equal(cached.apiVersion, 'meta.k8s.io/v1');
  assert.deepEqual(cached.metadata.labels, { app: `${prefix}meta`, v: '1' });
  assert.deepEqual(Object.keys(cached).sort(), ['apiVersion', 'kind', 'metadata'], 'no data');
  informer.stop();
}

const labelled = (name: string, v: string, namespace = 'default'): KubeObject => configMap(name, {}, namespace, { v, app: 'informer' });

describe('informer over the in-process client', () => {
  let env: TestCluster;
  let client: InProcessClient;

  before(async () => {
    env = await startTestCluster({ historyCapacity: 1000 });
    client = createInProcessClient(env.cluster);
    await client.create(resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } });
  });
  after(() => env.stop());

  test('lists, then turns watch events into add/update/delete; caches, indexes and late handlers', async () => {
    await client.create(resources.configmaps, labelled('a', '1'));
    await client.create(resources.configmaps, labelled('b', '1', 'other'));
    const informer = createInformer(client, resources.configmaps, { labelSelector: 'app=informer' });
    informer.addIndex('by-v', (o) => [o.metadata.labels?.v ?? '']);
    const log = record(informer);
    await informer.start();
    assert.ok(informer.synced);
    assert.deepEqual(log.sort(), ['add a', 'add b']);
    log.length = 0;

    await client.create(resources.configmaps, labelled('c', '1'));
    await client.patch(resources.configmaps, 'default', 'a', 'merge', { metadata: { labels: { v: '2' } } });
    await client.delete(resources.configmaps, 'other', 'b');
    assert.deepEqual(log, ['add c', 'update a 1->2', 'delete b']);

    assert.equal(informer.get('default', 'a')?.metadata.labels?.v, '2');
    assert.equal(informer.get('other', 'b'), undefined);
    assert.deepEqual(informer.list('default').map((o) => o.metadata.name).sort(), ['a', 'c']);
    assert.deepEqual(informer.byIndex('namespace', 'other'), []);
    assert.deepEqual(informer.byIndex('by-v', '1').map((o) => o.metadata.name), ['c']);
    assert.deepEqual(informer.byIndex('by-v', '2').map((o) => o.metadata.name), ['a']);
    assert.throws(() => informer.byIndex('missing', 'x'), /does not exist/);

    const late: string[] = [];
    informer.addHandlers({ add: (o) => late.push(o.metadata.name ?? '') });
    assert.deepEqual(late.sort(), ['a', 'c'], 'a handler added after start sees the cache as adds');

    informer.addIndex('by-name-prefix', (o) => [(o.metadata.name ?? '').slice(0, 1)]);
    assert.deepEqual(informer.byIndex('by-name-prefix', 'c').map((o) => o.metadata.name), ['c'], 'an index added late covers the cache');
    informer.stop();
  });

  test('a watch that ends is resumed from the last resourceVersion, without a relist', async () => {
    const counts = counted(client);
    const informer = createInformer(counts.client, resources.configmaps, { labelSelector: 'app=informer', relistBackoffMs: 20 });
    const log = record(informer);
    await informer.start();
    await waitFor(() => counts.watches === 1, 'the first watch');
    log.length = 0;
    client.endWatches();
    await client.create(resources.configmaps, labelled('d', '1'));
    await client.patch(resources.configmaps, 'default', 'd', 'merge', { metadata: { labels: { v: '2' } } });
    await waitFor(() => log.length === 2, 'events after the resumed watch');
    assert.deepEqual(log, ['add d', 'update d 1->2']);
    assert.equal(counts.lists, 1);
    assert.equal(counts.watches, 2);
    assert.equal(informer.resourceVersion, informer.get('default', 'd')?.metadata.resourceVersion);

    client.endWatches(new ClientError(500, 'InternalError', 'transient'));
    await client.delete(resources.configmaps, 'default', 'd');
    await waitFor(() => log.length === 3, 'the delete after a failed watch');
    assert.equal(log[2], 'delete d');
    assert.equal(counts.lists, 1, 'a failed watch is retried from the last resourceVersion');
    informer.stop();
  });

  test('410 Expired relists and delivers the difference: adds, updates, deletes, nothing for unchanged', async () => {
    for (const name of ['keep', 'change', 'vanish']) await client.create(resources.configmaps, labelled(name, '1', 'other'));
    const counts = counted(client);
    const informer = createInformer(counts.client, resources.configmaps, { namespace: 'other', relistBackoffMs: 100 });
    const log = record(informer);
    await informer.start();
    await waitFor(() => counts.watches === 1, 'the first watch');
    log.length = 0;
    // End the watch before it sees anything (it backs off), change things behind its back, and compact
    // history past its resourceVersion so the resumed watch is answered with 410 Expired.
    client.endWatches();
    await client.delete(resources.configmaps, 'other', 'vanish');
    await client.patch(resources.configmaps, 'other', 'change', 'merge', { metadata: { labels: { v: '2' } } });
    await client.create(resources.configmaps, labelled('new', '1', 'other'));
    await env.cluster.store.compact(env.cluster.store.revision);
    await waitFor(() => counts.lists === 2 && log.length === 3, 'the relist');
    assert.deepEqual(log.sort(), ['add new', 'delete vanish', 'update change 1->2']);
    assert.deepEqual(informer.list().map((o) => o.metadata.name).sort(), ['change', 'keep', 'new']);

    await client.delete(resources.configmaps, 'other', 'keep');
    await waitFor(() => log.length === 4, 'watching again after the relist');
    assert.equal(log[3], 'delete keep');
    informer.stop();
  });

  test('a transform decides what is cached and handed to handlers; changes still arrive', async () => {
    await client.create(resources.configmaps, configMap('t1', { big: 'x'.repeat(1000) }, 'default', { app: 'slim', v: '1' }));
    const slim = (o: KubeObject): KubeObject => ({ apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.metadata.name, namespace: o.metadata.namespace, resourceVersion: o.metadata.resourceVersion, labels: o.metadata.labels } });
    const informer = createInformer(client, resources.configmaps, { labelSelector: 'app=slim', transform: slim });
    const log = record(informer);
    const seen: KubeObject[] = [];
    informer.addHandlers({ add: (o) => seen.push(o), update: (_old, o) => seen.push(o), delete: (o) => seen.push(o) });
    await informer.start();
    await client.patch(resources.configmaps, 'default', 't1', 'merge', { data: { big: 'y' } });
    await client.patch(resources.configmaps, 'default', 't1', 'merge', { metadata: { labels: { v: '2' } } });
    await client.delete(resources.configmaps, 'default', 't1');
    assert.deepEqual(log, ['add t1', 'update t1 1->1', 'update t1 1->2', 'delete t1'], 'a data-only change is still an update');
    assert.ok(seen.every((o) => !('data' in o)), 'handlers only see what the transform kept');
    await client.create(resources.configmaps, configMap('t2', { big: 'z' }, 'default', { app: 'slim', v: '1' }));
    await waitFor(() => informer.get('default', 't2') !== undefined, 'the new object in the cache');
    assert.deepEqual(Object.keys(informer.get('default', 't2')!).sort(), ['apiVersion', 'kind', 'metadata']);
    informer.stop();
  });

  test('metadataOnly: PartialObjectMetadata cached, every change still seen', async () => {
    await checkMetadataOnly(client, client, 'ip');
  });

  test('stop before the first list resolves start without syncing', async () => {
    const informer = createInformer(client, { group: 'example.com', version: 'v1', resource: 'widgets', kind: 'Widget', namespaced: true }, { relistBackoffMs: 10 });
    const started = informer.start();
    await new Promise((resolve) => setTimeout(resolve, 30));
    informer.stop();
    await started;
    assert.equal(informer.synced, false);
  });
});

describe('informer over HTTP', () => {
  let hub: Hub;
  let dataDir: string;
  let writer: Client;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kurator-informer-'));
    hub = await startHub({ dataDir, port: 0, address: '127.0.0.1', storage: 'memory', log: pino({ level: 'silent' }), server: { minWatchTimeoutSeconds: 1 } });
    writer = createInProcessClient(hub.server.clusters.get('')!);
  });
  after(async () => {
    await hub.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('server-ended watches are resumed; a broken connection and 410 lead to a relist with synthetic deletes', async () => {
    for (const name of ['h1', 'h2']) await writer.create(resources.configmaps, labelled(name, '1'));
    const http = createHttpClient(loadKubeconfig(await readFile(hub.kubeconfigPath, 'utf8')));
    const counts = counted(http);
    const informer = createInformer(counts.client, resources.configmaps, { labelSelector: 'app=informer', relistBackoffMs: 400 });
    const log = record(informer);
    await informer.start();
    assert.deepEqual(log.sort(), ['add h1', 'add h2']);
    log.length = 0;

    // The server ends each watch after 1-2 s; the informer resumes from its resourceVersion.
    await waitFor(() => counts.watches >= 2, 'a second watch after the server ended the first', 5000);
    await writer.patch(resources.configmaps, 'default', 'h1', 'merge', { metadata: { labels: { v: '2' } } });
    await waitFor(() => log.length === 1, 'the update over the resumed watch');
    assert.deepEqual(log, ['update h1 1->2']);
    assert.equal(counts.lists, 1);

    // Break the connection: the informer backs off; meanwhile objects change and history is compacted.
    http.close();
    await writer.delete(resources.configmaps, 'default', 'h2');
    await writer.create(resources.configmaps, labelled('h3', '1'));
    await hub.store.compact(hub.store.revision);
    await waitFor(() => counts.lists === 2 && log.length === 3, 'the relist after 410', 5000);
    assert.deepEqual(log.slice(1).sort(), ['add h3', 'delete h2']);
    assert.deepEqual(informer.list('default').map((o) => o.metadata.name).sort(), ['h1', 'h3']);
    informer.stop();
    http.close();
  });

  test('metadataOnly: the server sends PartialObjectMetadata lists and watch events', async () => {
    const http = createHttpClient(loadKubeconfig(await readFile(hub.kubeconfigPath, 'utf8')));
    try {
      await checkMetadataOnly(http, writer, 'hp');
    } finally {
      http.close();
    }
  });
});
