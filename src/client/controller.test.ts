import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../machinery/object.js';
import { FakeClock } from './clock.js';
import { ControllerManager, defineController } from './controller.js';
import { TerminalError, type Informer, type ObjectKey } from './controller-types.js';
import { isNotFound } from './errors.js';
import { createInProcessClient, type InProcessClient } from './inprocess.js';
import { keyString } from './keys.js';
import { resources } from './resources.js';
import { configMap, startTestCluster, waitFor, type TestCluster } from './testing.js';
import { ClientError, type Client } from './types.js';

function replicaSet(name: string, replicas: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image: 'nginx:1' }] } },
    },
  };
}

/** Keeps a ConfigMap "<rs>-config" with data.replicas equal to the ReplicaSet's spec.replicas. */
function configMapReconciler(client: Client, replicaSets: Informer, configMaps: Informer, seen: string[]) {
  return async (key: ObjectKey): Promise<void> => {
    seen.push(keyString(key));
    const rs = replicaSets.get(key.namespace, key.name);
    if (!rs || rs.metadata.deletionTimestamp) return;
    const want = { replicas: String((rs.spec as { replicas?: number }).replicas ?? 1) };
    const name = `${key.name}-config`;
    const current = configMaps.get(key.namespace, name);
    if (!current) {
      const owned = configMap(name, want, key.namespace);
      owned.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: key.name, uid: rs.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }];
      await client.create(resources.configmaps, owned);
      return;
    }
    if (JSON.stringify(current.data) === JSON.stringify(want)) return;
    // Cached objects are shared: copy before changing.
    await client.update(resources.configmaps, { ...structuredClone(current), data: want });
  };
}

describe('controllers against a logical cluster', () => {
  let env: TestCluster;
  let client: InProcessClient;

  before(async () => {
    env = await startTestCluster();
    client = createInProcessClient(env.cluster, { fieldManager: 'controller-test' });
  });
  after(() => env.stop());

  test('a controller reconciles ReplicaSet-owned ConfigMaps end to end, mapping owned objects to their owner', async () => {
    await client.create(resources.replicasets, replicaSet('early', 1));
    const manager = new ControllerManager(client, { informerDefaults: { relistBackoffMs: 20 } });
    const replicaSets = manager.informer(resources.replicasets);
    const configMaps = manager.informer(resources.configmaps);
    assert.equal(manager.informer(resources.replicasets), replicaSets, 'one shared informer per resource');
    const seen: string[] = [];
    manager.add(defineController({ name: 'rs-config', for: replicaSets, owns: [configMaps], reconcile: configMapReconciler(client, replicaSets, configMaps, seen) }));
    await manager.start();
    await manager.idle();
    assert.deepEqual((await client.get(resources.configmaps, 'default', 'early-config'))?.data, { replicas: '1' }, 'objects present at start are reconciled');

    await client.create(resources.replicasets, replicaSet('web', 3));
    await manager.idle();
    const made = await client.get(resources.configmaps, 'default', 'web-config');
    assert.deepEqual(made?.data, { replicas: '3' });
    assert.equal(made?.metadata.ownerReferences?.[0]?.name, 'web');

    await client.patch(resources.replicasets, 'default', 'web', 'merge', { spec: { replicas: 5 } });
    await manager.idle();
    assert.deepEqual((await client.get(resources.configmaps, 'default', 'web-config'))?.data, { replicas: '5' });

    // Someone else changes the owned ConfigMap: its event maps to the owner, which puts it back.
    seen.length = 0;
    await client.patch(resources.configmaps, 'default', 'web-config', 'merge', { data: { replicas: '99' } });
    await manager.idle();
    assert.ok(seen.includes('default/web'), `the owner was reconciled (saw ${seen.join(', ')})`);
    assert.deepEqual((await client.get(resources.configmaps, 'default', 'web-config'))?.data, { replicas: '5' });

    // A ConfigMap without a controlling owner reference of the primary kind enqueues nothing.
    seen.length = 0;
    await client.create(resources.configmaps, configMap('unowned'));
    await manager.idle();
    assert.deepEqual(seen, []);

    await client.delete(resources.configmaps, 'default', 'web-config');
    await manager.idle();
    assert.ok(await client.get(resources.configmaps, 'default', 'web-config'), 'a deleted owned object is recreated');

    // Deleting the owner: the server's garbage collector removes the dependent.
    await client.delete(resources.replicasets, 'default', 'web');
    await env.cluster.settle();
    await waitFor(() => configMaps.get('default', 'web-config') === undefined, 'the dependent to be collected');
    manager.stop();
  });

  test('requeueAfterMs brings a key back after the delay; errors back off (conflicts quietly); TerminalError is not retried', async () => {
    const clock = new FakeClock();
    const manager = new ControllerManager(client);
    const configMaps = manager.informer(resources.configmaps, { namespace: 'timed' });
    await client.create(resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'timed' } });
    const calls: string[] = [];
    let failures = 0;
    let conflicts = 0;
    const warnings: string[] = [];
    const quiet: string[] = [];
    const log = {
      debug: (_: object, m: string): void => void quiet.push(m),
      warn: (_: object, m: string): void => void warnings.push(m),
      error: (_: object, m: string): void => void warnings.push(m),
    };
    const controller = defineController(
      {
        name: 'timed',
        for: configMaps,
        reconcile: async (key) => {
          calls.push(key.name);
          if (key.name === 'poll') return { requeueAfterMs: 1000 };
          if (key.name === 'flaky' && failures++ < 2) throw new Error('not yet');
          if (key.name === 'broken') throw new TerminalError('bad spec');
          if (key.name === 'raced' && conflicts++ < 1) throw new ClientError(409, 'Conflict', 'the object has been modified');
          return undefined;
        },
      },
      { clock, log },
    );
    manager.add(controller);
    await manager.start();
    for (const name of ['poll', 'flaky', 'broken', 'raced']) await client.create(resources.configmaps, configMap(name, {}, 'timed'));
    await controller.idle();
    assert.deepEqual(calls.sort(), ['broken', 'flaky', 'poll', 'raced']);
    assert.deepEqual(warnings.sort(), ['reconcile failed permanently; not retrying', 'reconcile failed; retrying with backoff']);
    assert.deepEqual(quiet, ['reconcile failed; retrying with backoff'], 'the conflict is retried like any failure, logged at debug');

    calls.length = 0;
    clock.advance(5);
    await controller.idle();
    assert.deepEqual(calls.sort(), ['flaky', 'raced'], 'first retry after 5 ms');
    calls.splice(calls.indexOf('raced'), 1);
    clock.advance(9);
    await controller.idle();
    assert.deepEqual(calls, ['flaky'], 'second retry waits 10 ms');
    clock.advance(1);
    await controller.idle();
    assert.deepEqual(calls, ['flaky', 'flaky']);

    clock.advance(984);
    await controller.idle();
    assert.equal(calls.includes('poll'), false);
    clock.advance(1);
    await controller.idle();
    assert.deepEqual(calls, ['flaky', 'flaky', 'poll'], 'poll comes back after 1000 ms; broken never does');
    clock.advance(1000);
    await controller.idle();
    assert.equal(calls.filter((c) => c === 'poll').length, 2);
    manager.stop();
  });

  test('watches map other objects to keys; several workers never reconcile one key at once', async () => {
    const manager = new ControllerManager(client);
    const namespaces = manager.informer(resources.namespaces);
    const configMaps = manager.informer(resources.configmaps, { namespace: 'default' });
    const active = new Set<string>();
    let overlap = false;
    let maxActive = 0;
    const calls: string[] = [];
    const controller = defineController({
      name: 'mapped',
      for: configMaps,
      // Every namespace event asks for a ConfigMap named after it in "default".
      watches: [{ informer: namespaces, map: (ns) => [{ namespace: 'default', name: `ns-${ns.metadata.name}` }] }],
      workers: 3,
      reconcile: async (key) => {
        const k = keyString(key);
        if (active.has(k)) overlap = true;
        active.add(k);
        maxActive = Math.max(maxActive, active.size);
        calls.push(key.name);
        await new Promise((resolve) => setTimeout(resolve, 5));
        active.delete(k);
        if (key.name.startsWith('ns-')) {
          await client.create(resources.configmaps, configMap(key.name)).catch((e: unknown) => {
            if (!isNotFound(e) && !(e instanceof Error && /already exists/.test(e.message))) throw e;
          });
        }
      },
    });
    manager.add(controller);
    await manager.start();
    await manager.idle();
    assert.ok(calls.includes('ns-kube-system'));
    assert.ok(await client.get(resources.configmaps, 'default', 'ns-kube-public'));
    assert.ok(maxActive > 1, 'workers ran in parallel');
    for (let i = 0; i < 5; i++) controller.enqueue({ namespace: 'default', name: 'same' });
    await manager.idle();
    assert.equal(overlap, false);
    // The first enqueue goes straight to an idle worker; the four while it runs merge into one more pass.
    assert.equal(calls.filter((c) => c === 'same').length, 2, 'duplicate enqueues merge');
    manager.stop();
  });

  test('a watch\'s added and updated filters drop the events they refuse; deletes always map', async () => {
    const noteOf = (s: KubeObject): unknown => (s.data as Record<string, unknown> | undefined)?.note;
    const manager = new ControllerManager(client);
    const configMaps = manager.informer(resources.configmaps, { namespace: 'default' });
    const secrets = manager.informer(resources.secrets, { namespace: 'default' });
    const calls: string[] = [];
    const controller = defineController({
      name: 'filtered',
      for: configMaps,
      // Secrets appearing are ignored; of their updates only those changing data.note count.
      watches: [{ informer: secrets, map: (s) => [{ namespace: 'default', name: `secret-${s.metadata.name}` }], added: () => false, updated: (old, s) => noteOf(old) !== noteOf(s) }],
      reconcile: async (key) => void calls.push(key.name),
    });
    manager.add(controller);
    await manager.start();
    await manager.idle();
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'filtered', namespace: 'default' }, data: { note: 'YQ==' } };
    const created = await client.create(resources.secrets, secret);
    await waitFor(() => secrets.get('default', 'filtered') !== undefined, 'the informer has the Secret');
    await manager.idle();
    assert.deepEqual(calls.filter((c) => c === 'secret-filtered'), [], 'a refused add maps to nothing');
    const relabeled = await client.update(resources.secrets, { ...structuredClone(created), metadata: { ...structuredClone(created.metadata), labels: { x: 'y' } } });
    await waitFor(() => secrets.get('default', 'filtered')?.metadata.labels?.x === 'y', 'the informer has the label');
    await manager.idle();
    assert.equal(calls.filter((c) => c === 'secret-filtered').length, 0, 'a refused update maps to nothing');
    await client.update(resources.secrets, { ...structuredClone(relabeled), data: { note: 'Yg==' } });
    await waitFor(() => calls.includes('secret-filtered'), 'an accepted update maps');
    await manager.idle();
    const before = calls.filter((c) => c === 'secret-filtered').length;
    await client.delete(resources.secrets, 'default', 'filtered');
    await waitFor(() => calls.filter((c) => c === 'secret-filtered').length > before, 'a delete maps');
    manager.stop();
  });

  test('a watch added after definition, before or after the start, maps its informer\'s objects to keys', async () => {
    const manager = new ControllerManager(client);
    const configMaps = manager.informer(resources.configmaps, { namespace: 'default' });
    const calls: string[] = [];
    const controller = defineController({ name: 'late', for: configMaps, reconcile: async (key) => void calls.push(key.name) });
    controller.watch({ informer: manager.informer(resources.namespaces), map: (ns) => [{ namespace: 'default', name: `early-${ns.metadata.name}` }] });
    manager.add(controller);
    await manager.start();
    await manager.idle();
    assert.ok(calls.includes('early-kube-system'), 'added before the start');
    // An informer first needed while running: started by the manager, its initial list mapped too.
    controller.watch({ informer: manager.informer(resources.serviceaccounts, { namespace: 'default' }), map: (sa) => [{ namespace: 'default', name: `late-${sa.metadata.name}` }] });
    await client.create(resources.serviceaccounts, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot', namespace: 'default' } });
    await waitFor(() => calls.includes('late-robot'), 'the late watch maps a new object');
    manager.stop();
  });

  test('other Runnables start once the caches synced, are waited on by idle() and stop with the controllers', async () => {
    const manager = new ControllerManager(client);
    const configMaps = manager.informer(resources.configmaps, { namespace: 'default' });
    const seenAtStart: number[] = [];
    let release!: () => void;
    const busy = new Promise<void>((resolve) => (release = resolve));
    let stopped = false;
    manager.add({
      start: () => void seenAtStart.push(configMaps.list().length),
      stop: () => void (stopped = true),
      idle: () => busy,
    });
    await client.create(resources.configmaps, configMap('before-start'));
    await manager.start();
    assert.equal(seenAtStart.length, 1);
    assert.ok(seenAtStart[0]! >= 1, 'started after the informer had listed');
    let idle = false;
    const waiting = manager.idle().then(() => (idle = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(idle, false, 'idle() waits for the runnable');
    release();
    await waiting;
    manager.stop();
    assert.equal(stopped, true);
  });
});
