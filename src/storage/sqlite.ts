// The sqlite backend (the default for the hub): state and recent history in memory, every write appended
// to an SQLite log first. Writes arriving in the same event-loop turn are group-committed in one
// transaction and acknowledged once it is durable (fsync of the WAL on the thread pool, shared by the
// transactions committed while it runs). After a restart the history ring is empty, so a
// watch or list from an older revision answers Compacted and the client relists.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { CommittingStore } from './committing-store.js';
import { MemoryState } from './memory-state.js';
import { SqliteLog } from './sqlite-log.js';
import type { FsyncMode } from './sqlite-log.js';
import type { Store } from './store.js';
import type { ValueTransformer } from './transformer.js';

export interface SqliteStoreOptions {
  /** Events kept in memory for watch resume and list-at-revision (default 100,000). */
  historyCapacity?: number;
  /** 'full' (default): acknowledged writes survive power loss. 'normal': they survive a process crash. */
  fsync?: FsyncMode;
  /** Applied to values written to and read from the file (default: stored as they are). */
  transformer?: ValueTransformer;
}

export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const log = new SqliteLog(path, options.fsync ?? 'full', options.transformer);
  let state: MemoryState;
  try {
    const loaded = log.load();
    state = new MemoryState({ historyCapacity: options.historyCapacity, revision: loaded.revision, entries: loaded.entries });
  } catch (err) {
    log.close();
    throw err;
  }
  return new CommittingStore(state, {
    schedule: (flush) => setImmediate(flush),
    persist: (batch) => log.persist(batch),
    ...(log.durable ? { durable: log.durable } : {}),
    compact: (revision, isClosed) => log.compact(revision, isClosed),
    close: () => log.close(),
  });
}
