import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CommittingStore } from './committing-store.js';
import type { CommitBackend } from './committing-store.js';
import { configMap, rejectsWith } from './testing.js';
import { MemoryState } from './memory-state.js';
import type { StoreEvent } from './store.js';

/** A backend whose flushes run when the test says so and whose persist can be made to fail. */
function manualBackend(): CommitBackend & { batches: number[][]; fail: Error | undefined; run(): void } {
  let pending: (() => void) | undefined;
  const backend = {
    batches: [] as number[][],
    fail: undefined as Error | undefined,
    schedule(flush: () => void) {
      pending = flush;
    },
    persist(batch: readonly StoreEvent[]) {
      if (backend.fail) throw backend.fail;
      backend.batches.push(batch.map((e) => e.revision));
    },
    compact: async () => undefined,
    close: () => undefined,
    run() {
      const flush = pending;
      pending = undefined;
      flush?.();
    },
  };
  return backend;
}

/** A store on a manual backend holding one committed ConfigMap at key. */
async function storeHolding(key: string) {
  const backend = manualBackend();
  const store = new CommittingStore(new MemoryState(), backend);
  const creating = store.create(key, configMap(key.split('/').pop()!));
  backend.run();
  return { backend, store, entry: await creating };
}

test('writes accepted before a flush are persisted as one batch and acknowledged only after it', async () => {
  const backend = manualBackend();
  const store = new CommittingStore(new MemoryState(), backend);
  let acknowledged = 0;
  const writes = Array.from({ length: 100 }, (_, i) => store.create(`/b/k${i}`, configMap(`k${i}`)).then((e) => (acknowledged++, e)));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(acknowledged, 0, 'nothing is acknowledged before the batch is durable');
  assert.equal(store.count('/b/'), 0);
  backend.run();
  const entries = await Promise.all(writes);
  assert.deepEqual(backend.batches, [entries.map((e) => e.revision)]);
  assert.equal(store.count('/b/'), 100);
  assert.equal(store.revision, 100);
});

test('a failed batch rejects every write in it, leaves no trace and frees its revisions', async () => {
  const { backend, store, entry: a } = await storeHolding('/f/a');

  backend.fail = new Error('disk full');
  const update = store.update('/f/a', configMap('a', { v: '2' }), a.revision);
  const create = store.create('/f/b', configMap('b'));
  const events: StoreEvent[] = [];
  store.watch('/f/', { fromRevision: store.revision, onEvent: (e) => events.push(e) });
  backend.run();
  await assert.rejects(update, /disk full/);
  await assert.rejects(create, /disk full/);
  assert.equal(store.get('/f/b'), undefined);
  assert.equal(store.get('/f/a')?.revision, a.revision);

  // CAS now checks against the committed version again, and the failed revisions are reused.
  backend.fail = undefined;
  const retry = store.update('/f/a', configMap('a', { v: '2' }), a.revision);
  await rejectsWith(store.create('/f/a', configMap('a')), 'AlreadyExists');
  backend.run();
  assert.equal((await retry).revision, a.revision + 1);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(events.map((e) => e.revision), [a.revision + 1]);
});

test('close flushes the pending batch before closing the backend', async () => {
  const backend = manualBackend();
  let closed = false;
  backend.close = () => {
    closed = true;
  };
  const store = new CommittingStore(new MemoryState(), backend);
  const write = store.create('/c/a', configMap('a'));
  await store.close();
  assert.ok(closed);
  assert.equal((await write).revision, 1);
  assert.deepEqual(backend.batches, [[1]]);
});

/** A manual backend that answers each batch later, when the test says so (like the SQLite writer thread). */
function asyncBackend() {
  const backend = manualBackend();
  const answers: { finish(error?: Error): void }[] = [];
  const persist = backend.persist.bind(backend);
  const asynchronous = Object.assign(backend, {
    persist(batch: readonly StoreEvent[]) {
      persist(batch);
      return new Promise<void>((resolve, reject) => answers.push({ finish: (error) => (error ? reject(error) : resolve()) }));
    },
  });
  return { backend: asynchronous, answers };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('with an asynchronous backend, later batches are sent while earlier ones are out; each is visible once answered, in order', async () => {
  const { backend, answers } = asyncBackend();
  const store = new CommittingStore(new MemoryState(), backend);
  const first = store.create('/d/a', configMap('a'));
  backend.run();
  const second = store.update('/d/a', configMap('a', { v: '2' }), 1);
  backend.run();
  await settle();
  assert.deepEqual(backend.batches, [[1], [2]], 'the second batch (prepared on the first) was sent before the first was answered');
  assert.equal(store.count('/d/'), 0, 'nothing is visible before it is durable');
  answers[0]!.finish();
  assert.equal((await first).revision, 1);
  assert.equal(store.get('/d/a')?.revision, 1);
  answers[1]!.finish();
  assert.equal((await second).revision, 2);
  assert.equal(store.get('/d/a')?.revision, 2);
});

test('a failed asynchronous batch fails the batches sent after it and every later write: the store stops rather than guess', async () => {
  const { backend, answers } = asyncBackend();
  const store = new CommittingStore(new MemoryState(), backend);
  const write = store.create('/e/a', configMap('a'));
  backend.run();
  const queued = store.create('/e/b', configMap('b'));
  backend.run();
  await settle();
  answers[0]!.finish(new Error('SQLITE_FULL: database or disk is full'));
  answers[1]!.finish();
  await assert.rejects(write, /SQLITE_FULL/);
  await assert.rejects(queued, /SQLITE_FULL/);
  await assert.rejects(store.create('/e/c', configMap('c')), /SQLITE_FULL/);
  assert.equal(store.count('/e/'), 0);
});

test('a write refused by one not yet durable is answered once that one is, not held by writes accepted later', async () => {
  const { backend, store, entry: v1 } = await storeHolding('/w/a');

  const first = store.update('/w/a', configMap('a', { v: '1' }), v1.revision);
  const stale = store.update('/w/a', configMap('a', { v: 'stale' }), v1.revision);
  let answered = false;
  void stale.catch(() => (answered = true));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(answered, false, 'no answer while the write it lost to is not durable');

  backend.run();
  // Accepted before the refused write is tried again, and left pending: it must not hold the answer back.
  const later = store.update('/w/a', configMap('a', { v: '2' }));
  await rejectsWith(stale, 'Conflict');
  assert.equal(store.get('/w/a')?.revision, (await first).revision, 'answered while the later write is still pending');
  backend.run();
  assert.deepEqual((await later).object.data, { v: '2' });
});
