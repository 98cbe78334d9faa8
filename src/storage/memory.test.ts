import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runStoreConformance } from './conformance.case.js';
import { configMap, waitFor } from './testing.js';
import { createMemoryStore } from './memory.js';
import type { StoreEvent } from './store.js';

runStoreConformance('memory', async (options) => {
  const store = createMemoryStore(options);
  return { store, cleanup: () => store.close() };
}, { reopens: false });

test('memory store: a write commits on the next microtask', async () => {
  const store = createMemoryStore();
  const pending = store.create('/m/a', configMap('a'));
  assert.equal(store.get('/m/a'), undefined);
  await Promise.resolve();
  assert.equal(store.get('/m/a')?.revision, 1);
  assert.equal((await pending).revision, 1);
});

test('memory store: a watcher whose onEvent throws is stopped without starving the others', async () => {
  const store = createMemoryStore();
  const good: StoreEvent[] = [];
  let badCalls = 0;
  const warnings: string[] = [];
  const onWarning = (w: Error): void => void warnings.push(w.message);
  process.on('warning', onWarning);
  try {
    store.watch('/m/', {
      fromRevision: 0,
      onEvent: () => {
        badCalls++;
        throw new Error('boom');
      },
    });
    store.watch('/m/', { fromRevision: 0, onEvent: (e) => good.push(e) });
    await store.create('/m/a', configMap('a'));
    await store.create('/m/b', configMap('b'));
    await waitFor(() => good.length === 2 && warnings.length === 1, 'events and warning');
    assert.equal(badCalls, 1);
  } finally {
    process.off('warning', onWarning);
  }
});
