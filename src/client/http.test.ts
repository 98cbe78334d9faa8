import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { startHub, type Hub } from '../hub/hub.js';
import { createMemoryStore } from '../storage/memory.js';
import { createHttpClient, type HttpClient } from './http.js';
import { loadKubeconfig } from './kubeconfig.js';
import { resources, resourceTypeOf } from './resources.js';
import { configMap, waitFor } from './testing.js';
import { ClientError } from './types.js';

async function rejectsWith(promise: Promise<unknown>, code: number, reason: string): Promise<ClientError> {
  let caught: unknown;
  await assert.rejects(promise, (error: unknown) => {
    caught = error;
    return error instanceof ClientError && error.code === code && error.reason === reason;
  });
  return caught as ClientError;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('HTTP client against a hub logical cluster', () => {
  let hub: Hub;
  let dataDir: string;
  let client: HttpClient;
  let root: HttpClient;
  let clusterConfig: ReturnType<typeof loadKubeconfig>;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kurator-client-'));
    hub = await startHub({ dataDir, port: 0, address: '127.0.0.1', storage: 'memory', log: pino({ level: 'silent' }), server: { bookmarkIntervalMs: 100 } });
    await hub.server.addCluster('x', createMemoryStore({ historyCapacity: 1000 }));
    // The hub's admin kubeconfig (TLS, client certificate), pointed at the logical cluster.
    const admin = loadKubeconfig(await readFile(hub.kubeconfigPath, 'utf8'));
    clusterConfig = { ...admin, server: `${hub.url}/clusters/x` };
    client = createHttpClient(clusterConfig, { fieldManager: 'http-test' });
    root = createHttpClient(admin);
  });
  after(async () => {
    client.close();
    root.close();
    await hub.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('CRUD goes to the logical cluster named by the path prefix', async () => {
    const created = await client.create(resources.configmaps, configMap('cm1', { a: '1' }));
    assert.ok(created.metadata.uid);
    assert.deepEqual(created.metadata.managedFields?.map((m) => m.manager), ['http-test']);
    assert.equal((await client.get(resources.configmaps, 'default', 'cm1'))?.metadata.uid, created.metadata.uid);
    assert.equal(await root.get(resources.configmaps, 'default', 'cm1'), undefined, 'the root cluster does not see it');
    assert.equal(await client.get(resources.configmaps, 'default', 'absent'), undefined);
    await rejectsWith(client.get(resourceTypeOf('example.com', 'v1', 'widgets', 'Widget', true), 'default', 'w'), 404, 'NotFound');

    const updated = await client.update(resources.configmaps, { ...structuredClone(created), data: { a: '2' } });
    assert.deepEqual(updated.data, { a: '2' });
    await rejectsWith(client.update(resources.configmaps, { ...structuredClone(created), data: { a: '3' } }), 409, 'Conflict');
    await rejectsWith(client.create(resources.configmaps, configMap('cm1')), 409, 'AlreadyExists');
    const invalid = await rejectsWith(client.create(resources.configmaps, configMap('Bad_Name')), 422, 'Invalid');
    assert.match(invalid.message, /is invalid/);

    await rejectsWith(client.delete(resources.configmaps, 'default', 'cm1', { preconditions: { resourceVersion: created.metadata.resourceVersion ?? '' } }), 409, 'Conflict');
    await client.delete(resources.configmaps, 'default', 'cm1');
    assert.equal(await client.get(resources.configmaps, 'default', 'cm1'), undefined);
  });

  test('a response arriving in many chunks, multi-byte characters split across them, is read intact', async () => {
    // ~600 KB of text whose characters take 2 to 4 bytes: TLS records and socket reads cut through them.
    const text = 'é日本語🙂'.repeat(40_000);
    await client.create(resources.configmaps, configMap('large', { text }));
    const read = await client.get(resources.configmaps, 'default', 'large');
    assert.deepEqual(read?.data, { text });
    const listed = await client.list(resources.configmaps, 'default');
    assert.deepEqual(listed.items.find((i) => i.metadata.name === 'large')?.data, { text });
    await client.delete(resources.configmaps, 'default', 'large');
  });

  test('list fills kind and apiVersion and pages', async () => {
    for (const name of ['p1', 'p2', 'p3']) await client.create(resources.configmaps, configMap(name, {}, 'default', { set: 'paging' }));
    const first = await client.list(resources.configmaps, 'default', { labelSelector: 'set=paging', limit: 2 });
    assert.deepEqual(first.items.map((i) => [i.kind, i.apiVersion, i.metadata.name]), [['ConfigMap', 'v1', 'p1'], ['ConfigMap', 'v1', 'p2']]);
    assert.ok(first.continueToken);
    const second = await client.list(resources.configmaps, 'default', { labelSelector: 'set=paging', limit: 2, continueToken: first.continueToken });
    assert.deepEqual(second.items.map((i) => i.metadata.name), ['p3']);
    assert.equal(second.continueToken, undefined);
    assert.match(second.resourceVersion, /^\d+$/);
  });

  test('each patch type is sent with its content type', async () => {
    await client.create(resources.configmaps, configMap('patched', { a: '1' }));
    const merged = await client.patch(resources.configmaps, 'default', 'patched', 'merge', { data: { b: '2' } });
    assert.deepEqual(merged.data, { a: '1', b: '2' });
    const json = await client.patch(resources.configmaps, 'default', 'patched', 'json', [{ op: 'remove', path: '/data/a' }]);
    assert.deepEqual(json.data, { b: '2' });
    const strategic = await client.patch(resources.configmaps, 'default', 'patched', 'strategic', { data: { c: '3' } });
    assert.deepEqual(strategic.data, { b: '2', c: '3' });

    const applied = await client.patch(resources.configmaps, 'default', 'applied', 'apply', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied' }, data: { k: 'a' } }, { fieldManager: 'mgr-a' });
    assert.deepEqual(applied.metadata.managedFields?.map((m) => [m.manager, m.operation]), [['mgr-a', 'Apply']]);
    await rejectsWith(client.patch(resources.configmaps, 'default', 'applied', 'apply', { apiVersion: 'v1', kind: 'ConfigMap', data: { k: 'b' } }, { fieldManager: 'mgr-b' }), 409, 'Conflict');
    const forced = await client.patch(resources.configmaps, 'default', 'applied', 'apply', { apiVersion: 'v1', kind: 'ConfigMap', data: { k: 'b' } }, { fieldManager: 'mgr-b', force: true });
    assert.deepEqual(forced.data, { k: 'b' });
    await rejectsWith(client.patch(resources.deployments, 'default', 'nope', 'merge', { spec: {} }), 404, 'NotFound');
    const bare = createHttpClient(clusterConfig);
    await rejectsWith(bare.patch(resources.configmaps, 'default', 'applied', 'apply', { data: {} }), 400, 'BadRequest');
    bare.close();

    const rs = await client.create(resources.replicasets, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'rs', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'rs' } }, template: { metadata: { labels: { app: 'rs' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
    });
    const withStatus = await client.patch(resources.replicasets, 'default', 'rs', 'merge', { status: { replicas: 3 } }, { subresource: 'status' });
    assert.deepEqual(withStatus.status, { replicas: 3 });
    assert.equal(withStatus.metadata.generation, rs.metadata.generation);
    const scale = await client.update(resources.replicasets, { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'rs', namespace: 'default' }, spec: { replicas: 4 } }, { subresource: 'scale' });
    assert.deepEqual(scale.spec, { replicas: 4 });
  });

  test('watch streams events, ends with 410 Expired for a compacted resourceVersion, and resolves on stop', async () => {
    const start = await client.list(resources.configmaps, 'default');
    const events: string[] = [];
    const handle = client.watch(resources.configmaps, 'default', { resourceVersion: start.resourceVersion }, (e) => events.push(`${e.type} ${e.object.metadata.name ?? ''}`));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await client.create(resources.configmaps, configMap('watched'));
    await client.patch(resources.configmaps, 'default', 'watched', 'merge', { data: { z: '1' } });
    await client.delete(resources.configmaps, 'default', 'watched');
    await waitFor(() => events.filter((e) => !e.startsWith('BOOKMARK')).length === 3, 'three watch events');
    assert.deepEqual(events.filter((e) => !e.startsWith('BOOKMARK')), ['ADDED watched', 'MODIFIED watched', 'DELETED watched']);
    await waitFor(() => events.some((e) => e.startsWith('BOOKMARK')), 'a bookmark');
    handle.stop();
    await handle.done;

    const cluster = hub.server.clusters.get('x')!;
    const old = start.resourceVersion;
    await cluster.store.compact(cluster.store.revision);
    const expired = client.watch(resources.configmaps, 'default', { resourceVersion: old }, () => undefined);
    await rejectsWith(expired.done, 410, 'Expired');
  });
});

describe('HTTP client transport failures', () => {
  test('a connection that breaks mid-watch rejects done after the events it carried', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(`${JSON.stringify({ type: 'ADDED', object: configMap('one') })}\n{"type":"MODI`);
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const url = await listen(server);
    const client = createHttpClient({ server: url, token: 'secret-token' });
    const events: string[] = [];
    const handle = client.watch(resources.configmaps, 'default', { resourceVersion: '1' }, (e) => events.push(`${e.type} ${e.object.metadata.name ?? ''}`));
    const error = await rejectsWith(handle.done, 0, 'ConnectionFailed');
    assert.deepEqual(events, ['ADDED one']);
    assert.doesNotMatch(error.message, /secret-token/);
    client.close();
    server.close();
  });

  test('a Status error response becomes the ClientError; non-Status bodies keep the HTTP code', async () => {
    let auth: string | undefined;
    const server = createServer((req, res) => {
      auth = req.headers.authorization;
      if (req.url?.includes('/configmaps/forbidden')) {
        res.writeHead(403, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'configmaps "forbidden" is forbidden: nope', reason: 'Forbidden', code: 403 }));
      } else {
        res.writeHead(502);
        res.end('bad gateway');
      }
    });
    const url = await listen(server);
    const client = createHttpClient({ server: `${url}/prefix`, token: 'secret-token' });
    const forbidden = await rejectsWith(client.get(resources.configmaps, 'default', 'forbidden'), 403, 'Forbidden');
    assert.match(forbidden.message, /is forbidden: nope/);
    assert.equal(auth, 'Bearer secret-token');
    const gateway = await rejectsWith(client.list(resources.configmaps, 'default'), 502, 'InternalError');
    assert.match(gateway.message, /bad gateway/);
    client.close();
    server.close();
  });

  test('timeouts and refused connections are code 0 errors without credentials', async () => {
    const server = createServer(() => undefined);
    const url = await listen(server);
    const slow = createHttpClient({ server: url, token: 'secret-token' }, { timeoutMs: 50 });
    const timeout = await rejectsWith(slow.get(resources.configmaps, 'default', 'x'), 0, 'Timeout');
    assert.doesNotMatch(timeout.message, /secret-token/);
    slow.close();
    server.closeAllConnections();
    server.close();

    const refused = createHttpClient({ server: url, token: 'secret-token' });
    const error = await rejectsWith(refused.get(resources.configmaps, 'default', 'x'), 0, 'ConnectionFailed');
    assert.match(error.message, /ECONNREFUSED/);
    assert.doesNotMatch(error.message, /secret-token/);
    refused.close();
  });
});
