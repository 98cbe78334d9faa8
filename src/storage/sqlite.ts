// The sqlite backend (the default for the hub): state and recent history in memory, every write appended
// to an SQLite log first. Writes arriving in the same event-loop turn are group-committed in one
// transaction and acknowledged once it is durable. SQLite runs in a thread of its own (sqlite-writer.ts),
// so commits and fsyncs never hold up the event loop. After a restart the history ring is empty, so a
// watch or list from an older revision answers Compacted and the client relists.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { CommittingStore } from './committing-store.js';
import { loadedVersion } from './entry.js';
import { MemoryState } from './memory-state.js';
import type { FsyncMode, LogRow } from './sqlite-log.js';
import { SqliteWriter } from './sqlite-writer.js';
import type { Store, StoreEntry, StoreEvent } from './store.js';
import { IDENTITY_TRANSFORMER, type ValueTransformer } from './transformer.js';

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
  const transformer = options.transformer ?? IDENTITY_TRANSFORMER;
  const { writer, revision, rows } = SqliteWriter.open(path, options.fsync ?? 'full');
  let state: MemoryState;
  try {
    state = new MemoryState({ historyCapacity: options.historyCapacity, revision, entries: loaded(rows, transformer) });
  } catch (err) {
    writer.abandon();
    throw err;
  }
  return new CommittingStore(state, {
    schedule: (flush) => setImmediate(flush),
    persist: (batch) => writer.write(batch.map((event) => logRow(event, transformer))),
    compact: (revision) => writer.compact(revision),
    close: () => writer.close(),
  });
}

function* loaded(rows: Iterable<[string, string, number, number]>, transformer: ValueTransformer): Generator<StoreEntry> {
  for (const [key, stored, revision, createRevision] of rows) yield loadedVersion(key, transformer.fromStorage(key, stored), revision, createRevision);
}

/** A change as the log stores it (the value encrypted when the transformer says so). */
function logRow(event: StoreEvent, transformer: ValueTransformer): LogRow {
  const value = event.type === 'DELETED' ? null : transformer.toStorage(event.key, event.entry.value);
  return [event.revision, event.key, value, event.entry.createRevision, event.prev?.revision ?? null];
}
