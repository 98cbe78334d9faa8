import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Etcd3 } from 'etcd3';
import { startEtcd, type EtcdCluster } from '../../test/support/etcd.js';
import { Partition } from '../../test/support/partition.js';
import { runStoreConformance } from './conformance.case.js';
import { openEtcdStore, type EtcdStoreOptions } from './etcd.js';
import type { Store, StoreError, StoreEvent } from './store.js';
import { configMap, rejectsWith, waitFor } from './testing.js';
import type { ValueTransformer } from './transformer.js';

let etcd: EtcdCluster;

before(async () => {
  etcd = await startEtcd();
});
after(async () => {
  await etcd?.stop();
});

/** A prefix no other case uses, so cases share one etcd without seeing each other. */
function freshPrefix(): string {
  return `/t-${randomUUID()}`;
}

function open(options: Partial<EtcdStoreOptions> & { prefix: string }): Promise<Store> {
  return openEtcdStore({ endpoints: etcd.endpoints, watchBackoff: { initialMs: 20, maxMs: 200 }, ...options });
}

runStoreConformance('etcd', async (options) => {
  const prefix = freshPrefix();
  const opened: Store[] = [await open({ prefix, ...options })];
  return {
    store: opened[0]!,
    reopen: async () => {
      const store = await open({ prefix, ...options });
      opened.push(store);
      return store;
    },
    cleanup: async () => {
      for (const store of opened) await store.close();
    },
  };
});

describe('etcd store on a shared etcd', () => {
  test('a write through one store is seen, in order, by a watch on another store of the same prefix', async () => {
    const prefix = freshPrefix();
    const a = await open({ prefix });
    const b = await open({ prefix });
    try {
      const seen: StoreEvent[] = [];
      b.watch('/core/configmaps/', { fromRevision: b.revision, onEvent: (e) => seen.push(e) });
      const written = [];
      for (let i = 0; i < 10; i++) {
        const store = i % 2 === 0 ? a : b;
        written.push(await store.create(`/core/configmaps/default/c${i}`, configMap(`c${i}`, { i: String(i) })));
        // Read-your-writes through the store that wrote.
        assert.equal(store.get(`/core/configmaps/default/c${i}`)?.revision, written[i]!.revision);
      }
      written.push(await a.update('/core/configmaps/default/c1', configMap('c1', { i: 'changed' }), written[1]!.revision));
      written.push(await b.delete('/core/configmaps/default/c0'));
      await waitFor(() => seen.length === written.length, 'every write on the other store');
      assert.deepEqual(seen.map((e) => [e.type, e.revision, e.entry.value]), written.map((w, i) => [i < 10 ? 'ADDED' : i === 10 ? 'MODIFIED' : 'DELETED', w.revision, w.value]));
      await waitFor(() => a.revision === b.revision, 'both stores at the same revision');
      assert.deepEqual(a.list('/').items.map((e) => e.value), b.list('/').items.map((e) => e.value));
      // Compare-and-swap across stores: b's view of c1 is the one a wrote.
      await rejectsWith(b.update('/core/configmaps/default/c1', configMap('c1'), written[1]!.revision), 'Conflict');
    } finally {
      await a.close();
      await b.close();
    }
  });

  test('keys live under the prefix and values go through the transformer both ways', async () => {
    const prefix = freshPrefix();
    const reversing: ValueTransformer = {
      toStorage: (key, value) => `v1:${key}:${[...value].reverse().join('')}`,
      fromStorage: (key, stored) => {
        const head = `v1:${key}:`;
        if (!stored.startsWith(head)) throw new Error(`not written by this transformer for ${key}`);
        return [...stored.slice(head.length)].reverse().join('');
      },
    };
    const store = await open({ prefix, transformer: reversing });
    const other = await open({ prefix: `${prefix}-other` });
    const raw = new Etcd3({ hosts: etcd.endpoints });
    try {
      const created = await store.create('/core/secrets/default/s', configMap('s', { token: 'hunter2' }));
      const stored = await raw.get(`${prefix}/core/secrets/default/s`).string();
      assert.ok(stored?.startsWith('v1:/core/secrets/default/s:'), `stored form: ${stored}`);
      assert.ok(!stored!.includes('hunter2'));
      assert.equal(other.count('/'), 0, 'a store of another prefix sees nothing');
      const reopened = await open({ prefix, transformer: reversing });
      assert.equal(reopened.get('/core/secrets/default/s')?.value, created.value);
      await reopened.close();
      await assert.rejects(open({ prefix }), /cannot read .*\/core\/secrets\/default\/s from etcd/);
    } finally {
      raw.close();
      await store.close();
      await other.close();
    }
  });

  test('the watch resumes after etcd restarts and misses nothing', async () => {
    const prefix = freshPrefix();
    const store = await open({ prefix });
    const writer = await open({ prefix });
    try {
      const seen: number[] = [];
      store.watch('/', { fromRevision: store.revision, onEvent: (e) => seen.push(e.revision) });
      const before = await writer.create('/k/a', configMap('a'));
      await waitFor(() => seen.length === 1, 'first event');
      await etcd.members[0]!.restart();
      const after = [];
      // The writer's own connection comes back too; its writes land while the watch reconnects.
      for (let i = 0; i < 5; i++) after.push(await writer.create(`/k/b${i}`, configMap(`b${i}`)));
      await waitFor(() => seen.length === 6, 'events after the restart', 15_000);
      assert.deepEqual(seen, [before, ...after].map((e) => e.revision));
      assert.equal(store.count('/k/'), 6);
    } finally {
      await store.close();
      await writer.close();
    }
  });

  test('compacted past a partitioned store: it relists; watchers that can relist end with Compacted, the others catch up', async () => {
    const prefix = freshPrefix();
    const { partition, url } = await Partition.start(etcd.endpoints[0]!);
    const isolated = await openEtcdStore({ endpoints: [url], prefix, watchBackoff: { initialMs: 20, maxMs: 100 }, requestTimeoutMs: 2000 });
    const writer = await open({ prefix });
    try {
      await writer.create('/k/kept', configMap('kept', { v: '1' }));
      await writer.create('/k/gone', configMap('gone'));
      await waitFor(() => isolated.count('/k/') === 2, 'isolated store caught up');
      const errors: StoreError[] = [];
      const events: StoreEvent[] = [];
      isolated.watch('/k/', { fromRevision: isolated.revision, onEvent: (e) => events.push(e), onError: (e) => errors.push(e) });
      const caughtUp: StoreEvent[] = [];
      const levelTriggered = isolated.watch('/k/', { fromRevision: isolated.revision, onEvent: (e) => caughtUp.push(e) });

      partition.isolate();
      await writer.update('/k/kept', configMap('kept', { v: '2' }));
      await writer.delete('/k/gone');
      const added = await writer.create('/k/new', configMap('new'));
      await writer.compact(added.revision);
      assert.equal(isolated.count('/k/'), 2, 'the isolated store still serves its last state');
      partition.heal();

      await waitFor(() => errors.length === 1, 'the watcher is told its history is gone', 15_000);
      assert.equal(errors[0]!.code, 'Compacted');
      assert.deepEqual(events, [], 'no event was delivered for the compacted gap');
      assert.deepEqual(isolated.list('/k/').items.map((e) => [e.key, e.object['data']]), [['/k/kept', { v: '2' }], ['/k/new', {}]]);
      assert.ok(isolated.revision >= added.revision);
      // Without onError: the difference as events (modification and addition at their revisions, the
      // deletion last), then live events.
      assert.deepEqual(caughtUp.map((e) => [e.type, e.key]), [['MODIFIED', '/k/kept'], ['ADDED', '/k/new'], ['DELETED', '/k/gone']]);
      assert.equal(caughtUp[1]!.revision, added.revision);
      // A new watch from the relisted revision works and sees later writes.
      const later: StoreEvent[] = [];
      isolated.watch('/k/', { fromRevision: isolated.revision, onEvent: (e) => later.push(e) });
      const more = await writer.create('/k/more', configMap('more'));
      await waitFor(() => later.length === 1 && caughtUp.length === 4, 'live event after the relist');
      assert.equal(later[0]!.revision, more.revision);
      assert.equal(caughtUp[3]!.revision, more.revision);
      levelTriggered.stop();
      await writer.create('/k/after-stop', configMap('after-stop'));
      await waitFor(() => later.length === 2, 'second live event');
      assert.equal(caughtUp.length, 4, 'stop() stops the watcher that carried on');
    } finally {
      await isolated.close();
      await writer.close();
      await partition.close();
    }
  });
});
