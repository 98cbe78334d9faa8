// The behaviour every Store backend must show. A backend's test file calls runStoreConformance with a
// factory; cases that need a restart run only when the factory can reopen the same data.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TestContext } from 'node:test';
import type { KubeObject } from '../machinery/object.js';
import type { Store, StoreEntry, StoreError, StoreEvent } from './store.js';
import { configMap, rejectsWith, throwsWith, waitFor } from './testing.js';

export interface StoreUnderTest {
  store: Store;
  /** Opens the same data again; the caller closes the previous store first. */
  reopen?: () => Promise<Store>;
  /** Closes whatever is still open and removes the data. */
  cleanup: () => Promise<void>;
}

export interface ConformanceStoreOptions {
  historyCapacity?: number;
}

type MakeStore = (options?: ConformanceStoreOptions) => Promise<StoreUnderTest>;

function summary(entries: readonly StoreEntry[]): [string, number, number, string][] {
  return entries.map((e) => [e.key, e.revision, e.createRevision, e.value]);
}

function dataOf(entry: StoreEntry | undefined): unknown {
  return entry?.object['data'];
}

export interface ConformanceCapabilities {
  /** The backend keeps its data across close and reopen (durable backends). */
  reopens: boolean;
}

export function runStoreConformance(name: string, makeStore: MakeStore, capabilities: ConformanceCapabilities = { reopens: true }): void {
  /** Runs a case against a fresh store and always cleans up. */
  function withStore(
    body: (s: StoreUnderTest, t: TestContext) => Promise<void>,
    options?: ConformanceStoreOptions,
  ): (t: TestContext) => Promise<void> {
    return async (t) => {
      const s = await makeStore(options);
      try {
        await body(s, t);
      } finally {
        await s.cleanup();
      }
    };
  }

  describe(`${name} store conformance`, () => {
    test(
      'create, get, update and delete round-trip with mod and create revisions',
      withStore(async ({ store }) => {
        const key = '/core/configmaps/ns1/a';
        const created = await store.create(key, configMap('a', { x: '1' }, 'ns1'));
        assert.equal(created.key, key);
        assert.ok(created.revision > 0);
        assert.equal(created.createRevision, created.revision);
        assert.equal(store.revision, created.revision);
        assert.deepEqual(summary([store.get(key)!]), summary([created]));

        const updated = await store.update(key, configMap('a', { x: '2' }, 'ns1'), created.revision);
        assert.ok(updated.revision > created.revision);
        assert.equal(updated.createRevision, created.revision);
        assert.deepEqual(dataOf(store.get(key)), { x: '2' });

        const deleted = await store.delete(key, updated.revision);
        assert.ok(deleted.revision > updated.revision);
        assert.equal(deleted.createRevision, created.revision);
        assert.deepEqual(dataOf(deleted), { x: '2' });
        assert.equal(deleted.object.metadata.resourceVersion, String(deleted.revision));
        assert.equal(store.get(key), undefined);
        assert.equal(store.count('/core/configmaps/'), 0);

        const again = await store.create(key, configMap('a', { x: '3' }, 'ns1'));
        assert.equal(again.createRevision, again.revision);
        assert.ok(again.revision > deleted.revision);
      }),
    );

    test(
      'AlreadyExists and NotFound',
      withStore(async ({ store }) => {
        const key = '/core/configmaps/default/dup';
        const created = await store.create(key, configMap('dup'));
        await rejectsWith(store.create(key, configMap('dup')), 'AlreadyExists');
        await rejectsWith(store.update('/core/configmaps/default/missing', configMap('missing')), 'NotFound');
        await rejectsWith(store.update('/core/configmaps/default/missing', configMap('missing'), created.revision), 'NotFound');
        await rejectsWith(store.delete('/core/configmaps/default/missing'), 'NotFound');
        await rejectsWith(store.delete('/core/configmaps/default/missing', created.revision), 'NotFound');
        assert.equal(store.revision, created.revision, 'failed writes must not consume revisions');
      }),
    );

    test(
      'compare-and-swap rejects a stale expected revision with Conflict; unconditional writes pass',
      withStore(async ({ store }) => {
        const key = '/core/configmaps/default/cas';
        const v1 = await store.create(key, configMap('cas', { v: '1' }));
        const v2 = await store.update(key, configMap('cas', { v: '2' }), v1.revision);
        await rejectsWith(store.update(key, configMap('cas', { v: 'stale' }), v1.revision), 'Conflict');
        await rejectsWith(store.delete(key, v1.revision), 'Conflict');
        assert.deepEqual(dataOf(store.get(key)), { v: '2' });
        const v3 = await store.update(key, configMap('cas', { v: '3' }));
        assert.ok(v3.revision > v2.revision);
        await store.delete(key);
        assert.equal(store.get(key), undefined);
      }),
    );

    test(
      'accepted but uncommitted writes count for compare-and-swap and stay invisible to reads',
      withStore(async ({ store }) => {
        const key = '/core/configmaps/default/pending';
        const v1 = await store.create(key, configMap('pending', { v: '1' }));

        const first = store.update(key, configMap('pending', { v: '2' }), v1.revision);
        const second = store.update(key, configMap('pending', { v: 'lost' }), v1.revision);
        assert.equal(store.get(key)!.revision, v1.revision, 'get must not see an uncommitted write');
        assert.equal(store.revision, v1.revision);
        assert.deepEqual(summary(store.list('/core/configmaps/default/').items), summary([v1]));
        // Refused only because of the write on its way to disk: answered once that write is readable, so
        // a client that reads again after the Conflict finds the version that beat it.
        let firstDone = false;
        void first.then(() => (firstDone = true));
        await rejectsWith(second, 'Conflict');
        assert.equal(firstDone, true, 'the Conflict comes after the write it lost to is durable');
        const v2 = await first;
        assert.deepEqual(dataOf(store.get(key)), { v: '2' });

        // A pending delete hides the key from updates (NotFound, once the delete is durable)...
        const deleting = store.delete(key, v2.revision);
        const updateAfterDelete = store.update(key, configMap('pending'), v2.revision);
        assert.equal(store.get(key)?.revision, v2.revision, 'the committed version stays readable until the delete commits');
        await rejectsWith(updateAfterDelete, 'NotFound');
        const deleted = await deleting;
        // ...an update at an older revision than a pending create is a Conflict...
        const recreating = store.create(key, configMap('pending', { v: 'new' }));
        await rejectsWith(store.update(key, configMap('pending'), v2.revision), 'Conflict');
        const recreated = await recreating;
        assert.ok(recreated.revision > deleted.revision);
        assert.equal(recreated.createRevision, recreated.revision);
        // ...and a pending delete frees the key for a create right behind it.
        const deletingAgain = store.delete(key, recreated.revision);
        const createdAgain = store.create(key, configMap('pending', { v: 'again' }));
        const [, again] = await Promise.all([deletingAgain, createdAgain]);
        assert.deepEqual(dataOf(store.get(key)), { v: 'again' });
        assert.equal(again.createRevision, again.revision);

        // An update right behind a pending create builds on it.
        const other = '/core/configmaps/default/pending-2';
        const creating = store.create(other, configMap('pending-2', { v: '1' }));
        const updating = store.update(other, configMap('pending-2', { v: '2' }));
        await rejectsWith(store.create(other, configMap('pending-2')), 'AlreadyExists');
        const [c, u] = await Promise.all([creating, updating]);
        assert.equal(u.createRevision, c.revision);
        assert.deepEqual(dataOf(store.get(other)), { v: '2' });
      }),
    );

    test(
      'revisions strictly increase and resourceVersion is stamped on value and object, never on the input',
      withStore(async ({ store }) => {
        const input: KubeObject = {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'rv', namespace: 'default', resourceVersion: '999999', labels: { a: 'b' } },
          data: { nested: 'x' },
          extra: { list: [1, 2, { deep: true }] },
        };
        const before = structuredClone(input);
        const key = '/core/configmaps/default/rv';
        let last = store.revision;
        const results: StoreEntry[] = [];
        results.push(await store.create(key, input));
        for (let i = 0; i < 10; i++) results.push(await store.update(key, { ...input, data: { i: String(i) } }));
        results.push(await store.create('/core/configmaps/default/rv-2', input));
        results.push(await store.delete(key));
        for (const entry of results) {
          assert.ok(entry.revision > last, `revision ${entry.revision} after ${last}`);
          last = entry.revision;
          assert.equal(entry.object.metadata.resourceVersion, String(entry.revision));
          assert.deepEqual(JSON.parse(entry.value), entry.object);
        }
        assert.equal(store.revision, last);
        assert.deepEqual(input, before, 'the caller object must not change');

        const stored = store.get('/core/configmaps/default/rv-2')!;
        (input['extra'] as { list: unknown[] }).list.push('mutated later');
        input.metadata.labels!['a'] = 'changed';
        assert.deepEqual(stored.object['extra'], { list: [1, 2, { deep: true }] }, 'stored object shares nothing with the input');
        assert.deepEqual(stored.object.metadata.labels, { a: 'b' });
      }),
    );

    test(
      'list and count by prefix select whole path segments only',
      withStore(async ({ store }) => {
        const keys = ['/g/r/a/x', '/g/r/a/y', '/g/r/ab/x', '/g/r/a-b/x', '/g/r/a', '/g/r/b/z', '/g/r2/a/x', '/g/r/a/'];
        for (const key of keys) await store.create(key, configMap(key.replaceAll('/', '.')));
        const keysOf = (prefix: string) => store.list(prefix).items.map((e) => e.key);
        const cases: [string, string[]][] = [
          ['/g/r/a/', ['/g/r/a/', '/g/r/a/x', '/g/r/a/y']],
          ['/g/r/a', ['/g/r/a', '/g/r/a/', '/g/r/a/x', '/g/r/a/y']],
          ['/g/r/', ['/g/r/a', '/g/r/a-b/x', '/g/r/a/', '/g/r/a/x', '/g/r/a/y', '/g/r/ab/x', '/g/r/b/z']],
          ['/g/r', ['/g/r/a', '/g/r/a-b/x', '/g/r/a/', '/g/r/a/x', '/g/r/a/y', '/g/r/ab/x', '/g/r/b/z']],
          ['/g/r2/', ['/g/r2/a/x']],
          ['/g/', [...keys].sort()],
          ['', [...keys].sort()],
          ['/none/', []],
          ['/g/r/a/x/', []],
        ];
        for (const [prefix, expected] of cases) {
          assert.deepEqual(keysOf(prefix), expected, `list ${JSON.stringify(prefix)}`);
          assert.equal(store.count(prefix), expected.length, `count ${JSON.stringify(prefix)}`);
          const page = store.list(prefix);
          assert.equal(page.more, false);
          assert.equal(page.remaining, 0);
          assert.equal(page.revision, store.revision);
        }
      }),
    );

    test(
      'pagination with startAfter and limit reports more and remaining',
      withStore(async ({ store }) => {
        const prefix = '/p/items/';
        const names = Array.from({ length: 25 }, (_, i) => `k${String(i).padStart(2, '0')}`);
        for (const n of names) await store.create(prefix + n, configMap(n));
        for (const key of ['/p/items2/k00', '/p/item/k99', '/p/items-x/k00', '/p/items']) await store.create(key, configMap('n'));

        const seen: string[] = [];
        let startAfter: string | undefined;
        const remainders: number[] = [];
        for (;;) {
          const page = store.list(prefix, { startAfter, limit: 10 });
          seen.push(...page.items.map((e) => e.key));
          remainders.push(page.remaining);
          assert.equal(page.more, page.remaining > 0);
          if (!page.more) break;
          startAfter = page.items[page.items.length - 1]!.key;
        }
        assert.deepEqual(seen, names.map((n) => prefix + n));
        assert.deepEqual(remainders, [15, 5, 0]);

        const exact = store.list(prefix, { limit: 25 });
        assert.equal(exact.items.length, 25);
        assert.equal(exact.more, false);
        assert.equal(exact.remaining, 0);
        const between = store.list(prefix, { startAfter: `${prefix}k04x`, limit: 2 });
        assert.deepEqual(between.items.map((e) => e.key), [`${prefix}k05`, `${prefix}k06`]);
        assert.equal(between.remaining, 18);
        assert.deepEqual(store.list(prefix, { startAfter: `${prefix}zz` }).items, []);
        assert.equal(store.list(prefix, { startAfter: '/a' }).items.length, 25, 'startAfter before the prefix starts at the prefix');
        assert.deepEqual(store.list(prefix, { startAfter: '/q' }).items, [], 'startAfter past the prefix ends the listing');
      }),
    );

    test(
      'pages taken at one revision stay consistent while writes continue',
      withStore(async ({ store }) => {
        const prefix = '/p/c/';
        const names = Array.from({ length: 30 }, (_, i) => `k${String(i).padStart(2, '0')}`);
        const created = new Map<string, StoreEntry>();
        for (const n of names) created.set(n, await store.create(prefix + n, configMap(n, { v: '1' })));
        const snapshot = store.list(prefix);
        const at = snapshot.revision;

        const writesBetweenPages: (() => Promise<unknown>)[] = [
          () => store.delete(`${prefix}k03`),
          () => store.delete(`${prefix}k10`),
          () => store.update(`${prefix}k15`, configMap('k15', { v: '2' })),
          () => store.create(`${prefix}k05a`, configMap('k05a')),
          () => store.create(`${prefix}k99`, configMap('k99')),
          () => store.create(`${prefix}k14a`, configMap('k14a')),
          () => Promise.all([store.delete(`${prefix}k20`), store.create('/p/c2/x', configMap('x'))]),
        ];

        const collected: StoreEntry[] = [];
        let startAfter: string | undefined;
        let pageNo = 0;
        for (;;) {
          const page = store.list(prefix, { revision: at, startAfter, limit: 7 });
          assert.equal(page.revision, at);
          collected.push(...page.items);
          assert.equal(page.remaining, 30 - collected.length, `remaining after page ${pageNo}`);
          if (!page.more) break;
          startAfter = page.items[page.items.length - 1]!.key;
          await writesBetweenPages[pageNo++]?.();
        }
        assert.ok(pageNo >= 4);
        assert.deepEqual(summary(collected), summary(snapshot.items));

        const now = store.list(prefix);
        assert.ok(now.revision > at);
        const nowKeys = now.items.map((e) => e.key.slice(prefix.length));
        assert.ok(nowKeys.includes('k05a') && !nowKeys.includes('k03') && !nowKeys.includes('k10'));
        assert.equal(now.items.length, store.count(prefix));
      }),
    );

    test(
      'list at an older revision returns the state as of then',
      withStore(async ({ store }) => {
        const prefix = '/old/things/';
        const a1 = await store.create(`${prefix}a`, configMap('a', { v: '1' }));
        const b1 = await store.create(`${prefix}b`, configMap('b', { v: '1' }));
        await store.create('/old/other/z', configMap('z'));
        const at = store.revision;
        await store.update(`${prefix}a`, configMap('a', { v: '2' }));
        await store.delete(`${prefix}b`);
        const c1 = await store.create(`${prefix}c`, configMap('c'));
        await store.create(`${prefix}0`, configMap('0'));
        await store.delete(`${prefix}0`);

        const then = store.list(prefix, { revision: at });
        assert.equal(then.revision, at);
        assert.deepEqual(summary(then.items), summary([a1, b1]));
        const firstOnly = store.list(prefix, { revision: at, limit: 1 });
        assert.deepEqual(summary(firstOnly.items), summary([a1]));
        assert.deepEqual([firstOnly.more, firstOnly.remaining], [true, 1]);
        const afterA = store.list(prefix, { revision: at, startAfter: `${prefix}a` });
        assert.deepEqual(summary(afterA.items), summary([b1]));

        const before = store.list(prefix, { revision: a1.revision });
        assert.deepEqual(summary(before.items), summary([a1]));
        const now = store.list(prefix);
        assert.deepEqual(now.items.map((e) => [e.key, dataOf(e)]), [[`${prefix}a`, { v: '2' }], [`${prefix}c`, c1.object['data']]]);
        throwsWith(() => store.list(prefix, { revision: store.revision + 1 }), 'FutureRevision');
      }),
    );

    test(
      'compact: lists and watches below the compacted revision answer Compacted; current state is kept',
      withStore(async ({ store, reopen }) => {
        const prefix = '/cmp/x/';
        const revs: number[] = [];
        revs.push((await store.create(`${prefix}a`, configMap('a', { v: '1' }))).revision);
        revs.push((await store.create(`${prefix}b`, configMap('b'))).revision);
        revs.push((await store.update(`${prefix}a`, configMap('a', { v: '2' }))).revision);
        revs.push((await store.delete(`${prefix}b`)).revision);
        revs.push((await store.create(`${prefix}c`, configMap('c'))).revision);
        revs.push((await store.update(`${prefix}c`, configMap('c', { v: '2' }))).revision);
        const target = revs[3]!;
        await store.compact(target);
        assert.equal(store.compactedRevision, target - 1);

        throwsWith(() => store.list(prefix, { revision: target - 1 }), 'Compacted');
        throwsWith(() => store.watch(prefix, { fromRevision: target - 1, onEvent: () => undefined }), 'Compacted');
        throwsWith(() => store.watch(prefix, { fromRevision: store.compactedRevision, onEvent: () => undefined }), 'Compacted');
        assert.deepEqual(store.list(prefix, { revision: target }).items.map((e) => e.key), [`${prefix}a`]);

        const events: StoreEvent[] = [];
        const watcher = store.watch(prefix, { fromRevision: target, onEvent: (e) => events.push(e) });
        await waitFor(() => events.length === 2, 'replay after compaction');
        watcher.stop();
        assert.deepEqual(events.map((e) => e.revision), revs.slice(4));

        assert.deepEqual(dataOf(store.get(`${prefix}a`)), { v: '2' });
        assert.equal(store.get(`${prefix}b`), undefined);
        assert.equal(store.count(prefix), 2);
        await rejectsWith(store.compact(store.revision + 1), 'FutureRevision');
        await store.compact(target - 1); // older than the current floor: nothing to do
        assert.equal(store.compactedRevision, target - 1);

        // Compacting away a trailing delete must not let a revision be handed out twice.
        const last = await store.delete(`${prefix}c`);
        await store.compact(last.revision);
        let current = store;
        if (reopen) {
          await store.close();
          current = await reopen();
          assert.deepEqual(current.list(prefix).items.map((e) => [e.key, dataOf(e)]), [[`${prefix}a`, { v: '2' }]]);
        }
        const next = await current.create(`${prefix}d`, configMap('d'));
        assert.ok(next.revision > last.revision);
      }),
    );

    test(
      'history evicted from a bounded ring answers Compacted',
      withStore(
        async ({ store }) => {
          const revs: number[] = [];
          for (let i = 0; i < 10; i++) revs.push((await store.create(`/ring/x/k${i}`, configMap(`k${i}`))).revision);
          // With 5 events retained, events 6..10 remain: watching from the 5th revision needs none older.
          assert.equal(store.compactedRevision, revs[4]! - 1);
          throwsWith(() => store.watch('/ring/', { fromRevision: revs[3]!, onEvent: () => undefined }), 'Compacted');
          throwsWith(() => store.list('/ring/', { revision: revs[3]! }), 'Compacted');
          assert.equal(store.list('/ring/', { revision: revs[4]! }).items.length, 5);
          const seen: number[] = [];
          const w = store.watch('/ring/', { fromRevision: revs[4]!, onEvent: (e) => seen.push(e.revision) });
          await waitFor(() => seen.length === 5, 'ring replay');
          w.stop();
          assert.deepEqual(seen, revs.slice(5));
        },
        { historyCapacity: 5 },
      ),
    );

    test(
      'watch replays history then live events in revision order without gaps or duplicates',
      withStore(async ({ store }) => {
        const prefix = '/w/pods/';
        const writes: Promise<StoreEntry>[] = [];
        for (let i = 0; i < 40; i++) {
          const key = `${prefix}p${i % 7}`;
          const object = configMap(`p${i % 7}`, { i: String(i) });
          const write = !store.get(key) ? store.create(key, object) : i % 5 === 4 ? store.delete(key) : store.update(key, object);
          await write;
          writes.push(write);
        }
        const from = (await writes[19]!).revision;

        // Writes in flight while the watch starts, and more right after it.
        for (let i = 40; i < 80; i++) writes.push(store.create(`${prefix}q${i}`, configMap(`q${i}`)));
        const events: StoreEvent[] = [];
        let returned = false;
        const watcher = store.watch(prefix, {
          fromRevision: from,
          onEvent: (e) => {
            assert.ok(returned, 'onEvent must not run before watch() returns');
            events.push(e);
          },
        });
        returned = true;
        for (let i = 80; i < 120; i++) writes.push(store.create(`${prefix}r${i}`, configMap(`r${i}`)));
        await store.create('/w/other/x', configMap('x'));
        const results = await Promise.all(writes);
        const expected = results.filter((r) => r.revision > from).sort((x, y) => x.revision - y.revision);
        await waitFor(() => events.length >= expected.length, 'all events');
        await new Promise((resolve) => setTimeout(resolve, 10));
        watcher.stop();
        assert.deepEqual(events.map((e) => e.revision), expected.map((r) => r.revision));
        for (let i = 0; i < events.length; i++) assert.equal(events[i]!.entry.value, expected[i]!.value);
      }),
    );

    test(
      'prefix watches are isolated and stop delivering after stop()',
      withStore(async ({ store }) => {
        const seen = new Map<string, string[]>();
        const watchers = ['/iso/a/', '/iso/a', '/iso/', ''].map((prefix) => {
          seen.set(prefix, []);
          return store.watch(prefix, { fromRevision: store.revision, onEvent: (e) => seen.get(prefix)!.push(e.key) });
        });
        for (const key of ['/iso/a/x', '/iso/ab/x', '/iso/a-b/x', '/iso/a', '/other/a/x']) await store.create(key, configMap('n'));
        await waitFor(() => seen.get('')!.length === 5, 'events');
        assert.deepEqual(seen.get('/iso/a/'), ['/iso/a/x']);
        assert.deepEqual(seen.get('/iso/a'), ['/iso/a/x', '/iso/a']);
        assert.deepEqual(seen.get('/iso/'), ['/iso/a/x', '/iso/ab/x', '/iso/a-b/x', '/iso/a']);
        for (const w of watchers) w.stop();
        await store.update('/iso/a/x', configMap('n'));
        await new Promise((resolve) => setTimeout(resolve, 10));
        assert.equal(seen.get('')!.length, 5);
      }),
    );

    test(
      'events carry prev; a delete event carries the delete revision in value and object',
      withStore(async ({ store }) => {
        const key = '/ev/cm/default/a';
        const events: StoreEvent[] = [];
        store.watch('/ev/', { fromRevision: store.revision, onEvent: (e) => events.push(e) });
        const created = await store.create(key, configMap('a', { v: '1' }));
        const updated = await store.update(key, configMap('a', { v: '2' }));
        const deleted = await store.delete(key);
        await waitFor(() => events.length === 3, 'three events');
        const [added, modified, removed] = events as [StoreEvent, StoreEvent, StoreEvent];
        assert.deepEqual([added.type, modified.type, removed.type], ['ADDED', 'MODIFIED', 'DELETED']);
        assert.equal(added.prev, undefined);
        assert.equal(added.entry.value, created.value);
        assert.equal(modified.prev!.revision, created.revision);
        assert.equal(modified.entry.value, updated.value);
        assert.equal(removed.revision, deleted.revision);
        assert.equal(removed.entry.revision, deleted.revision);
        assert.equal(removed.entry.object.metadata.resourceVersion, String(deleted.revision));
        assert.equal(JSON.parse(removed.entry.value).metadata.resourceVersion, String(deleted.revision));
        assert.deepEqual(dataOf(removed.entry), { v: '2' });
        assert.equal(removed.prev!.revision, updated.revision);
        assert.equal(removed.entry.value, deleted.value);
      }),
    );

    test(
      'concurrent writes to one key: exactly one compare-and-swap wins',
      withStore(async ({ store }) => {
        const key = '/race/cm/default/a';
        const base = await store.create(key, configMap('a'));
        const updates = await Promise.allSettled(
          Array.from({ length: 20 }, (_, i) => store.update(key, configMap('a', { by: String(i) }), base.revision)),
        );
        const won = updates.filter((r) => r.status === 'fulfilled');
        assert.equal(won.length, 1);
        for (const r of updates) if (r.status === 'rejected') assert.equal((r.reason as StoreError).code, 'Conflict');
        assert.equal(store.get(key)!.revision, (won[0] as PromiseFulfilledResult<StoreEntry>).value.revision);

        const fresh = '/race/cm/default/b';
        const creates = await Promise.allSettled(Array.from({ length: 10 }, () => store.create(fresh, configMap('b'))));
        assert.equal(creates.filter((r) => r.status === 'fulfilled').length, 1);
        const current = store.get(fresh)!;
        const deletes = await Promise.allSettled(Array.from({ length: 10 }, () => store.delete(fresh, current.revision)));
        assert.equal(deletes.filter((r) => r.status === 'fulfilled').length, 1);
        assert.equal(store.get(fresh), undefined);
      }),
    );

    test(
      '1,000 concurrent creates are all acknowledged, readable and (where reopenable) durable',
      withStore(async ({ store, reopen }) => {
        const prefix = '/bulk/cm/default/';
        const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => store.create(`${prefix}o${i}`, configMap(`o${i}`, { i: String(i) }))));
        assert.equal(new Set(results.map((r) => r.revision)).size, 1000);
        assert.equal(store.count(prefix), 1000);
        let reader = store;
        if (reopen) {
          await store.close();
          reader = await reopen();
        }
        assert.equal(reader.count(prefix), 1000);
        for (const r of results) assert.equal(reader.get(r.key)?.value, r.value);
      }),
    );

    // Registered only for durable backends, so no run reports a skipped case.
    if (capabilities.reopens) test(
      'reopen keeps every object and continues the revision line',
      withStore(async ({ store, reopen }) => {
        if (!reopen) throw new Error(`${name} claims to reopen but its factory gives no reopen()`);
        for (let i = 0; i < 50; i++) await store.create(`/re/cm/n${i % 3}/o${i}`, configMap(`o${i}`, { i: String(i) }, `n${i % 3}`));
        for (let i = 0; i < 50; i += 4) await store.update(`/re/cm/n${i % 3}/o${i}`, configMap(`o${i}`, { i: 'u' }, `n${i % 3}`));
        for (let i = 1; i < 50; i += 5) await store.delete(`/re/cm/n${i % 3}/o${i}`);
        const before = store.list('');
        const oldRevision = store.revision;
        await store.close();
        await rejectsWith(store.create('/re/closed', configMap('closed')), 'Closed');

        const reopened = await reopen();
        assert.equal(reopened.revision, oldRevision);
        assert.deepEqual(summary(reopened.list('').items), summary(before.items));
        assert.equal(reopened.count('/re/cm/n1/'), before.items.filter((e) => e.key.startsWith('/re/cm/n1/')).length);
        throwsWith(() => reopened.watch('/re/', { fromRevision: oldRevision - 1, onEvent: () => undefined }), 'Compacted');
        const events: StoreEvent[] = [];
        reopened.watch('/re/', { fromRevision: oldRevision, onEvent: (e) => events.push(e) });
        const next = await reopened.create('/re/cm/n0/new', configMap('new'));
        assert.ok(next.revision > oldRevision);
        await waitFor(() => events.length === 1, 'live event after reopen');
        assert.equal(events[0]!.revision, next.revision);
      }),
    );

    test(
      'a closed store rejects writes and watches; watch from a future revision is refused',
      withStore(async ({ store }) => {
        throwsWith(() => store.watch('/f/', { fromRevision: store.revision + 5, onEvent: () => undefined }), 'FutureRevision');
        await store.create('/f/a', configMap('a'));
        await store.close();
        await rejectsWith(store.create('/f/b', configMap('b')), 'Closed');
        await rejectsWith(store.update('/f/a', configMap('a')), 'Closed');
        await rejectsWith(store.delete('/f/a'), 'Closed');
        throwsWith(() => store.watch('/f/', { fromRevision: 0, onEvent: () => undefined }), 'Closed');
      }),
    );
  });
}
