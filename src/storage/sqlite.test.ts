import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { runStoreConformance } from './conformance.case.js';
import { configMap, readStoreFile } from './testing.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './store.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'kurator-sqlite-'));
}

runStoreConformance('sqlite', async (options) => {
  const dir = await tempDir();
  const path = join(dir, 'state.db');
  const opened: Store[] = [openSqliteStore(path, options)];
  return {
    store: opened[0]!,
    reopen: async () => {
      const store = openSqliteStore(path, options);
      opened.push(store);
      return store;
    },
    cleanup: async () => {
      for (const store of opened) await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

/** Runs `use` with the path of a store file in a fresh directory, removed afterwards. */
async function withStoreFile(use: (path: string) => Promise<void>): Promise<void> {
  const dir = await tempDir();
  try {
    await use(join(dir, 'state.db'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('sqlite store: a second open of the same file fails while the first holds it', () =>
  withStoreFile(async (path) => {
    const store = openSqliteStore(path);
    try {
      await store.create('/lock/a', configMap('a'));
      assert.throws(() => openSqliteStore(path), /in use by another process/);
      await store.close();
      const again = openSqliteStore(path);
      assert.equal(again.get('/lock/a')?.revision, 1);
      await again.close();
    } finally {
      await store.close();
    }
  }));

test('sqlite store: the log keeps every revision until compaction removes superseded rows and tombstones', () =>
  withStoreFile(async (path) => {
    const store = openSqliteStore(path);
    try {
      const a1 = await store.create('/log/a', configMap('a', { v: '1' }));
      const a2 = await store.update('/log/a', configMap('a', { v: '2' }));
      const b1 = await store.create('/log/b', configMap('b'));
      const b2 = await store.delete('/log/b');
      const a3 = await store.update('/log/a', configMap('a', { v: '3' }));
      assert.deepEqual([a1, a2, b1, b2, a3].map((e) => e.revision), [1, 2, 3, 4, 5]);
      await store.compact(b2.revision);
      await store.close();

      readStoreFile(path, (db) => {
        const rows = db.prepare('SELECT revision, key, value IS NULL AS tombstone, create_revision, prev_revision FROM log ORDER BY revision').raw().all();
        // a@2 is still the latest version of a at revision 4, so it survives; a@1, b@3 and the tombstone go.
        assert.deepEqual(rows, [
          [2, '/log/a', 0, 1, 1],
          [5, '/log/a', 0, 1, 2],
        ]);
        const meta = Object.fromEntries(db.prepare('SELECT name, value FROM meta').raw().all() as [string, number][]);
        assert.equal(meta['compacted'], 4);
      });
    } finally {
      await store.close();
    }
  }));

test('sqlite store: reopening loads each key\'s newest version from the log, before and after compaction, deletes and re-creates included', () =>
  withStoreFile(async (path) => {
    const snapshot = (store: Store) => store.list('/s/').items.map((e) => [e.key, e.revision, e.createRevision, e.object.data]);
    let store = openSqliteStore(path);
    try {
      await store.create('/s/a', configMap('a', { v: '1' }));
      await store.create('/s/b', configMap('b', { v: '1' }));
      await store.update('/s/a', configMap('a', { v: '2' }));
      await store.delete('/s/b');
      await store.create('/s/c', configMap('c', { v: '1' }));
      await store.compact(store.revision);
      await store.create('/s/b', configMap('b', { v: 'again' }));
      await store.update('/s/c', configMap('c', { v: '2' }));
      await store.delete('/s/c');
      await store.create('/s/d', configMap('d', { v: '1' }));
      const before = snapshot(store);
      assert.deepEqual(before.map(([key]) => key), ['/s/a', '/s/b', '/s/d']);
      await store.close();
      store = openSqliteStore(path);
      assert.deepEqual(snapshot(store), before);
      assert.equal(store.revision, 9);
    } finally {
      await store.close();
    }
  }));

test('sqlite store: a file with the earlier current-state table opens with its objects from the log, and the copy is dropped', () =>
  withStoreFile(async (path) => {
    const store = openSqliteStore(path);
    try {
      await store.create('/old/a', configMap('a', { v: '1' }));
      await store.create('/old/b', configMap('b', { v: '1' }));
      await store.update('/old/a', configMap('a', { v: '2' }));
      await store.close();
      // What the earlier layout kept beside the log: the same objects, a second time.
      const db = new Database(path);
      db.exec('CREATE TABLE current (key TEXT PRIMARY KEY, revision INTEGER NOT NULL, create_revision INTEGER NOT NULL, value TEXT NOT NULL)');
      db.exec("INSERT INTO current SELECT key, revision, create_revision, value FROM log WHERE revision IN (2, 3)");
      db.close();
      const reopened = openSqliteStore(path);
      try {
        assert.deepEqual(reopened.list('/old/').items.map((e) => [e.key, e.revision, e.object.data]), [['/old/a', 3, { v: '2' }], ['/old/b', 2, { v: '1' }]]);
        await reopened.create('/old/c', configMap('c'));
      } finally {
        await reopened.close();
      }
      readStoreFile(path, (check) => assert.equal(check.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'current'").pluck().get(), 0));
    } finally {
      await store.close();
    }
  }));

const crashWriter = fileURLToPath(new URL('./testdata/crash-writer.js', import.meta.url));

/** Runs the writer child, kills it with SIGKILL after `acks` acknowledged writes, returns key → highest acked revision. */
async function writeUntilKilled(path: string, fsync: 'full' | 'normal', acks: number): Promise<Map<string, number>> {
  const child = spawn(process.execPath, [crashWriter, path, fsync], { stdio: ['ignore', 'pipe', 'inherit'] });
  const acked = new Map<string, number>();
  let buffered = '';
  let count = 0;
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      const [key, revision] = line.split(' ');
      if (key === 'ready') continue;
      acked.set(key!, Math.max(acked.get(key!) ?? 0, Number(revision)));
      if (++count === acks) child.kill('SIGKILL');
    }
  });
  const signal = await exited;
  assert.equal(signal, 'SIGKILL', 'the writer must die by SIGKILL, mid-stream');
  return acked;
}

for (const fsync of ['full', 'normal'] as const) {
  test(`sqlite store (fsync ${fsync}): every acknowledged write survives SIGKILL of the writer`, () =>
    withStoreFile(async (path) => {
      const acked = await writeUntilKilled(path, fsync, 3000);
      assert.ok(acked.size > 0);
      const store = openSqliteStore(path);
      try {
        let maxAcked = 0;
        for (const [key, revision] of acked) {
          const entry = store.get(key);
          assert.ok(entry, `acknowledged ${key}@${revision} is missing after the crash`);
          assert.ok(entry.revision >= revision, `${key} went back from ${revision} to ${entry.revision}`);
          assert.equal(entry.object.metadata.resourceVersion, String(entry.revision));
          maxAcked = Math.max(maxAcked, revision);
        }
        assert.ok(store.revision >= maxAcked);
        const next = await store.create('/crash/after', configMap('after'));
        assert.ok(next.revision > maxAcked);
      } finally {
        await store.close();
      }
    }));
}
