import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { configMap } from './testing.js';
import { openStore } from './index.js';

test('openStore opens each backend kind from its spec', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kurator-open-'));
  try {
    for (const spec of [{ kind: 'memory' } as const, { kind: 'sqlite', path: join(dir, 'nested', 'db.sqlite'), fsync: 'normal' } as const]) {
      const store = openStore(spec, { historyCapacity: 2 });
      for (let i = 0; i < 4; i++) await store.create(`/o/k${i}`, configMap(`k${i}`));
      assert.equal(store.count('/o/'), 4, spec.kind);
      // Events 3 and 4 are retained: a watch from 2 still works, one from 1 would need the evicted event 2.
      assert.equal(store.compactedRevision, 1, `${spec.kind} honours historyCapacity`);
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
