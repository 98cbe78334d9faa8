import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../machinery/object.js';
import { createInProcessClient, type InProcessClient } from './inprocess.js';
import { resources, resourceTypeOf } from './resources.js';
import { configMap, startTestCluster, waitFor, type TestCluster } from './testing.js';
import { ClientError, type WatchEvent } from './types.js';

function deployment(name: string, replicas = 2, image = 'nginx:1'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image }] } },
    },
  };
}

async function rejectsWith(promise: Promise<unknown>, code: number, reason: string): Promise<ClientError> {
  let caught: unknown;
  await assert.rejects(promise, (error: unknown) => {
    caught = error;
    return error instanceof ClientError && error.code === code && error.reason === reason;
  });
  return caught as ClientError;
}

describe('in-process client', () => {
  let env: TestCluster;
  let client: InProcessClient;

  before(async () => {
    env = await startTestCluster({ historyCapacity: 1000 });
    client = createInProcessClient(env.cluster, { fieldManager: 'test-client' });
  });
  after(() => env.stop());

  test('create runs the write lifecycle and leaves the caller object alone', async () => {
    const input = deployment('web');
    const before = structuredClone(input);
    const created = await client.create(resources.deployments, input);
    assert.deepEqual(input, before);
    assert.ok(created.metadata.uid);
    assert.match(created.metadata.resourceVersion ?? '', /^\d+$/);
    assert.equal(created.metadata.generation, 1);
    const spec = created.spec as Record<string, unknown>;
    assert.equal(spec.progressDeadlineSeconds, 600, 'schema defaults applied');
    assert.equal(spec.revisionHistoryLimit, 10);
    assert.deepEqual(created.metadata.managedFields?.map((m) => [m.manager, m.operation]), [['test-client', 'Update']]);
  });

  test('get returns the stored object, undefined for a missing one, and 404 for an unknown resource', async () => {
    const got = await client.get(resources.deployments, 'default', 'web');
    assert.equal(got?.metadata.name, 'web');
    assert.equal(await client.get(resources.deployments, 'default', 'absent'), undefined);
    assert.equal(got, await client.get(resources.deployments, 'default', 'web'), 'stored objects are shared, not copied');
    await rejectsWith(client.get(resourceTypeOf('example.com', 'v1', 'widgets', 'Widget', true), 'default', 'x'), 404, 'NotFound');
    await rejectsWith(client.get(resources.deployments, undefined, 'web'), 400, 'BadRequest');
  });

  test('errors carry the Status code and reason', async () => {
    await client.create(resources.configmaps, configMap('dup'));
    await rejectsWith(client.create(resources.configmaps, configMap('dup')), 409, 'AlreadyExists');
    const missingNs = await rejectsWith(client.create(resources.configmaps, configMap('x', {}, 'no-such-ns')), 404, 'NotFound');
    assert.match(missingNs.message, /namespaces "no-such-ns" not found/);
    const invalid = await rejectsWith(client.create(resources.configmaps, configMap('Bad_Name')), 422, 'Invalid');
    assert.match(invalid.message, /ConfigMap "Bad_Name" is invalid/);
    await rejectsWith(client.create(resources.configmaps, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' } }), 400, 'BadRequest');
  });

  test('update checks the resourceVersion it is based on', async () => {
    const current = await client.get(resources.configmaps, 'default', 'dup');
    assert.ok(current);
    const next = { ...structuredClone(current), data: { a: '1' } };
    const updated = await client.update(resources.configmaps, next);
    assert.deepEqual(updated.data, { a: '1' });
    assert.notEqual(updated.metadata.resourceVersion, current.metadata.resourceVersion);
    await rejectsWith(client.update(resources.configmaps, { ...structuredClone(current), data: { a: '2' } }), 409, 'Conflict');
    await rejectsWith(client.update(resources.configmaps, configMap('never-created')), 404, 'NotFound');
  });

  test('list filters by label and pages with continue tokens', async () => {
    for (const name of ['l1', 'l2', 'l3']) await client.create(resources.configmaps, configMap(name, {}, 'default', { tier: name === 'l2' ? 'db' : 'web' }));
    const web = await client.list(resources.configmaps, 'default', { labelSelector: 'tier=web' });
    assert.deepEqual(web.items.map((i) => i.metadata.name), ['l1', 'l3']);
    assert.match(web.resourceVersion, /^\d+$/);
    const names: string[] = [];
    let continueToken: string | undefined;
    let pages = 0;
    do {
      const page = await client.list(resources.configmaps, 'default', { labelSelector: 'tier', limit: 2, ...(continueToken ? { continueToken } : {}) });
      names.push(...page.items.map((i) => i.metadata.name ?? ''));
      continueToken = page.continueToken;
      pages++;
    } while (continueToken);
    assert.deepEqual(names, ['l1', 'l2', 'l3']);
    assert.equal(pages, 2);
    const all = await client.list(resources.namespaces, undefined);
    assert.ok(all.items.some((n) => n.metadata.name === 'kube-system'));
  });

  test('merge, JSON and strategic patches', async () => {
    const merged = await client.patch(resources.deployments, 'default', 'web', 'merge', { metadata: { labels: { team: 'a' } } });
    assert.deepEqual(merged.metadata.labels, { team: 'a' });
    const jsonPatched = await client.patch(resources.deployments, 'default', 'web', 'json', [{ op: 'replace', path: '/spec/replicas', value: 5 }]);
    assert.equal((jsonPatched.spec as { replicas: number }).replicas, 5);
    assert.equal(jsonPatched.metadata.generation, 2);
    const sidecar = { spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'envoy:1' }] } } } };
    const strategic = await client.patch(resources.deployments, 'default', 'web', 'strategic', sidecar);
    const containers = (strategic.spec as { template: { spec: { containers: { name: string }[] } } }).template.spec.containers;
    assert.deepEqual(containers.map((c) => c.name).sort(), ['main', 'sidecar'], 'strategic merge merges the list by name');
    await rejectsWith(client.patch(resources.deployments, 'default', 'web', 'json', [{ op: 'test', path: '/spec/replicas', value: 99 }]), 422, 'Invalid');
  });

  test('server-side apply tracks field owners, conflicts and force', async () => {
    const applied = await client.patch(resources.configmaps, 'default', 'applied', 'apply', { apiVersion: 'v1', kind: 'ConfigMap', data: { owner: 'a' } }, { fieldManager: 'mgr-a' });
    assert.deepEqual(applied.data, { owner: 'a' });
    assert.deepEqual(applied.metadata.managedFields?.map((m) => [m.manager, m.operation]), [['mgr-a', 'Apply']]);
    const conflict = await rejectsWith(client.patch(resources.configmaps, 'default', 'applied', 'apply', { apiVersion: 'v1', kind: 'ConfigMap', data: { owner: 'b' } }, { fieldManager: 'mgr-b' }), 409, 'Conflict');
    assert.match(conflict.message, /mgr-a/);
    const forced = await client.patch(resources.configmaps, 'default', 'applied', 'apply', { apiVersion: 'v1', kind: 'ConfigMap', data: { owner: 'b' } }, { fieldManager: 'mgr-b', force: true });
    assert.deepEqual(forced.data, { owner: 'b' });
    assert.deepEqual(forced.metadata.managedFields?.map((m) => m.manager), ['mgr-b']);
    const bare = createInProcessClient(env.cluster);
    await rejectsWith(bare.patch(resources.configmaps, 'default', 'applied', 'apply', { data: { owner: 'c' } }), 400, 'BadRequest');
    const defaultManager = await bare.create(resources.configmaps, configMap('by-default-manager'));
    assert.equal(defaultManager.metadata.managedFields?.[0]?.manager, 'kurator', 'the default manager comes from the user agent, as over HTTP');
  });

  test('status and scale subresources', async () => {
    const current = await client.get(resources.deployments, 'default', 'web');
    assert.ok(current);
    const withStatus = await client.update(resources.deployments, { ...structuredClone(current), status: { replicas: 5, readyReplicas: 3 } }, { subresource: 'status' });
    assert.deepEqual(withStatus.status, { replicas: 5, readyReplicas: 3 });
    assert.equal(withStatus.metadata.generation, current.metadata.generation, 'a status write does not bump generation');
    const mainWrite = await client.update(resources.deployments, { ...structuredClone(withStatus), status: { replicas: 0 } });
    assert.deepEqual(mainWrite.status, { replicas: 5, readyReplicas: 3 }, 'the main resource ignores status');

    const scale = await client.patch(resources.deployments, 'default', 'web', 'merge', { spec: { replicas: 7 } }, { subresource: 'scale' });
    assert.equal(scale.kind, 'Scale');
    assert.deepEqual(scale.spec, { replicas: 7 });
    const after = await client.get(resources.deployments, 'default', 'web');
    assert.equal((after?.spec as { replicas: number }).replicas, 7);
    const scaled = await client.update(resources.deployments, { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 1 } }, { subresource: 'scale' });
    assert.deepEqual(scaled.spec, { replicas: 1 });
    await rejectsWith(client.update(resources.configmaps, configMap('dup'), { subresource: 'status' }), 404, 'NotFound');
  });

  test('dry run writes nothing; delete honours preconditions', async () => {
    const dry = await client.create(resources.configmaps, configMap('dry'), { dryRun: true });
    assert.equal(dry.metadata.name, 'dry');
    assert.equal(await client.get(resources.configmaps, 'default', 'dry'), undefined);

    const victim = await client.create(resources.configmaps, configMap('victim'));
    await rejectsWith(client.delete(resources.configmaps, 'default', 'victim', { preconditions: { uid: 'not-the-uid' } }), 409, 'Conflict');
    await client.delete(resources.configmaps, 'default', 'victim', { preconditions: { uid: victim.metadata.uid ?? '' } });
    assert.equal(await client.get(resources.configmaps, 'default', 'victim'), undefined);
    await rejectsWith(client.delete(resources.configmaps, 'default', 'victim'), 404, 'NotFound');
  });

  test('watch delivers events in order, synchronously as the store commits', async () => {
    const start = await client.list(resources.configmaps, 'default');
    const events: string[] = [];
    const handle = client.watch(resources.configmaps, 'default', { resourceVersion: start.resourceVersion }, (e) => events.push(`${e.type} ${e.object.metadata.name} ${e.object.metadata.resourceVersion}`));
    const created = await client.create(resources.configmaps, configMap('w1'));
    assert.equal(events.length, 1, 'the event arrived before the write returned');
    const updated = await client.patch(resources.configmaps, 'default', 'w1', 'merge', { data: { x: 'y' } });
    await client.delete(resources.configmaps, 'default', 'w1');
    handle.stop();
    await handle.done;
    assert.equal(events[0], `ADDED w1 ${created.metadata.resourceVersion}`);
    assert.equal(events[1], `MODIFIED w1 ${updated.metadata.resourceVersion}`);
    assert.match(events[2] ?? '', /^DELETED w1 \d+$/);
    assert.equal(events.length, 3);
  });

  test('watch without a resourceVersion sends initial ADDED events after returning its handle', async () => {
    const seen: WatchEvent[] = [];
    let returned = false;
    const handle = client.watch(resources.configmaps, 'default', { labelSelector: 'tier=web' }, (e) => {
      assert.ok(returned, 'onEvent ran before watch() returned');
      seen.push(e);
    });
    returned = true;
    await waitFor(() => seen.length === 2, 'two initial events');
    assert.deepEqual(seen.map((e) => `${e.type} ${e.object.metadata.name}`), ['ADDED l1', 'ADDED l3']);
    await client.patch(resources.configmaps, 'default', 'l1', 'merge', { metadata: { labels: { tier: 'db' } } });
    assert.equal(seen.at(-1)?.type, 'DELETED', 'leaving the selection is a DELETED event');
    handle.stop();
    await handle.done;
  });

  test('watch ends: 410 for a compacted resourceVersion, the handler error, or endWatches', async () => {
    const old = (await client.list(resources.configmaps, 'default')).resourceVersion;
    await client.create(resources.configmaps, configMap('compact-me'));
    await env.cluster.store.compact(env.cluster.store.revision);
    const expired = client.watch(resources.configmaps, 'default', { resourceVersion: old }, () => undefined);
    await assert.rejects(expired.done, (e: unknown) => e instanceof ClientError && e.code === 410 && e.reason === 'Expired');

    const rv = String(env.cluster.store.revision);
    const throwing = client.watch(resources.configmaps, 'default', { resourceVersion: rv }, () => {
      throw new Error('handler broke');
    });
    await client.create(resources.configmaps, configMap('boom'));
    await assert.rejects(throwing.done, /handler broke/);

    const clean = client.watch(resources.configmaps, 'default', { resourceVersion: String(env.cluster.store.revision) }, () => undefined);
    const failed = client.watch(resources.configmaps, 'default', { resourceVersion: String(env.cluster.store.revision) }, () => undefined);
    client.endWatches();
    await clean.done;
    await failed.done;
    const again = client.watch(resources.configmaps, 'default', { resourceVersion: String(env.cluster.store.revision) }, () => undefined);
    client.endWatches(new ClientError(410, 'Expired', 'forced'));
    await assert.rejects(again.done, (e: unknown) => e instanceof ClientError && e.code === 410);

    const unknown = client.watch(resourceTypeOf('example.com', 'v1', 'widgets', 'Widget', true), undefined, {}, () => undefined);
    await assert.rejects(unknown.done, (e: unknown) => e instanceof ClientError && e.code === 404);
  });
});
